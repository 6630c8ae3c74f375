"""Pages cost at most QUERY_BUDGET queries, the same with 5 as with 200 releases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from pressreleases.models import PressReleasePage, PressReleaseTopic, Topic

from .. import factories

pytestmark = pytest.mark.django_db

INDEX_URL = "/en/media-centre/press-releases/"
QUERY_BUDGET = 10
URLS = [
    "/en/",
    "/en/media-centre/",
    INDEX_URL,
    INDEX_URL + "2016/",
    INDEX_URL + "topic/topic-1/",
    INDEX_URL + "release-2/",
]


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    """Count the queries of rendering a page, not of the full-page cache's copy of it."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def subjects():
    return [
        Topic.objects.create(locale=factories.locale("en"), slug=f"topic-{n}", name=f"Topic {n}")
        for n in range(2)
    ]


def build_releases(index, count, first_number, subjects):
    """Live releases with an image and topics; only the first few go through revisions."""
    image = factories.make_image(title=f"Image {first_number}")
    for number in range(first_number, first_number + count):
        page = PressReleasePage(
            title=f"Release number {number}",
            slug=f"release-{number}",
            dateline="Almaty",
            release_date=datetime.date(2015 + number % 3, 1 + number % 12, 1),
            summary=f"The lead paragraph of release {number}.",
            hero_image=image,
            body=[("paragraph", f"<p>Body text of release {number}.</p>")],
        )
        index.add_child(instance=page)
        PressReleaseTopic.objects.bulk_create(
            PressReleaseTopic(page=page, topic=topic, sort_order=n, locale=page.locale)
            for n, topic in enumerate(subjects)
        )


def queries_for(client, url):
    client.get(url)  # warm the per-process caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_pages_cost_the_same_few_queries_with_5_and_200_releases(client, subjects):
    index = factories.release_index(factories.media_centre("en"))
    build_releases(index, 5, 1, subjects)
    release = PressReleasePage.objects.get(slug="release-2")
    people = [factories.contact(name=f"Officer {n}", email=f"o{n}@example.org") for n in (1, 2)]
    factories.attach(release, contacts=people)
    with_five = {url: queries_for(client, url) for url in URLS}

    build_releases(index, 195, 6, subjects)
    with_two_hundred = {url: queries_for(client, url) for url in URLS}

    assert with_five == with_two_hundred
    assert max(with_two_hundred.values()) <= QUERY_BUDGET, with_two_hundred


def test_the_counted_pages_show_what_they_are_counted_for(client, subjects):
    """The budget holds with the listings, images, contacts and switcher all rendered."""
    index = factories.release_index(factories.media_centre("en"))
    build_releases(index, 12, 1, subjects)
    release = PressReleasePage.objects.get(slug="release-2")
    factories.attach(release, contacts=[factories.contact()])

    listing = client.get(INDEX_URL).content.decode()
    assert listing.count('class="release-card"') == 10
    assert listing.count("<picture>") == 10
    assert 'href="?page=2"' in listing
    assert "Page 1 of 2" in listing
    assert 'hreflang="en"' in listing

    archive = client.get(INDEX_URL + "topic/topic-1/").content.decode()
    assert "Press releases on Topic 1" in archive
    assert archive.count('class="release-card"') == 10

    page = client.get(INDEX_URL + "release-2/").content.decode()
    assert "Gauhar Abdygaliyeva" in page
    assert "Topic 0" in page and "Topic 1" in page
    assert "<picture>" in page


def test_a_private_section_is_still_refused_after_fast_routing(client, subjects):
    index = factories.release_index(factories.media_centre("en"))
    build_releases(index, 2, 1, subjects)
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(INDEX_URL + "release-1/")
    assert response.status_code == 302
    assert "next=/en/media-centre/press-releases/release-1/" in response["Location"]
    listing = client.get("/en/media-centre/").content.decode()
    assert "Release number 1" not in listing


def test_an_archive_route_wins_over_a_release_with_the_same_slug(client, subjects):
    """As in Wagtail's own routing, the index's routes come before its children."""
    index = factories.release_index(factories.media_centre("en"))
    build_releases(index, 2, 1, subjects)
    factories.release(index, 99, slug="2016", date=datetime.date(2016, 5, 1))

    archive = client.get(INDEX_URL + "2016/").content.decode()
    assert "Press releases 2016" in archive
    assert client.get(INDEX_URL + "release-1/").status_code == 200
    assert client.get(INDEX_URL + "no-such-release/").status_code == 404
