"""The <head> metadata of media-centre pages: description, Open Graph, Twitter card, JSON-LD."""

from django import template
from django.utils.translation import get_language, to_locale
from wagtail.models import Page

from pressreleases import metadata
from pressreleases.models import PressReleasePage

register = template.Library()


@register.inclusion_tag("pressreleases/includes/metadata.html", takes_context=True)
def page_metadata(context, page=None):
    """Tags describing the page; press releases become articles with a NewsArticle JSON-LD."""
    page = context.get("page") if page is None else page
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return {}
    # The address as served, like the canonical link, so an archive describes itself.
    url = request.build_absolute_uri(request.path)
    rendition = metadata.share_image(page)
    # A draft without its date yet, in preview, is not an article so far.
    is_release = isinstance(page, PressReleasePage) and page.release_date is not None
    tags = {
        "site_name": metadata.site_name(request),
        "title": page.seo_title or page.title,
        "description": metadata.page_description(page),
        "url": url,
        "type": "article" if is_release else "website",
        # The served language, as <html lang>; page.locale would cost a query.
        "og_locale": to_locale(get_language()),
    }
    if rendition is not None:
        tags["image"] = {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": metadata.image_alt_text(page),
        }
    if is_release:
        tags["published_time"] = metadata.release_published_at(page).isoformat()
        tags["modified_time"] = metadata.release_modified_at(page).isoformat()
        tags["json_ld"] = metadata.json_for_script(
            metadata.news_article(page, request, url, rendition)
        )
    return tags
