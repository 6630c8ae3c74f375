"""The browser breaks no rule of either Content Security Policy: the readers' pages, and the
admin's page editor under its own policy."""

import pytest
from playwright.sync_api import expect

from pressreleases.models import PressReleasePage

from .test_editorial_flow import log_in

pytestmark = pytest.mark.django_db

# Every violation the page reports, recorded before any of its own scripts run.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def violations(page):
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations")


def recording_page(new_page):
    page = new_page()
    page.context.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, console


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/ru/media-centre/",
        "/kk/media-centre/press-releases/",
        "/ky/media-centre/contact/",
        "/en/media-centre/pro-children-media-club/",
        "/en/search/?q=children",
    ],
)
def test_readers_pages_break_no_rule_of_the_policy(new_page, live_site, path):
    page, console = recording_page(new_page)
    response = page.goto(path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations(page) == []
    assert console == []


def test_a_press_release_breaks_no_rule_of_the_policy(new_page, live_site):
    release = PressReleasePage.objects.live().filter(locale__language_code="en").first()
    page, console = recording_page(new_page)
    assert page.goto(release.url).status == 200
    assert violations(page) == []
    assert console == []


def test_the_admin_page_editor_works_under_the_admin_policy(new_page, live_site):
    release = PressReleasePage.objects.live().filter(locale__language_code="en").first()
    page, console = recording_page(new_page)
    log_in(page, "editor")
    response = page.goto(f"/admin/pages/{release.pk}/edit/")
    assert response.status == 200
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    expect(page.get_by_role("button", name="More actions")).to_be_visible()
    assert violations(page) == []
    assert console == []


def test_an_inline_script_on_a_readers_page_is_blocked_and_reported(new_page, live_site):
    page, _console = recording_page(new_page)
    page.goto("/en/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.injected") is None
    assert any(v.startswith("script-src") for v in violations(page))
