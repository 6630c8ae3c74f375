"""A reviewer makes a journalist's preview link from a release's menu, with the date picker,
copies the full link, and the link shows the approved release to someone with no account."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Page

from pressreleases.models import PressReleaseIndexPage
from pressreleases.preview_links import PreviewLink

from .. import factories
from ..security.accounts import code_for
from .conftest import demo_user, forget_sign_ins, log_in

pytestmark = pytest.mark.django_db

TITLE = "Budget for children doubles in 2030"
SUMMARY = "The approved lead paragraph, still under embargo."
EMBARGO = datetime.datetime(2030, 5, 17, 10, 0)


@pytest.fixture(scope="module")
def release(live_site, django_db_blocker):
    """Approved for its embargo hour and not yet live, as a reviewer's approval leaves it.
    Committed, so the live server sees it on PostgreSQL too; removed afterwards."""
    with django_db_blocker.unblock():
        index = PressReleaseIndexPage.objects.get(locale__language_code="en")
        page = factories.release(
            index,
            900,
            live=False,
            title=TITLE,
            summary=SUMMARY,
            go_live_at=timezone.make_aware(EMBARGO),
        )
        page.save_revision().publish()
        page.refresh_from_db()
    assert not page.live and page.scheduled_revision
    yield page
    with django_db_blocker.unblock():
        PreviewLink.objects.filter(page=page).delete()
        Page.objects.filter(pk=page.pk).delete()


@pytest.fixture(scope="module")
def reviewer(live_site, django_db_blocker):
    """Only reviewers may hand releases to journalists, and they sign in with a second factor."""
    with django_db_blocker.unblock():
        user = demo_user("press-reviewer", "Reviewers")
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    try:
        with override_settings(MEDIACENTRE_2FA_REQUIRED=True):
            yield device
    finally:
        with django_db_blocker.unblock():
            user.delete()
            forget_sign_ins(user.username)


def test_a_reviewer_creates_and_copies_a_preview_link(new_page, live_site, release, reviewer):
    browser_page = new_page(permissions=["clipboard-read", "clipboard-write"])
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(browser_page, "press-reviewer")
    browser_page.get_by_label("Code").fill(code_for(reviewer))
    browser_page.get_by_role("button", name="Continue").click()
    expect(browser_page).to_have_url(live_site("/admin/"))

    browser_page.goto(f"/admin/pages/{release.pk}/edit/")
    browser_page.wait_for_load_state("networkidle")
    browser_page.get_by_role("button", name="Actions").click()
    browser_page.get_by_role("link", name="Preview links for journalists").click()
    expect(browser_page.get_by_role("heading", level=1)).to_contain_text("Preview links")

    expiry = browser_page.get_by_label("Expires at")
    # The embargo hour is offered; the reviewer picks the 15th of the month after it.
    expect(expiry).to_have_value("2030-05-17 10:00")
    expiry.click()
    picker = browser_page.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_next").first.click()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    expect(expiry).to_have_value("2030-06-15 10:00")
    # The picker closes when the reviewer clicks elsewhere.
    browser_page.get_by_role("heading", name="New preview link").click()
    expect(picker).to_have_count(0)
    browser_page.get_by_role("button", name="Create preview link").click()

    expect(browser_page.get_by_text("Preview link created.")).to_be_visible()
    link = PreviewLink.objects.get(page=release)
    assert timezone.localtime(link.expires_at).date() == datetime.date(2030, 6, 15)
    url = release.get_site().root_url + f"/en/preview/{link.token}/"
    field = browser_page.get_by_label("Preview link to copy")
    expect(field).to_have_value(url)
    # Shown in full: the field is as wide and as tall as the link needs.
    assert field.evaluate(
        "f => f.scrollHeight <= f.clientHeight && f.scrollWidth <= f.clientWidth"
    )
    browser_page.get_by_role("button", name="Copy link").click()
    expect(browser_page.get_by_text("Link copied")).to_be_visible()
    assert browser_page.evaluate("navigator.clipboard.readText()") == url
    assert errors == []

    journalist = new_page()
    response = journalist.goto(url)
    assert response.status == 200
    expect(journalist.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(journalist.get_by_text(SUMMARY)).to_be_visible()
    expect(journalist.get_by_text("EMBARGOED")).to_be_visible()
