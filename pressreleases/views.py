"""Public views of the add-on outside Wagtail's page tree: embargoed preview links."""

import re

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from .preview_links import PreviewLink, PreviewLinkVisit, approved_revision

# What secrets.token_urlsafe makes; anything else (a NUL byte, say) never reaches the database.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")

NOTICES = {
    "unknown": (
        _("Preview not found"),
        _("There is no preview at this address. Check that the link was copied in full."),
    ),
    "expired": (
        _("Preview link expired"),
        _("This preview link has expired. Ask the press office for a new one if you need it."),
    ),
    "revoked": (
        _("Preview link withdrawn"),
        _("The press office has withdrawn this preview link."),
    ),
    "unavailable": (
        _("Preview not available"),
        _("This release is not available for preview in this language."),
    ),
}


def private(response):
    """An embargoed preview is for one reader: never cached, indexed or passed on in a Referer."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def utc_offset(moment):
    """The site's offset from UTC at that moment, e.g. "UTC+05:00", for readers abroad."""
    offset = int(timezone.localtime(moment).utcoffset().total_seconds() // 60)
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{'-' if offset < 0 else '+'}{hours:02}:{minutes:02}"


def notice(request, kind, status):
    title, message = NOTICES[kind]
    response = TemplateResponse(
        request,
        "pressreleases/preview_links/notice.html",
        {"title": title, "message": message},
        status=status,
    )
    return private(response)


def preview_link(request, token):
    """The release in the language of the URL's prefix, as approved, for whoever has the link."""
    language = translation.get_language()
    link = (
        PreviewLink.objects.select_related("page__locale").filter(token=token).first()
        if TOKEN_PATTERN.fullmatch(token)
        else None
    )
    if link is None:
        return notice(request, "unknown", 404)

    if not link.is_active:
        PreviewLinkVisit.objects.create(link=link, language=language, status_code=410)
        return notice(request, "revoked" if link.is_revoked else "expired", 410)

    pages = link.pages()
    revision = approved_revision(pages[language]) if language in pages else None
    if revision is None:
        return notice(request, "unavailable", 404)

    release = revision.as_object()
    now = timezone.now()
    embargo = release.go_live_at if release.go_live_at and release.go_live_at > now else None
    context = release.get_context(request)
    context.update(
        page_template=release.get_template(request),
        embargoed_until=embargo,
        embargo_zone=embargo and utc_offset(embargo),
        preview_languages=[
            {
                "code": code,
                "name": name,
                "url": link.get_absolute_url(code),
                "is_current": code == language,
            }
            for code, name in settings.LANGUAGES
            if code in pages and link.all_translations
        ],
    )
    PreviewLinkVisit.objects.create(link=link, language=language, status_code=200)
    return private(TemplateResponse(request, "pressreleases/preview_links/release.html", context))
