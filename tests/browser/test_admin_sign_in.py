"""Reviewers sign in through the real pages with a code from their authenticator app: setting
it up (the card fits a phone and a desktop screen; the recovery codes copy and download),
then a wrong code (said so) and the right one. Screenshots go to var/screenshots/."""

import base64
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import ARTEFACTS, PASSWORD, demo_user, forget_sign_ins

pytestmark = pytest.mark.django_db

SCREENSHOTS = ARTEFACTS / "screenshots"
# Everything in the sign-in card that sticks out of it, and how far the page scrolls sideways.
OVERFLOW = """() => {
    const card = document.querySelector("main.content-wrapper").getBoundingClientRect();
    const outside = [...document.querySelectorAll("main.content-wrapper *")]
        .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width && (box.left < card.left - 0.5 || box.right > card.right + 0.5);
        })
        .map((element) => element.outerHTML.slice(0, 80));
    const page = document.documentElement.scrollWidth - window.innerWidth;
    return {outside, page};
}"""


@pytest.fixture(scope="module")
def reviewers(live_site, django_db_blocker):
    """Two reviewers, committed so the live server sees them: one yet to set up an app, one
    with an app set up. Reviewers must use two-factor (the test settings relax that)."""
    with django_db_blocker.unblock():
        new = demo_user("rosa-reviewer", "Reviewers")
        enrolled = demo_user("rafael-reviewer", "Reviewers")
        TOTPDevice.objects.create(user=enrolled, name="Authenticator app", confirmed=True)
    try:
        with override_settings(MEDIACENTRE_2FA_REQUIRED=True):
            yield new, enrolled
    finally:
        with django_db_blocker.unblock():
            get_user_model().objects.filter(pk__in=[new.pk, enrolled.pk]).delete()
            forget_sign_ins(new.username, enrolled.username)


def sign_in_with_password(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def code_from_key(key, steps_ahead=0):
    """What an authenticator app shows for the key typed into it."""
    value = totp(base64.b32decode(key), drift=steps_ahead)
    return f"{value:06d}"


def assert_fits(page, name):
    """The card and the page fit at 375 and 1280 px; screenshots of both."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"admin-{name}-{width}.png", full_page=True)
        overflow = page.evaluate(OVERFLOW)
        assert overflow == {"outside": [], "page": 0}, f"{name} at {width} px: {overflow}"


def test_a_reviewer_sets_up_the_app_and_keeps_the_recovery_codes(new_page, reviewers):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    sign_in_with_password(page, reviewers[0].username)

    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for the authenticator app")).to_be_visible()
    assert_fits(page, "two-factor-set-up")
    key = page.locator("main code").inner_text().replace(" ", "")
    page.get_by_role("textbox", name="Code").fill(code_from_key(key))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_fits(page, "recovery-codes")
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").split() == codes
    with page.expect_download() as download:
        page.get_by_role("link", name="Download (.txt)").click()
    assert download.value.suggested_filename == "recovery-codes.txt"
    assert download.value.path().read_text(encoding="utf-8").splitlines()[2:] == codes

    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_reviewer_signs_in_with_a_code_after_a_typo(new_page, reviewers):
    device = TOTPDevice.objects.get(user=reviewers[1])
    key = base64.b32encode(device.bin_key).decode()
    page = new_page()
    sign_in_with_password(page, reviewers[1].username)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()

    right = code_from_key(key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page.get_by_role("textbox", name="Code").fill(wrong)
    page.get_by_role("button", name="Continue").click()

    message = page.locator(".messages").get_by_text("That code was not accepted.")
    expect(message).to_be_visible()
    expect(page.get_by_role("textbox", name="Code")).to_have_value("")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-two-factor-wrong-code-1280.png", full_page=True)
    # Typed straight away, as a person who sees the typo would.
    page.get_by_role("textbox", name="Code").press_sequentially(right, delay=20)
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_the_sign_in_page_speaks_the_browsers_russian_not_the_readers_kazakh(new_page, live_site):
    page = new_page(width=375, locale="ru-RU")
    # What the public site's language switcher leaves behind.
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "kk", "url": live_site.url}]
    )

    page.goto("/admin/login/")

    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_label("Имя пользователя")).to_be_visible()
    expect(page.get_by_label("Пароль")).to_be_visible()
    expect(page.get_by_role("button", name="Войти")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-sign-in-ru-375.png", full_page=True)
