"""What a page says about itself to search engines, social networks and feed readers.

Shared by the feeds and the metadata tags, so a release carries the same date,
description and image everywhere.
"""

import datetime
import json
import mimetypes

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

# One rendition for the feeds' enclosures and the social cards: the largest JPEG of the
# release page's hero <picture> (includes/figure.html), so sharing creates no new file.
SHARE_IMAGE_SPEC = "width-1200|format-jpeg"
DESCRIPTION_LENGTH = 300
# Google shows at most 110 characters of a NewsArticle headline.
HEADLINE_LENGTH = 110
# As Django's json_script filter: the JSON can then never close its <script> element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_name(request):
    """The Wagtail site's name, or the WAGTAIL_SITE_NAME setting; empty when neither is set."""
    site = Site.find_for_request(request)
    if site and site.site_name:
        return site.site_name
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


def page_description(page):
    """The page's search description, else its summary, listing summary or introduction."""
    text = (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "listing_summary", "")
        or strip_tags(str(getattr(page, "intro", "") or ""))
    )
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def _local_to_the_second(moment):
    return timezone.localtime(moment).replace(microsecond=0)


def release_published_at(release):
    """When the release came out: its first publication if that was on its release date.

    Releases imported from the archive were published long after their date, so
    for them the start of the release date, in the site's time zone, stands in.
    """
    if release.first_published_at:
        first_published = _local_to_the_second(release.first_published_at)
        if first_published.date() == release.release_date:
            return first_published
    return timezone.make_aware(datetime.datetime.combine(release.release_date, datetime.time()))


def release_modified_at(release):
    """The last publication, never earlier than the release's own date."""
    published = release_published_at(release)
    if release.last_published_at is None:
        return published
    return max(_local_to_the_second(release.last_published_at), published)


def share_image(page):
    """The page's main image as a rendition for sharing, or None (also when its file is lost)."""
    image = getattr(page, "hero_image", None)
    if image is None:
        return None
    try:
        return image.get_rendition(SHARE_IMAGE_SPEC)
    except SourceImageIOError:
        return None


def image_alt_text(page):
    return getattr(page, "hero_alt_text", "") or page.hero_image.default_alt_text


def mime_type(rendition):
    return mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"


def news_article(release, request, url, rendition=None):
    """schema.org NewsArticle data for a press release, ready for json.dumps.

    Its language is the one it is served in, as in <html lang>: Wagtail serves
    each locale's pages under that language's prefix only.
    """
    publisher = {"@type": "Organization", "name": site_name(request)}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(release.seo_title or release.title).chars(HEADLINE_LENGTH),
        "description": page_description(release),
        "datePublished": release_published_at(release).isoformat(),
        "dateModified": release_modified_at(release).isoformat(),
        "dateline": release.dateline,
        "inLanguage": translation.get_language(),
        "url": url,
        "mainEntityOfPage": url,
        "author": publisher,
        "publisher": publisher,
    }
    if rendition is not None:
        data["image"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return data


def json_for_script(data):
    """JSON safe to put between <script> tags: <, > and & are written as \\u escapes."""
    return mark_safe(  # noqa: S308 - every character that could end the element is escaped
        json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    )
