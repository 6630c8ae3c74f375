"""django-axes on the admin sign-in: wrong passwords (and wrong codes) lock out one username
from one address for a while; other addresses and other people carry on."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings

from ..html import text
from ..servers import run_django
from .accounts import (
    LOGIN_URL,
    PASSWORD,
    add_authenticator,
    is_signed_in,
    sign_in,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("limit_of_three"),
]

ROOT = Path(__file__).resolve().parent.parent.parent
OFFICE = "192.0.2.10"
HOME = "192.0.2.77"
BEHIND_ONE_PROXY = {
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
    "AXES_IPWARE_PROXY_COUNT": 0,
    "IPWARE_STRICT": False,
}


@pytest.fixture
def limit_of_three():
    with override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=timedelta(minutes=15)):
        yield


def fail_three_times(client, user, **extra):
    return [sign_in(client, user, password="wrong", **extra) for _ in range(3)]


def test_the_third_wrong_password_locks_that_user_out_from_that_address(client, editor):
    responses = fail_three_times(client, editor, REMOTE_ADDR=OFFICE)

    assert [response.status_code for response in responses] == [200, 200, 429]
    assert "Too many failed attempts" in text(responses[-1].content.decode())
    assert "Try again in 15 min." in text(responses[-1].content.decode())
    # Even the right password is refused now.
    response = sign_in(client, editor, REMOTE_ADDR=OFFICE)
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_the_same_user_from_another_address_can_still_sign_in(client, editor):
    fail_three_times(client, editor, REMOTE_ADDR=OFFICE)

    response = sign_in(client, editor, REMOTE_ADDR=HOME)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_another_user_at_the_same_address_can_still_sign_in(client, editor, reviewer):
    fail_three_times(client, editor, REMOTE_ADDR=OFFICE)

    assert sign_in(client, reviewer, REMOTE_ADDR=OFFICE).status_code == 302


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(client, editor):
    fail_three_times(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)

    # Claiming another address in the header does not escape the lockout.
    response = sign_in(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=HOME)

    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


@override_settings(**BEHIND_ONE_PROXY)
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, editor):
    fail_three_times(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)

    assert AccessAttempt.objects.get().ip_address == OFFICE
    locked = sign_in(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    assert locked.status_code == 429
    elsewhere = sign_in(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=HOME)
    assert elsewhere.status_code == 302


@override_settings(**BEHIND_ONE_PROXY)
def test_behind_a_trusted_proxy_a_forged_entry_in_front_does_not_escape(client, editor):
    fail_three_times(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)

    # The proxy appends the real address after whatever the client sent.
    forged = f"{HOME}, {OFFICE}"
    response = sign_in(client, editor, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forged)

    assert response.status_code == 429


def test_trusted_proxy_count_from_the_environment_sets_the_proxy_settings():
    code = (
        "from django.conf import settings; print(settings.AXES_IPWARE_PROXY_COUNT, "
        "settings.AXES_IPWARE_META_PRECEDENCE_ORDER[0], settings.IPWARE_STRICT)"
    )
    result = run_django(code, "mediacentre.settings.test", TRUSTED_PROXY_COUNT="2")
    assert result.stdout.split() == ["1", "HTTP_X_FORWARDED_FOR", "False"], result.stderr


def test_the_lockout_page_speaks_russian(client, editor):
    responses = fail_three_times(client, editor, REMOTE_ADDR=OFFICE, HTTP_ACCEPT_LANGUAGE="ru")

    html = responses[-1].content.decode()
    assert responses[-1].status_code == 429
    assert '<html lang="ru"' in html
    assert "Слишком много неудачных попыток" in text(html)


def test_axes_reset_unlocks_everyone(client, editor):
    fail_three_times(client, editor, REMOTE_ADDR=OFFICE)

    call_command("axes_reset", stdout=io.StringIO())

    assert sign_in(client, editor, REMOTE_ADDR=OFFICE).status_code == 302


def test_axes_reset_username_unlocks_one_person(client, editor, reviewer):
    fail_three_times(client, editor, REMOTE_ADDR=OFFICE)
    fail_three_times(client, reviewer, REMOTE_ADDR=OFFICE)

    call_command("axes_reset_username", editor.username, stdout=io.StringIO())

    assert sign_in(client, editor, REMOTE_ADDR=OFFICE).status_code == 302
    assert sign_in(client, reviewer, REMOTE_ADDR=OFFICE).status_code == 429


def test_wrong_codes_count_towards_the_same_lockout(client, editor):
    add_authenticator(editor)
    assert sign_in(client, editor, REMOTE_ADDR=OFFICE).status_code == 302

    verify_url = "/admin/two-factor/verify/"
    responses = [client.post(verify_url, {"code": "000000"}, REMOTE_ADDR=OFFICE) for _ in range(3)]

    assert [response.status_code for response in responses] == [200, 200, 429]
    # The half-finished sign-in is over, and neither factor opens the admin now.
    assert not is_signed_in(client)
    assert sign_in(client, editor, REMOTE_ADDR=OFFICE).status_code == 429
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 4
    assert "000000" not in attempt.post_data


def test_the_login_page_still_works_for_a_normal_sign_in(client, editor):
    response = client.post(
        LOGIN_URL,
        {"username": editor.username, "password": PASSWORD, "next": "/admin/pages/"},
        REMOTE_ADDR=OFFICE,
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
