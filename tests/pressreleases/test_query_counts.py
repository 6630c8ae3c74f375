"""Listings and releases cost the same number of queries however many releases exist."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pressreleases.models import Topic

from .. import factories

pytestmark = pytest.mark.django_db

INDEX_URL = "/en/media-centre/press-releases/"
# Wagtail routing costs one query per path segment; issue 9 brings this down to 10.
QUERY_BUDGET = 20


def build_releases(index, count, first_number=1):
    image = factories.make_image(title=f"Image {first_number}")
    people = [
        factories.contact("en", name=f"Officer {first_number}-{n}", email=f"o{n}@example.org")
        for n in range(2)
    ]
    subjects = [
        Topic.objects.get_or_create(
            locale=index.locale, slug=f"topic-{n}", defaults={"name": f"Topic {n}"}
        )[0]
        for n in range(2)
    ]
    for number in range(first_number, first_number + count):
        page = factories.release(
            index,
            number,
            date=datetime.date(2015 + number % 3, 1 + number % 12, 1),
            image=image,
        )
        factories.attach(page, contacts=people, topics=subjects)


def queries_for(client, url):
    client.get(url)  # warm the per-process caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        INDEX_URL,
        INDEX_URL + "2016/",
        INDEX_URL + "topic/topic-1/",
        INDEX_URL + "release-2/",
        "/en/media-centre/",
    ],
)
def test_query_count_is_the_same_for_5_and_50_releases(client, url):
    index = factories.release_index(factories.media_centre("en"))
    build_releases(index, 5)
    with_five = queries_for(client, url)
    build_releases(index, 45, first_number=6)
    with_fifty = queries_for(client, url)
    assert with_five == with_fifty
    assert with_fifty <= QUERY_BUDGET
