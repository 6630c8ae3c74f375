from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to the current page in every language, falling back to that language's home."""
    request = context.get("request")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        url = target.get_url(request) if target else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the home page in the active language."""
    return f"/{translation.get_language() or Locale.get_default().language_code}/"
