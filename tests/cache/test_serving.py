"""What the page cache serves, to whom, and with which headers."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from mediacentre import page_cache as page_cache_module

from .. import factories
from .conftest import get

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_second_anonymous_request_is_served_without_the_database(client, page_cache, site):
    first, first_queries = get(client, "/en/media-centre/media-club/")
    second, second_queries = get(client, "/en/media-centre/media-club/")
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert "Pro-Children Media Club" in second.content.decode()


def test_cacheable_pages_are_public_for_shared_caches_and_revalidated_by_browsers(
    client, page_cache, site
):
    response = client.get("/en/media-centre/ethical-guidelines/")
    assert directives(response) == {"public", "max-age=0", "s-maxage=600"}
    # The user bar's look at the (empty) session must not split the cache by cookie.
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_readers_with_other_cookies_share_the_cached_page(client, page_cache, site):
    client.get("/en/media-centre/media-club/")
    client.cookies["django_language"] = "ru"
    response, queries = get(client, "/en/media-centre/media-club/")
    assert response.status_code == 200
    assert queries == 0


def test_the_cache_key_carries_the_language(client, page_cache):
    english = factories.standard_page(factories.media_centre("en"), title="Club")
    factories.standard_page(factories.media_centre("ru"), title="Клуб")
    assert "Club" in client.get(english.url).content.decode()
    russian, _ = get(client, "/ru/media-centre/media-club/")
    assert "Клуб" in russian.content.decode()
    english_again, queries = get(client, english.url)
    assert queries == 0 and "Клуб" not in english_again.content.decode()


def test_query_strings_are_cached_apart(client, page_cache, site):
    client.get("/en/media-centre/media-club/?page=2")
    response, queries = get(client, "/en/media-centre/media-club/")
    assert response.status_code == 200 and queries > 0


def test_signed_in_editors_never_get_or_fill_the_cache(client, page_cache, site):
    client.get("/en/media-centre/media-club/")
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(editor)
    response, queries = get(client, "/en/media-centre/media-club/")
    assert queries > 0
    assert {"private", "no-cache"} <= directives(response)
    # What the editor saw (with the user bar) is not what anonymous readers get next.
    client.logout()
    anonymous, anonymous_queries = get(client, "/en/media-centre/media-club/")
    assert anonymous_queries == 0
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_a_page_with_a_csrf_protected_form_is_never_stored(client, page_cache, site):
    factories.contact_page(site.centre)
    first = client.get("/en/media-centre/contact/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert {"private", "no-cache"} <= directives(first)
    second, queries = get(client, "/en/media-centre/contact/")
    assert queries > 0
    assert second.content != first.content  # each reader gets their own token


def test_posts_are_never_cached(client, page_cache, site):
    posted = client.post("/en/media-centre/media-club/", {})
    assert posted.status_code == 200
    assert {"private", "no-cache"} <= directives(posted)
    response, queries = get(client, "/en/media-centre/media-club/")
    assert queries > 0
    assert get(client, "/en/media-centre/media-club/")[1] == 0


def test_a_sent_enquiry_is_never_stored(client, page_cache, site):
    factories.contact_page(site.centre)
    sent = client.post(
        "/en/media-centre/contact/",
        {"your_name": "Aida", "e_mail": "aida@example.org", "message": "An interview?"},
    )
    assert sent.status_code == 200
    assert {"private", "no-cache"} <= directives(sent)
    form, _ = get(client, "/en/media-centre/contact/")
    assert "csrfmiddlewaretoken" in form.content.decode()


def test_search_is_never_cached(client, page_cache, site):
    response = client.get("/en/search/", {"q": "water"})
    assert response.status_code == 200
    assert {"private", "no-cache", "no-store"} <= directives(response)
    assert get(client, "/en/search/?q=water")[1] > 0


def test_the_admin_keeps_its_own_headers(admin_client, page_cache):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "public" not in directives(response)


def test_a_not_yet_live_page_is_a_404_a_cdn_may_keep_for_seconds(client, page_cache, site):
    draft = factories.release(site.index, 3, title="Embargoed news", live=False)
    response, _ = get(client, "/en/media-centre/press-releases/release-3/")
    assert response.status_code == 404
    assert directives(response) == {"public", "max-age=0", "s-maxage=10"}
    factories.publish(draft)
    response = client.get("/en/media-centre/press-releases/release-3/")
    assert response.status_code == 200
    assert "Embargoed news" in response.content.decode()


def test_a_withdrawn_release_keeps_its_own_headers_and_is_not_stored(client, page_cache, site):
    site.second.unpublish()
    response = client.get(site.second.url)
    assert response.status_code == 410
    assert directives(response) == {"public", "max-age=300"}
    assert get(client, site.second.url)[1] > 0


def test_head_requests_are_served_from_the_cache_too(client, page_cache, site):
    client.get("/en/media-centre/media-club/")
    with_head = client.head("/en/media-centre/media-club/")
    assert with_head.status_code == 200
    response, queries = get(client, "/en/media-centre/media-club/")
    assert queries == 0


def test_page_cache_off_when_seconds_is_zero(client, settings, site):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/media-centre/media-club/")
    response, queries = get(client, "/en/media-centre/media-club/")
    assert queries > 0
    assert "Cache-Control" not in response


def test_a_hit_gets_fresh_security_headers_and_its_own_request_id(client, page_cache, site):
    first = client.get("/en/media-centre/media-club/")
    second, queries = get(client, "/en/media-centre/media-club/")
    assert queries == 0
    for header in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert second[header] == first[header]
    assert second["X-Request-ID"] != first["X-Request-ID"]
    # As Django's cache middleware says of a hit: how long ago it was stored.
    assert "Age" not in first and int(second["Age"]) >= 0


def test_a_hit_says_how_many_seconds_ago_it_was_stored(client, page_cache, site):
    stored_at = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(stored_at, tick=False):
        client.get("/en/media-centre/media-club/")
    with time_machine.travel(stored_at + datetime.timedelta(seconds=42), tick=False):
        response, queries = get(client, "/en/media-centre/media-club/")
    assert queries == 0
    assert response["Age"] == "42"


def test_a_hit_is_in_the_language_of_its_address_whatever_the_reader_prefers(client, page_cache):
    factories.standard_page(factories.media_centre("ru"), title="Клуб")
    client.get("/ru/media-centre/media-club/", HTTP_ACCEPT_LANGUAGE="ru")
    response, queries = get(client, "/ru/media-centre/media-club/", HTTP_ACCEPT_LANGUAGE="en")
    assert queries == 0
    assert response["Content-Language"] == "ru"
    assert "Клуб" in response.content.decode()


def test_unprefixed_addresses_are_cached_per_negotiated_language(client, page_cache, site):
    russian, russian_queries = get(client, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ru")
    english = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en")
    russian_again, queries = get(client, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ru")
    assert russian_queries > 0 and queries == 0
    assert russian["Content-Language"] == russian_again["Content-Language"] == "ru"
    assert english["Content-Language"] == "en"


def count_reads(monkeypatch, cache):
    """The reads of the cache made from now on, by method."""
    reads, depth = [], [0]
    for method in ("get", "get_many"):
        original = getattr(cache, method)

        def counted(*args, _original=original, _method=method, **kwargs):
            # The local-memory cache's get_many() calls its get(): one read, not three.
            if not depth[0]:
                reads.append(_method)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, method, counted)
    return reads


def test_a_hit_costs_one_read_of_the_cache_once_the_process_knows_the_page(
    client, page_cache, site, monkeypatch
):
    """Round trips to Redis are what a hit costs most: the path's version comes with the
    first read, and the page itself with it once this process knows the page's key."""
    monkeypatch.setattr(page_cache_module, "KNOWN_HEADER_LISTS", {})
    client.get("/en/media-centre/media-club/")
    reads = count_reads(monkeypatch, page_cache)
    first, first_queries = get(client, "/en/media-centre/media-club/")
    assert reads == ["get_many", "get"]
    reads.clear()
    second, second_queries = get(client, "/en/media-centre/media-club/")
    assert reads == ["get_many"]
    assert first_queries == second_queries == 0
    assert first.content == second.content and b"Pro-Children Media Club" in second.content


def test_a_page_stored_under_other_headers_than_remembered_is_still_found(
    client, page_cache, site, monkeypatch
):
    monkeypatch.setattr(page_cache_module, "KNOWN_HEADER_LISTS", {})
    client.get("/en/media-centre/media-club/")
    client.get("/en/media-centre/media-club/")
    assert page_cache_module.KNOWN_HEADER_LISTS
    for key in page_cache_module.KNOWN_HEADER_LISTS:
        page_cache_module.KNOWN_HEADER_LISTS[key] = ["HTTP_USER_AGENT"]
    response, queries = get(client, "/en/media-centre/media-club/", HTTP_USER_AGENT="Reader")
    assert response.status_code == 200 and queries == 0
    assert b"Pro-Children Media Club" in response.content


def test_a_stored_feed_is_served_in_one_piece(client, page_cache, site):
    """The feed is written in hundreds of pieces, which the server would send one by one."""
    feed = site.index.url + "feed/rss/"
    first = client.get(feed)
    second, queries = get(client, feed)
    assert queries == 0
    assert len(list(second)) == 1
    assert second.content == first.content and b"Schools reopen" in second.content
