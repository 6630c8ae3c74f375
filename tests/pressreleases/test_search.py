"""The search page: one language's live, public pages, promoted picks first, safe on any input."""

import datetime

import pytest
from django.db import DatabaseError, connection
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from modelsearch.backends.base import BaseSearchResults
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import PageViewRestriction
from wagtail.search.models import IndexEntry

from .. import factories
from ..html import links, text

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search"
)

PATHOLOGICAL_QUERIES = [
    "x" * 5000,
    "!!!???...,,,;;;",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    '"unbalanced quote',
    "unbalanced' quote'''",
    "&&||",
    "!water & | ( ) : * \\",
    "water:true live:false",
    "%_%",
    "water\x00\x07\x1b",
]


@pytest.fixture
def indexes():
    """English and Russian press release indexes, each in its own media centre."""
    english = factories.release_index(factories.media_centre("en"))
    russian = factories.release_index(factories.media_centre("ru"))
    return english, russian


def search(client, query, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    html = response.content.decode()
    start = html.find('<ol class="search-results">')
    if start == -1:
        return []
    results = html[start : html.index("</ol>", start)]
    return [title for _href, title in links(results)]


def test_results_come_only_from_the_language_being_read(client, indexes):
    english, russian = indexes
    factories.release(english, 1, title="Clean water for schools", slug="water")
    factories.release(russian, 1, title="Чистая вода: water для школ", slug="water")

    assert result_titles(search(client, "water", "en")) == ["Clean water for schools"]
    assert result_titles(search(client, "water", "ru")) == ["Чистая вода: water для школ"]
    assert result_titles(search(client, "water", "kk")) == []


def test_each_result_shows_its_type_date_and_summary(client, indexes):
    english, russian = indexes
    factories.release(
        english,
        1,
        title="Vaccines arrive",
        date=datetime.date(2017, 3, 9),
        summary="Doses landed.",
    )
    factories.release(
        russian, 1, title="Прибыли вакцины", date=datetime.date(2017, 3, 9), summary="Вакцины."
    )
    factories.standard_page(english.get_parent(), title="About vaccines", slug="about")

    english_text = text(search(client, "vaccines", "en").content.decode())
    assert "Press release, 9 March 2017" in english_text
    assert "Doses landed." in english_text
    assert "Standard page" in english_text

    russian_text = text(search(client, "Прибыли", "ru").content.decode())
    with translation.override("ru"):
        russian_date = date_format(datetime.date(2017, 3, 9), "DATE_FORMAT")
    assert russian_date == "9 марта 2017 г."
    assert russian_date in russian_text


def test_a_result_links_to_its_page(client, indexes):
    english, _russian = indexes
    release = factories.release(english, 1, title="Nutrition survey", slug="nutrition")

    html = search(client, "nutrition").content.decode()

    assert (release.url, "Nutrition survey") in links(html)


@override_settings(PRESSRELEASES_PAGE_SIZE=2)
def test_results_are_paginated(client, indexes):
    english, _russian = indexes
    for number in range(1, 4):
        factories.release(english, number, title=f"Immunisation week {number}")

    first = search(client, "immunisation")
    second = search(client, "immunisation", page=2)

    assert len(result_titles(first)) == 2
    assert len(result_titles(second)) == 1
    assert set(result_titles(first)) | set(result_titles(second)) == {
        "Immunisation week 1",
        "Immunisation week 2",
        "Immunisation week 3",
    }
    assert "3 results for “immunisation”" in text(first.content.decode())
    assert 'rel="next"' in first.content.decode()


def test_promoted_results_come_first_and_only_once(client, indexes):
    english, russian = indexes
    for number in range(1, 3):
        factories.release(english, number, title=f"Floods update {number}")
    pick = factories.standard_page(
        english.get_parent(), title="Emergency appeal", slug="appeal", intro="<p>Help now</p>"
    )
    other_language = factories.standard_page(russian.get_parent(), title="Призыв", slug="appeal")
    picks = Query.get("floods")
    picks.editors_picks.create(page=other_language, sort_order=0)
    picks.editors_picks.create(page=pick, sort_order=1, description="Give to the appeal.")

    response = search(client, "Floods")
    titles = result_titles(response)

    assert titles[0] == "Emergency appeal"
    assert titles.count("Emergency appeal") == 1
    assert sorted(titles[1:]) == ["Floods update 1", "Floods update 2"]
    assert "Призыв" not in titles
    assert "Give to the appeal." in text(response.content.decode())


def test_a_search_is_counted_for_the_search_terms_report(client, indexes):
    search(client, "  Water  ")
    search(client, "water", page=2)
    search(client, "")

    assert list(Query.objects.values_list("query_string", flat=True)) == ["water"]
    assert Query.get("water").hits == 1


def test_empty_query_shows_a_prompt_and_no_results(client, indexes):
    english, _russian = indexes
    factories.release(english, 1)

    for query in ["", "   ", "\t\n"]:
        response = search(client, query)
        assert "Enter one or more words" in text(response.content.decode())
        assert result_titles(response) == []
    assert not Query.objects.exists()


def test_search_page_is_not_indexed_and_has_a_labelled_field(client, indexes):
    html = search(client, "water").content.decode()

    assert '<meta name="robots" content="noindex">' in html
    assert '<label for="search-query">' in html
    assert 'id="search-query"' in html


@pytest.mark.parametrize("query", PATHOLOGICAL_QUERIES)
def test_pathological_queries_give_a_normal_page(client, indexes, query):
    english, _russian = indexes
    factories.release(english, 1, title="Water and sanitation")

    html = search(client, query).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "Search" in text(html)


def test_html_in_the_query_is_echoed_escaped(client, indexes):
    html = search(client, "<script>alert(1)</script>").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_a_query_is_cut_to_the_maximum_length(client, indexes):
    html = search(client, "y" * 1000).content.decode()

    assert f'value="{"y" * 200}"' in html
    assert "y" * 201 not in html
    assert Query.objects.get().query_string == "y" * 200


@override_settings(PRESSRELEASES_SEARCH_MAX_QUERY_LENGTH=5)
def test_the_maximum_length_is_a_setting(client, indexes):
    english, _russian = indexes
    factories.release(english, 1, title="Water for all")

    response = search(client, "water supply")

    assert result_titles(response) == ["Water for all"]


def test_control_characters_are_dropped_from_the_query(client, indexes):
    english, _russian = indexes
    factories.release(english, 1, title="Water for all")

    response = search(client, "water\x00\x1b")

    assert result_titles(response) == ["Water for all"]


def test_quotes_do_not_stop_a_search(client, indexes):
    english, _russian = indexes
    factories.release(english, 1, title="Water quality")

    assert result_titles(search(client, '"water quality')) == ["Water quality"]
    assert result_titles(search(client, "'water' \"quality\"")) == ["Water quality"]


def test_a_query_the_database_refuses_gives_a_gentle_message(client, indexes, monkeypatch):
    english, _russian = indexes
    factories.release(english, 1, title="Water quality")

    def refuse(results):
        raise DatabaseError("syntax error in the search query")

    monkeypatch.setattr(BaseSearchResults, "count", refuse)
    response = search(client, "water")

    assert "could not be run" in text(response.content.decode())
    assert result_titles(response) == []


def test_drafts_embargoed_withdrawn_and_private_pages_are_never_found(client, indexes):
    english, _russian = indexes
    factories.release(english, 1, title="Polio public")
    factories.release(english, 2, title="Polio draft", live=False)
    embargoed = factories.release(english, 3, title="Polio embargoed", live=False)
    embargoed.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    embargoed.save_revision().publish()
    withdrawn = factories.release(english, 4, title="Polio withdrawn")
    withdrawn.unpublish()
    private = factories.release(english, 5, title="Polio private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert result_titles(search(client, "polio")) == ["Polio public"]


def test_every_page_has_a_search_form_in_its_navigation(client, indexes):
    english, _russian = indexes

    html = client.get(english.url).content.decode()

    assert '<form class="site-search" role="search" action="/en/search/"' in html
    assert '<label for="site-search-query">' in html


@needs_postgresql
@pytest.mark.parametrize(
    ("written", "query"),
    [
        ("Помощь школам в регионах", "школы"),
        ("Вакцины для детей", "дети"),
        ("Права ребёнка и дети", "детей"),
        ("Обучение учителей", "учитель"),
    ],
)
def test_russian_is_stemmed(client, indexes, written, query):
    _english, russian = indexes
    factories.release(russian, 1, title=written)

    assert result_titles(search(client, query, "ru")) == [written]


@needs_postgresql
def test_english_is_stemmed(client, indexes):
    english, _russian = indexes
    factories.release(english, 1, title="Vaccinating children in schools")

    assert result_titles(search(client, "school vaccinated", "en")) == [
        "Vaccinating children in schools"
    ]


@needs_postgresql
def test_kazakh_is_indexed_word_for_word(client, indexes):
    centre = factories.media_centre("kk")
    kazakh = factories.release(factories.release_index(centre), 1, title="Балаларға арналған")

    entry = IndexEntry.objects.get(object_id=str(kazakh.pk))
    assert "'балаларға'" in entry.title
    assert result_titles(search(client, "балаларға", "kk")) == ["Балаларға арналған"]
