import datetime

import pytest

from .. import factories

pytestmark = pytest.mark.django_db

INDEX_URL = "/en/media-centre/press-releases/"


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


def test_releases_are_listed_newest_first(client, index):
    factories.release(index, 1, title="Older news", date=datetime.date(2016, 3, 1))
    factories.release(index, 2, title="Newest news", date=datetime.date(2017, 12, 11))
    factories.release(index, 3, title="Middle news", date=datetime.date(2017, 1, 5))
    html = client.get(INDEX_URL).content.decode()
    assert html.index("Newest news") < html.index("Middle news") < html.index("Older news")


def test_drafts_are_not_listed(client, index):
    factories.release(index, 1, title="A published release")
    factories.release(index, 2, title="A draft release", live=False)
    html = client.get(INDEX_URL).content.decode()
    assert "A published release" in html
    assert "A draft release" not in html


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("", 1),
        ("?page=2", 2),
        ("?page=3", 3),
        ("?page=99", 3),
        ("?page=abc", 1),
        ("?page=-1", 3),
        ("?page=1e9", 1),
    ],
)
def test_pagination_never_fails(client, index, settings, query, expected_page):
    settings.PRESSRELEASES_PAGE_SIZE = 2
    for number in range(1, 6):
        factories.release(index, number, title=f"Numbered release {number:02d}")
    response = client.get(INDEX_URL + query)
    assert response.status_code == 200
    releases = response.context["releases"]
    assert releases.number == expected_page
    assert len(releases.object_list) == (1 if expected_page == 3 else 2)


def test_year_archive_lists_only_that_year(client, index):
    factories.release(index, 1, title="Twenty-sixteen story", date=datetime.date(2016, 11, 17))
    factories.release(index, 2, title="Twenty-seventeen story", date=datetime.date(2017, 11, 3))
    response = client.get(INDEX_URL + "2017/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Twenty-seventeen story" in html
    assert "Twenty-sixteen story" not in html
    assert response.context["year"] == 2017


def test_year_list_comes_from_live_releases(client, index):
    factories.release(index, 1, date=datetime.date(2016, 1, 1))
    factories.release(index, 2, date=datetime.date(2012, 4, 20))
    factories.release(index, 3, date=datetime.date(2009, 4, 20), live=False)
    response = client.get(INDEX_URL)
    assert response.context["years"] == [2016, 2012]
    html = response.content.decode()
    assert 'href="/en/media-centre/press-releases/2016/"' in html
    assert 'href="/en/media-centre/press-releases/2012/"' in html
    assert "/2009/" not in html


@pytest.mark.parametrize("year", ["2009", "0", "99999"])
def test_a_year_without_live_releases_is_a_404(client, index, year):
    factories.release(index, 1, date=datetime.date(2016, 1, 1))
    factories.release(index, 2, date=datetime.date(2009, 4, 20), live=False)
    assert client.get(f"{INDEX_URL}{year}/").status_code == 404


def test_topic_archive_filters_by_topic_in_the_same_language(client, index):
    protection = factories.topic("en", "Child protection", "child-protection")
    factories.attach(factories.release(index, 1, title="About protection"), topics=[protection])
    factories.release(index, 2, title="About something else")
    response = client.get(INDEX_URL + "topic/child-protection/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "About protection" in html
    assert "About something else" not in html
    assert response.context["topic"] == protection


def test_year_counts_count_each_release_once_whatever_its_topics(client, index):
    protection, water = factories.topic(), factories.topic("en", "Water", "water")
    both = factories.release(index, 1, date=datetime.date(2017, 3, 1))
    factories.attach(both, topics=[water, protection])
    factories.attach(factories.release(index, 2, date=datetime.date(2016, 5, 1)), topics=[water])
    factories.release(index, 3, date=datetime.date(2017, 6, 1))
    factories.release(index, 4, date=datetime.date(2017, 7, 1), live=False)

    assert index.releases_per_year() == {2017: (2, 2), 2016: (1, 1)}
    assert index.releases_per_year(protection) == {2017: (2, 1), 2016: (1, 0)}
    assert index.releases_per_year(water) == {2017: (2, 1), 2016: (1, 1)}
    archive = client.get(INDEX_URL + "topic/water/").content.decode()
    assert archive.count('class="release-card"') == 2


def test_unknown_topic_or_topic_of_another_language_is_a_404(client, index):
    factories.topic("ru", "Защита детей", "child-protection")
    assert client.get(INDEX_URL + "topic/child-protection/").status_code == 404
    assert client.get(INDEX_URL + "topic/no-such-topic/").status_code == 404
