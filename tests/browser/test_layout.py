"""The key pages fit a phone and a desktop screen without sideways scrolling (320 px is
WCAG 2.1's reflow width). Full-page screenshots at 375 and 1280 px are kept under
var/screenshots/ for people to look at (test artefacts, not compared)."""

import pytest

from pressreleases.models import PressReleaseIndexPage, PressReleasePage

from .conftest import ARTEFACTS

pytestmark = pytest.mark.django_db

WIDTHS = [320, 375, 1280]
SCREENSHOT_WIDTHS = {375, 1280}
RELEASE = "children-take-over-the-news-on-world-childrens-day"


def key_pages():
    index = PressReleaseIndexPage.objects.get(locale__language_code="en")
    release = PressReleasePage.objects.get(locale__language_code="en", slug=RELEASE)
    return {
        "home": "/en/",
        "media-centre": index.get_parent().url,
        "press-release-index": index.url,
        "press-release": release.url,
        "search": "/en/search/?q=children",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_key_pages_fit_the_screen_without_sideways_scrolling(new_page, width):
    page = new_page(width=width, height=900)
    folder = ARTEFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in key_pages().items():
        assert page.goto(path).status == 200, path
        if width in SCREENSHOT_WIDTHS:
            page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[path] = scroll_width
    assert not too_wide, f"wider than {width} px: {too_wide}"
