"""Absolute URLs name SITE_URL's host and port once setup_site has made the Site match it.

The API builds them from the Site record, whatever host a request came to; the feeds and
the sitemap from the requesting host, which is SITE_URL's when readers use that address.
"""

import io
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from wagtail.models import Site

from .. import factories

pytestmark = pytest.mark.django_db

SITE_URL = "http://127.0.0.1:8765"
AT_SITE_URL = {"HTTP_HOST": "127.0.0.1:8765"}
INDEX_PATH = "/en/media-centre/press-releases/"


@pytest.fixture
def site_at_site_url(settings):
    settings.SITE_URL = SITE_URL
    call_command("setup_site", stdout=io.StringIO())
    yield
    # Wagtail caches the sites' root URLs, which the rollback does not undo.
    Site.clear_site_root_paths_cache()


@pytest.fixture
def release(site_at_site_url):
    index = factories.release_index(factories.media_centre("en"))
    return factories.release(index, 1, slug="schools-reopen", image=factories.make_image())


def parse(response):
    assert response.status_code == 200
    # Our own output, parsed to prove it is well-formed XML.
    return ElementTree.fromstring(response.content)  # noqa: S314


@pytest.mark.parametrize("host", [{}, AT_SITE_URL])
def test_api_urls_name_site_url_whatever_host_is_asked(client, release, host):
    data = client.get(f"/api/v2/pages/{release.pk}/", **host).json()
    assert data["meta"]["html_url"] == f"{SITE_URL}{INDEX_PATH}schools-reopen/"
    assert data["meta"]["detail_url"] == f"{SITE_URL}/api/v2/pages/{release.pk}/"
    image = client.get(f"/api/v2/images/{release.hero_image_id}/", **host).json()
    assert image["meta"]["detail_url"] == f"{SITE_URL}/api/v2/images/{release.hero_image_id}/"


def test_feed_links_name_site_url(client, release):
    channel = parse(client.get(INDEX_PATH + "feed/rss/", **AT_SITE_URL)).find("channel")
    assert channel.findtext("link") == SITE_URL + INDEX_PATH
    [item] = channel.findall("item")
    assert item.findtext("link") == f"{SITE_URL}{INDEX_PATH}schools-reopen/"
    assert item.find("enclosure").get("url").startswith(SITE_URL + "/")


def test_sitemap_locations_name_site_url(client, release):
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urlset = parse(client.get("/sitemap.xml", **AT_SITE_URL))
    locations = [url.findtext(f"{namespace}loc") for url in urlset.findall(f"{namespace}url")]
    assert f"{SITE_URL}{INDEX_PATH}schools-reopen/" in locations
    assert all(location.startswith(SITE_URL + "/") for location in locations)
