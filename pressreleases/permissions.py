"""Who may change which language: an editor's languages are those of the trees they edit.

Wagtail scopes page permissions to trees but snippet permissions to whole models; the
media centre keeps one tree per language, so the trees a group may edit also say whose
contacts, topics and boilerplate it may change. One place, so pages, snippets and
translations agree.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from .models import MediaCentrePage

PAGE_EDITING_CODENAMES = ["add_page", "change_page", "publish_page"]


def editable_locale_ids(user):
    """The locales whose trees `user` may add to, edit or publish in; cached on the user."""
    if not user.is_active:
        return frozenset()
    if not hasattr(user, "_editable_locale_ids"):
        if user.is_superuser:
            ids = Locale.objects.values_list("pk", flat=True)
        else:
            granted = GroupPagePermission.objects.filter(
                group__user=user, permission__codename__in=PAGE_EDITING_CODENAMES
            )
            # A permission on the tree's root covers every language.
            if granted.filter(page__depth=1).exists():
                ids = Locale.objects.values_list("pk", flat=True)
            else:
                ids = granted.values_list("page__locale_id", flat=True)
        user._editable_locale_ids = frozenset(ids)
    return user._editable_locale_ids


def edits_every_language(user):
    """Whether `user` edits every language that has a media centre."""
    in_use = MediaCentrePage.objects.values_list("locale_id", flat=True)
    return editable_locale_ids(user) >= set(in_use)


def pages_seen_by(pages, user):
    """`pages` that are live, or that `user` may edit: a draft's or an embargoed release's
    title is news before its hour."""
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change", "publish"]
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


class OwnLanguagesPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to instances in the languages the user edits."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            instance.locale_id in editable_locale_ids(user)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(locale_id__in=editable_locale_ids(user))


def refuse_other_languages_on_create(request, model):
    """Send an editor to the add form of a language they edit, or refuse a foreign one."""
    if not scoped_by_language(model):
        return None
    allowed = editable_locale_ids(request.user)
    code = request.GET.get("locale")
    locale = Locale.objects.filter(language_code=code).first() if code else Locale.get_default()
    if locale is not None and locale.pk in allowed:
        return None
    if request.method != "GET":
        raise PermissionDenied
    own = Locale.objects.filter(pk__in=allowed).order_by("pk").first()
    if own is None:
        raise PermissionDenied
    messages.info(
        request,
        _("You may add these only in: %(language)s.") % {"language": own.get_display_name()},
    )
    add_url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")
    return redirect(f"{add_url}?locale={own.language_code}")


def refuse_other_languages(request, instances):
    for instance in instances:
        if scoped_by_language(type(instance)) and (
            instance.locale_id not in editable_locale_ids(request.user)
        ):
            raise PermissionDenied


def scoped_by_language(model):
    return isinstance(policy_registry.get_by_type(model), OwnLanguagesPermissionPolicy)
