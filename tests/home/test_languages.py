import re

import pytest

from .. import factories

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    ("code", "title"),
    [("en", "Home"), ("ru", "Главная"), ("kk", "Басты бет"), ("ky", "Башкы бет")],
)
def test_each_language_home_page_serves_in_its_language(client, code, title):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_lang(response) == code
    assert f"<h1>{title}</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("ru", "/ru/"),
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "/kk/"),
        ("ky", "/ky/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("de, ky;q=0.5", "/ky/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_readers_best_language(client, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target


def test_language_switcher_links_every_translation_of_the_page(client):
    html = client.get("/kk/").content.decode()
    for code, name in [("en", "English"), ("ru", "Русский"), ("ky", "Кыргызча")]:
        assert re.search(
            rf'<a href="/language/{code}/\?next=/{code}/" lang="{code}" hreflang="{code}">{name}</a>',
            html,
        )
    assert '<a href="/kk/" lang="kk" hreflang="kk" aria-current="true">Қазақша</a>' in html


def test_unknown_page_is_a_404_in_the_readers_language(client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "ru"


def test_admin_login_page_is_served(client):
    assert client.get("/admin/login/").status_code == 200


def test_home_page_header_links_to_its_languages_media_centre(client):
    factories.media_centre("kk")
    html = client.get("/kk/").content.decode()
    assert 'href="/kk/media-centre/"' in html
    assert 'href="/en/media-centre/"' not in html


def test_switcher_falls_back_to_the_nearest_translated_section(client):
    english_centre = factories.media_centre("en")
    factories.publish(english_centre.copy_for_translation(factories.locale("kk")))
    index = factories.release_index(english_centre)
    factories.release(index, 1, slug="only-in-english")
    html = client.get("/en/media-centre/press-releases/only-in-english/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="/language/kk/?next=/kk/media-centre/" lang="kk"' in switcher
    assert 'href="/language/ru/?next=/ru/" lang="ru"' in switcher
    assert 'href="/en/media-centre/press-releases/only-in-english/" lang="en"' in switcher


def test_head_carries_canonical_and_hreflang_for_live_translations_only(client):
    html = client.get("/ky/").content.decode()
    head = html[: html.index("</head>")]
    assert '<link rel="canonical" href="http://testserver/ky/">' in head
    for code in ["en", "ru", "kk", "ky"]:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/">' in head
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/">' in head

    factories.media_centre("en")
    head = client.get("/en/media-centre/").content.decode().split("</head>")[0]
    assert 'hreflang="en" href="http://testserver/en/media-centre/"' in head
    assert 'hreflang="kk"' not in head


def test_choosing_a_language_is_remembered_for_the_next_visit_to_the_root(client):
    response = client.get("/language/ky/", {"next": "/ky/media-centre/"})
    assert response.status_code == 302
    assert response["Location"] == "/ky/media-centre/"
    assert "no-store" in response["Cache-Control"]
    cookie = response.cookies["django_language"]
    assert cookie.value == "ky"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Location"] == "/ky/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/ky/", "//evil.example/ky/", "/ru/media-centre/", "", "javascript:x"],
)
def test_choosing_a_language_only_goes_to_a_page_of_that_language_here(client, next_url):
    response = client.get("/language/ky/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


def test_choosing_an_unknown_language_is_a_404(client):
    response = client.get("/language/fr/", {"next": "/fr/"}, follow=True)
    assert response.status_code == 404
    assert "django_language" not in client.cookies


def test_switcher_on_search_results_links_the_search_page_of_each_language(client):
    html = client.get("/ru/search/", {"q": "дети"}).content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    for code in ("en", "kk", "ky"):
        assert f'href="/language/{code}/?next=/{code}/search/" lang="{code}"' in switcher


def test_switcher_on_a_missing_page_links_each_home(client):
    html = client.get("/ru/no-such-page/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="/language/en/?next=/en/" lang="en"' in switcher
