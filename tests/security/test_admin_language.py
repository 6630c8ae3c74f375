"""The sign-in, two-factor and lockout pages speak one admin language (English or Russian)
from end to end, whatever language the public site's cookie remembers for the reader."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.users.models import UserProfile

from ..html import text
from .accounts import LOGIN_URL, add_authenticator, sign_in

pytestmark = [pytest.mark.django_db]

VERIFY_URL = "/admin/two-factor/verify/"
ENROL_URL = "/admin/two-factor/set-up/"
# Letters of Kazakh and Kyrgyz that Russian does not have.
KAZAKH_OR_KYRGYZ_LETTERS = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
CYRILLIC = re.compile("[А-Яа-яЁё]")
# Names that stay in Latin letters on a Russian page.
NAMES = {"Wagtail", "CMS", "JavaScript", "QR"} | {
    "Aegis",
    "FreeOTP",
    "Google",
    "Microsoft",
    "Authenticator",
}


@pytest.fixture(autouse=True)
def two_factor_required():
    with override_settings(
        MEDIACENTRE_2FA_REQUIRED=True,
        AXES_FAILURE_LIMIT=3,
        AXES_COOLOFF_TIME=timedelta(minutes=15),
    ):
        yield


@pytest.fixture(params=["kk", "ky"])
def reader_cookie(request, client):
    """The cookie the public site's language switcher leaves behind."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = request.param
    return request.param


def assert_wholly_english(response):
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert not CYRILLIC.findall(text(html))
    assert response["Content-Language"] == "en"


def assert_wholly_russian(response):
    html = response.content.decode()
    # Keys and codes are not words.
    visible = text(re.sub(r"<code>.*?</code>", "", html))
    assert '<html lang="ru"' in html
    assert not KAZAKH_OR_KYRGYZ_LETTERS.findall(visible)
    assert set(re.findall(r"[A-Za-z]{2,}", visible)) <= NAMES, visible
    assert response["Content-Language"] == "ru"


def test_the_sign_in_page_ignores_the_readers_cookie(client, reader_cookie):
    response = client.get(LOGIN_URL)

    assert_wholly_english(response)
    visible = text(response.content.decode())
    assert "Username" in visible
    assert "Password" in visible
    assert "Sign in" in visible


def test_the_sign_in_page_follows_the_browsers_russian(client, reader_cookie):
    response = client.get(LOGIN_URL, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")

    assert_wholly_russian(response)
    visible = text(response.content.decode())
    assert "Пароль" in visible
    assert "Имя пользователя" in visible
    assert "Войти" in visible


def test_a_browser_asking_for_kazakh_first_gets_its_next_admin_language(client):
    response = client.get(LOGIN_URL, HTTP_ACCEPT_LANGUAGE="kk,ru;q=0.8,en;q=0.5")

    assert_wholly_russian(response)


def test_a_wrong_password_is_told_in_the_admin_language(client, reader_cookie, editor):
    response = sign_in(client, editor, password="wrong", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 200
    assert_wholly_russian(response)
    assert "пароль не совпали" in text(response.content.decode())


def test_the_code_page_ignores_the_readers_cookie(client, reader_cookie, reviewer):
    add_authenticator(reviewer)
    sign_in(client, reviewer)

    assert_wholly_english(client.get(VERIFY_URL))
    russian = client.get(VERIFY_URL, HTTP_ACCEPT_LANGUAGE="ru")
    assert_wholly_russian(russian)
    assert "Введите код" in text(russian.content.decode())


def test_the_set_up_page_ignores_the_readers_cookie(client, reader_cookie, reviewer):
    sign_in(client, reviewer)

    assert_wholly_english(client.get(ENROL_URL))
    russian = client.get(ENROL_URL, HTTP_ACCEPT_LANGUAGE="ru")
    assert_wholly_russian(russian)
    assert "Настроить двухфакторную аутентификацию" in text(russian.content.decode())


def test_the_signed_in_users_admin_language_wins_over_the_browser(client, reader_cookie, reviewer):
    add_authenticator(reviewer)
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "ru"
    profile.save()
    sign_in(client, reviewer)

    response = client.get(VERIFY_URL, HTTP_ACCEPT_LANGUAGE="en")

    assert_wholly_russian(response)


def test_the_lockout_page_ignores_the_readers_cookie(client, reader_cookie, editor):
    responses = [sign_in(client, editor, password="wrong") for _ in range(3)]

    assert responses[-1].status_code == 429
    assert_wholly_english(responses[-1])
    russian = sign_in(client, editor, password="wrong", HTTP_ACCEPT_LANGUAGE="ru")
    assert russian.status_code == 429
    assert_wholly_russian(russian)
    assert "Слишком много неудачных попыток" in text(russian.content.decode())


def test_the_public_site_still_speaks_the_readers_language(client, reader_cookie):
    response = client.get("/")

    assert response["Location"] == f"/{reader_cookie}/"


def test_a_wrong_code_is_told_in_the_admin_language(client, reader_cookie, reviewer):
    add_authenticator(reviewer)
    sign_in(client, reviewer)

    response = client.post(VERIFY_URL, {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="ru")

    assert_wholly_russian(response)
    assert "Код не принят. Проверьте его и попробуйте ещё раз." in text(response.content.decode())
