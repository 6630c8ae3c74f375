"""sitemap.xml lists every live, public page of every language with hreflang alternates."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from .. import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOST = "http://testserver"


def sitemap_entries(client):
    """(location, {hreflang: href}) for each <url>, in the sitemap's order."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    # Our own output, parsed to prove it is well-formed XML.
    urlset = ElementTree.fromstring(response.content)  # noqa: S314
    assert urlset.tag == f"{SITEMAP}urlset"
    entries = []
    for url in urlset.findall(f"{SITEMAP}url"):
        alternates = {}
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            assert link.get("hreflang") not in alternates
            alternates[link.get("hreflang")] = link.get("href")
        entries.append((url.findtext(f"{SITEMAP}loc"), alternates))
    return entries


def translate(page, language):
    return factories.publish(page.copy_for_translation(factories.locale(language)))


@pytest.fixture
def site_tree():
    """An English media centre translated into Russian and Kazakh, with releases in each."""
    centre = factories.media_centre("en")
    index = factories.release_index(centre)
    shared = factories.release(index, 1, slug="shared")
    factories.release(index, 2, slug="english-only")
    factories.release(index, 3, slug="english-draft", live=False)
    private = factories.standard_page(centre, slug="members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    factories.standard_page(private, slug="members-news")
    for language in ["ru", "kk"]:
        translate(centre, language)
        translated_index = translate(index, language)
        translate(shared, language)
        factories.release(translated_index, 4, slug=f"{language}-only")
    translate(centre, "ky").unpublish()
    return centre


def test_every_live_public_page_of_every_language_is_listed_once(client, site_tree):
    locations = [location for location, _alternates in sitemap_entries(client)]
    expected = {f"{HOST}/{language}/" for language in ["en", "ru", "kk", "ky"]}
    expected |= {
        f"{HOST}/en/media-centre/",
        f"{HOST}/en/media-centre/press-releases/",
        f"{HOST}/en/media-centre/press-releases/shared/",
        f"{HOST}/en/media-centre/press-releases/english-only/",
    }
    for language in ["ru", "kk"]:
        expected |= {
            f"{HOST}/{language}/media-centre/",
            f"{HOST}/{language}/media-centre/press-releases/",
            f"{HOST}/{language}/media-centre/press-releases/shared/",
            f"{HOST}/{language}/media-centre/press-releases/{language}-only/",
        }
    assert sorted(locations) == sorted(expected)


def test_drafts_withdrawn_and_private_pages_are_absent_and_never_alternates(client, site_tree):
    everything = str(sitemap_entries(client))
    assert "english-draft" not in everything
    assert "members" not in everything
    assert "/ky/media-centre/" not in everything


def test_alternates_name_every_live_translation_and_the_english_default(client, site_tree):
    entries = dict(sitemap_entries(client))
    shared = {
        language: f"{HOST}/{language}/media-centre/press-releases/shared/"
        for language in ["en", "ru", "kk"]
    }
    expected = {**shared, "x-default": shared["en"]}
    for location in shared.values():
        assert entries[location] == expected
    homes = entries[f"{HOST}/ky/"]
    assert homes == {
        **{language: f"{HOST}/{language}/" for language in ["en", "ru", "kk", "ky"]},
        "x-default": f"{HOST}/en/",
    }


def test_a_page_with_no_english_version_has_no_x_default(client, site_tree):
    entries = dict(sitemap_entries(client))
    assert entries[f"{HOST}/kk/media-centre/press-releases/kk-only/"] == {
        "kk": f"{HOST}/kk/media-centre/press-releases/kk-only/"
    }


def sitemap_queries(client):
    client.get("/sitemap.xml")  # warm the per-process caches (site root paths)
    with CaptureQueriesContext(connection) as captured:
        entries = sitemap_entries(client)
    return len(captured), len(entries)


def test_sitemap_queries_do_not_grow_with_pages_or_translations(client, site_tree):
    small_queries, small_entries = sitemap_queries(client)
    index = site_tree.get_children().get(slug="press-releases").specific
    for number in range(10, 40):
        release = factories.release(index, number)
        translate(release, "ru")
        translate(release, "kk")
    large_queries, large_entries = sitemap_queries(client)
    assert large_entries == small_entries + 90
    assert large_queries == small_queries
    assert large_queries <= 10


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /language/" in lines  # the switcher's cookie-setting redirects
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
