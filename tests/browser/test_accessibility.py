"""axe-core finds no WCAG 2.1 A or AA violation on the key pages in any language.

axe-core comes bundled in the axe-playwright-python package (no CDN, no npm), and is
injected into each page after it has loaded.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from pressreleases.models import (
    ContactPage,
    EthicalGuidelinesPage,
    MediaCentrePage,
    PressReleaseIndexPage,
    PressReleasePage,
    ProjectProposalPage,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WCAG_21_AA = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
# A word every demo language has in its releases, so that the results page lists some.
SEARCH_WORDS = {"en": "children", "ru": "детей", "kk": "балалар", "ky": "балдар"}


def one(model, language, **filters):
    return model.objects.filter(locale__language_code=language, **filters).live().first()


def key_pages(language):
    """Path of each kind of page a reader meets, in one language."""
    index = one(PressReleaseIndexPage, language)
    release = one(PressReleasePage, language, hero_image__isnull=False)
    return {
        "home page": f"/{language}/",
        "media centre": one(MediaCentrePage, language).url,
        "press release index": index.url,
        "year archive": f"{index.url}{release.release_date.year}/",
        "press release": release.url,
        "project proposal": one(ProjectProposalPage, language).url,
        "ethical guidelines": one(EthicalGuidelinesPage, language).url,
        "contact page": one(ContactPage, language).url,
        "search results": f"/{language}/search/?q={SEARCH_WORDS[language]}",
    }


@pytest.fixture(scope="module")
def axe():
    return Axe()


def report(results):
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']} {node['html'][:160]}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_pages_have_no_wcag_violations(page, axe, language):
    failures = {}
    for name, path in key_pages(language).items():
        response = page.goto(path)
        assert response.status == 200, (name, path, response.status)
        assert page.locator("html").get_attribute("lang") == language, path
        results = axe.run(page, options={"runOnly": WCAG_21_AA, "resultTypes": ["violations"]})
        if results.violations_count:
            failures[f"{name} {path}"] = report(results)
    assert not failures, "\n\n".join(f"{page}\n{found}" for page, found in failures.items())


def test_search_results_list_releases_in_every_language(page):
    # The search page is only worth checking with results on it.
    for language in LANGUAGES:
        page.goto(key_pages(language)["search results"])
        assert page.locator(".search-result").count() > 0, language


def test_axe_reports_violations_it_is_shown(page, axe):
    """The check itself works: a page with known faults fails it."""
    page.set_content('<html><body><img src="x.png"><a href="/"></a></body></html>')
    results = axe.run(page, options={"runOnly": WCAG_21_AA})
    found = {violation["id"] for violation in results.response["violations"]}
    assert {"html-has-lang", "image-alt", "link-name", "document-title"} <= found
