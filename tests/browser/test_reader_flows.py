"""What a reader does in a real browser: switch language, search, print, e-mail a release."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from pressreleases.models import PressReleasePage

pytestmark = pytest.mark.django_db
RELEASE = "children-take-over-the-news-on-world-childrens-day"


def release(language, slug=RELEASE):
    return PressReleasePage.objects.get(locale__language_code=language, slug=slug)


def test_switching_language_on_a_release_lands_on_its_translation(page, live_site):
    english, russian = release("en"), release("ru")
    page.goto(english.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()

    expect(page).to_have_url(live_site(russian.url))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(russian.title)


def test_searching_from_a_kazakh_page_finds_kazakh_releases(page, live_site):
    wanted = release("kk", "young-reporters-from-osh-and-batken-go-on-air")
    page.goto(release("kk").url)

    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("тілшілері")
    search.get_by_role("button").click()

    expect(page).to_have_url(
        live_site("/kk/search/?q=%D1%82%D1%96%D0%BB%D1%88%D1%96%D0%BB%D0%B5%D1%80%D1%96")
    )
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=wanted.title)).to_have_attribute("href", wanted.url)
    # Only Kazakh pages: every result links into the Kazakh tree.
    hrefs = results.get_by_role("link").evaluate_all("links => links.map(link => link.pathname)")
    assert hrefs and all(href.startswith("/kk/") for href in hrefs), hrefs


def test_the_print_view_keeps_the_article_and_drops_the_chrome(page):
    english = release("en")
    page.goto(english.url)
    chrome = [".site-nav", ".language-switcher", ".breadcrumbs", ".share", ".related"]
    for selector in chrome:
        expect(page.locator(selector)).to_be_visible()

    page.emulate_media(media="print")

    for selector in chrome:
        expect(page.locator(selector)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(english.title)
    expect(page.locator(".press-release-body")).to_be_visible()
    expect(page.locator(".hero img")).to_be_visible()
    expect(page.locator(".contacts")).to_be_visible()


def test_email_this_article_is_a_well_formed_mailto_link(page, live_site):
    english = release("en")
    page.goto(english.url)

    href = page.get_by_role("link", name="Email this article").get_attribute("href")

    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert parts.path == ""  # the reader chooses the recipient
    fields = parse_qs(parts.query, strict_parsing=True)
    assert fields["subject"] == [english.title]
    assert fields["body"] == [live_site(english.url)]
    # The address in the body opens the release itself.
    page.goto(fields["body"][0])
    expect(page.get_by_role("heading", level=1)).to_have_text(english.title)
