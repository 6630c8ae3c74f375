from django import template
from django.conf import settings
from django.db.models import Subquery
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from pressreleases.tree import lineage_for

register = template.Library()

# Wagtail's tree stores each ancestor's path as a prefix of its descendants' paths.
PATH_STEP = Page.steplen


def language_versions(page, candidates=None):
    """Per language: (the live page to link to, whether it is a translation of `page`).

    Where the page has no live translation, the nearest ancestor that has one stands
    in (the language's media centre, or at least its home), so no link is a 404.
    One query, whatever the depth, unless the candidates (the live translations of the
    page and its ancestors, shallowest first) are given.
    """
    if not isinstance(page, Page):
        return {}
    if candidates is None:
        lineage_paths = [
            page.path[:end] for end in range(2 * PATH_STEP, len(page.path) + 1, PATH_STEP)
        ]
        candidates = (
            Page.objects.live()
            .filter(
                translation_key__in=Subquery(
                    Page.objects.filter(path__in=lineage_paths).values("translation_key")
                )
            )
            .select_related("locale")
            .order_by("depth")
        )
    versions = {}
    for candidate in candidates:
        # Deeper candidates come later and replace their ancestors.
        versions[candidate.locale.language_code] = (
            candidate,
            candidate.translation_key == page.translation_key,
        )
    return versions


def _cached_versions(context, page):
    request = context.get("request")
    cache = getattr(request, "_language_versions", None) if request else None
    if cache is None or cache[0] != getattr(page, "pk", None):
        # Routing fetched the page's lineage and its translations already.
        lineage = lineage_for(request, page)
        candidates = lineage.language_versions(page) if lineage is not None else None
        cache = (getattr(page, "pk", None), language_versions(page, candidates))
        if request is not None:
            request._language_versions = cache
    return cache[1]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to the current page in every language, or to its nearest translated ancestor."""
    request = context.get("request")
    current = translation.get_language()
    versions = _cached_versions(context, page)
    match = getattr(request, "resolver_match", None)
    # A view that is not a page (search) links its own empty form in each language: a query
    # in one language seldom finds anything in another.
    same_view = (
        not isinstance(page, Page) and match is not None and match.url_name != "wagtail_serve"
    )
    links = []
    for code, name in settings.LANGUAGES:
        target = versions.get(code, (None, False))[0]
        if target:
            url = target.get_url(request)
        elif same_view:
            url = translate_url(request.path, code)
        else:
            url = f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context, page=None):
    """Canonical link, and hreflang alternates for each live translation plus x-default.

    Alternates are only given on the page's own URL: a year archive or a filtered
    listing has no exact equivalent in the other languages.
    """
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return {}
    canonical = request.build_absolute_uri(request.path)
    if request.path != page.get_url(request):
        return {"canonical": canonical}
    alternates = []
    for code, _name in settings.LANGUAGES:
        target, is_translation = _cached_versions(context, page).get(code, (None, False))
        if is_translation:
            alternates.append((code, request.build_absolute_uri(target.get_url(request))))
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE),
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the home page in the active language."""
    return f"/{translation.get_language() or Locale.get_default().language_code}/"
