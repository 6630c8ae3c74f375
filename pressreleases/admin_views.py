"""Admin views where reviewers create, list and revoke a release's preview links."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.widgets import AdminDateTimeInput

from .models import PressReleasePage
from .preview_links import PreviewLink, default_expiry


class PreviewLinkForm(forms.ModelForm):
    class Meta:
        model = PreviewLink
        fields = ["all_translations", "expires_at"]
        widgets = {"expires_at": AdminDateTimeInput}

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at <= timezone.now():
            raise ValidationError(_("Choose a time in the future."))
        return expires_at


def release_for_reviewer(user, page_id):
    """The release, if the user may publish it: only reviewers hand releases to journalists."""
    page = get_object_or_404(PressReleasePage, pk=page_id)
    if not page.permissions_for_user(user).can_publish():
        raise PermissionDenied
    return page


def public_url(request, page, link):
    """The address a journalist can open: the release's site as it is known to the world, not
    whatever host the reviewer reached the admin by (an office address, a tunnel)."""
    site = page.get_site()
    base = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return base + link.get_absolute_url()


def preview_links(request, page_id):
    page = release_for_reviewer(request.user, page_id)
    if request.method == "POST":
        form = PreviewLinkForm(request.POST)
        if form.is_valid():
            link = form.save(commit=False)
            link.page = page
            link.created_by = request.user
            link.save()
            messages.success(request, _("Preview link created. Copy it from the list below."))
            return redirect("pressreleases_preview_links", page.pk)
    else:
        form = PreviewLinkForm(initial={"expires_at": default_expiry(page)})

    links = page.preview_links.annotate(visit_count=Count("visits"))
    for link in links:
        link.url = public_url(request, page, link)
    title = page.get_admin_display_title()
    return TemplateResponse(
        request,
        "pressreleases/preview_links/admin_index.html",
        {
            "page": page,
            "form": form,
            "links": links,
            "header_title": _("Preview links for “%(title)s”") % {"title": title},
            "page_title": _("Preview links"),
            "page_subtitle": title,
            "header_icon": "link",
        },
    )


@require_POST
def revoke_preview_link(request, page_id, link_id):
    page = release_for_reviewer(request.user, page_id)
    link = get_object_or_404(PreviewLink, pk=link_id, page=page)
    link.revoke()
    messages.success(request, _("Preview link revoked: it no longer shows the release."))
    return redirect("pressreleases_preview_links", page.pk)


class PreviewLinksMenuItem(PageMenuItem):
    """The "Preview links" item in a release's header and listing menus, for those who may publish it."""

    label = _("Preview links for journalists")
    icon_name = "link"
    url_name = "pressreleases_preview_links"
    priority = 45

    def is_shown(self, user):
        return issubclass(self.page.specific_class or object, PressReleasePage) and (
            self.page.permissions_for_user(user).can_publish()
        )


admin_urls = [
    path(
        "press-releases/<int:page_id>/preview-links/",
        preview_links,
        name="pressreleases_preview_links",
    ),
    path(
        "press-releases/<int:page_id>/preview-links/<int:link_id>/revoke/",
        revoke_preview_link,
        name="pressreleases_revoke_preview_link",
    ),
]
