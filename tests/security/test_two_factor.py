"""Two-factor authentication for the admin: reviewers and superusers must set up an
authenticator app, editors may; every sign-in of someone who has one asks for its code."""

import base64
import io
import re
import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction, Site

from ..html import text
from .accounts import PASSWORD, add_authenticator, code_for, is_signed_in, sign_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]

VERIFY_URL = "/admin/two-factor/verify/"
ENROL_URL = "/admin/two-factor/set-up/"
MANAGE_URL = "/admin/two-factor/"


@pytest.fixture
def two_factor_required():
    """The test settings relax the requirement for the rest of the suite; here it holds."""
    with override_settings(MEDIACENTRE_2FA_REQUIRED=True, AXES_FAILURE_LIMIT=5):
        yield


def enrol(client, user):
    """Set up the authenticator app through the pages, as a person would; returns the device
    and the recovery codes shown."""
    page = client.get(ENROL_URL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL_URL, {"code": code_for(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())
    return device, codes


def test_a_reviewer_without_an_app_is_sent_to_set_one_up(client, reviewer):
    assert sign_in(client, reviewer).status_code == 302

    response = client.get("/admin/account/")

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL_URL}?next=%2Fadmin%2Faccount%2F"


def test_a_superuser_must_set_up_an_app_too(client, superuser):
    sign_in(client, superuser)

    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


@override_settings(MEDIACENTRE_2FA_REQUIRED=False)
def test_the_test_and_development_relaxation_lets_a_superuser_in(client, superuser):
    sign_in(client, superuser)

    assert client.get("/admin/").status_code == 200


@override_settings(MEDIACENTRE_2FA_REQUIRED_GROUPS=["Editors"])
def test_which_groups_must_use_two_factor_is_a_setting(client, reviewer, editor):
    sign_in(client, editor)
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)

    client.logout()
    sign_in(client, reviewer)
    assert client.get("/admin/").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key(client, reviewer):
    sign_in(client, reviewer)

    response = client.get(ENROL_URL)

    html = response.content.decode()
    device = TOTPDevice.objects.get(user=reviewer)
    assert not device.confirmed
    assert "<svg" in html
    # The key, in groups of four, for those who type it into the app.
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    assert key == base64.b32encode(device.bin_key).decode()
    assert "Your role asks for a second step" in text(html)


def test_enrolment_with_the_apps_code_turns_it_on_and_shows_ten_recovery_codes(client, reviewer):
    sign_in(client, reviewer)

    device, codes = enrol(client, reviewer)

    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=reviewer).values_list("token", flat=True)
    )
    # The session that proved the code is in.
    assert client.get("/admin/").status_code == 200


def test_enrolment_refuses_a_wrong_code(client, reviewer):
    sign_in(client, reviewer)
    client.get(ENROL_URL)

    response = client.post(ENROL_URL, {"code": "123456"})

    assert response.status_code == 200
    assert "That code was not accepted" in text(response.content.decode())
    assert not TOTPDevice.objects.filter(user=reviewer, confirmed=True).exists()
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


def test_sign_in_asks_for_the_code_once_an_app_is_set_up(client, reviewer):
    device = add_authenticator(reviewer)
    sign_in(client, reviewer)

    assert client.get("/admin/account/")["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2Faccount%2F"
    # The set-up page is not a way round it either.
    assert client.get(ENROL_URL)["Location"].startswith(VERIFY_URL)

    response = client.post(VERIFY_URL, {"code": code_for(device), "next": "/admin/account/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200


def messages_shown(html):
    """The messages at the top of a sign-in step: Wagtail's sign-in style hides the errors
    under a field."""
    return text(re.search(r'<div class="messages".*?</div>', html, flags=re.S).group(0))


def test_a_wrong_code_is_refused_and_said_so(client, reviewer):
    add_authenticator(reviewer)
    sign_in(client, reviewer)

    response = client.post(VERIFY_URL, {"code": "000000"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "That code was not accepted" in messages_shown(html)
    # Offered empty, so the next code typed is not run on from the wrong one.
    assert 'value="000000"' not in html
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_the_right_code_straight_after_a_wrong_one_signs_in(client, reviewer):
    device = add_authenticator(reviewer)
    sign_in(client, reviewer)
    client.post(VERIFY_URL, {"code": "000000"})

    # At once, as a password manager or a paste would: the second of django-otp's back-off
    # is waited out rather than refused.
    response = client.post(VERIFY_URL, {"code": code_for(device)})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    # Only the wrong code counts towards the lockout.
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_a_code_during_a_longer_back_off_is_neither_tried_nor_counted(client, reviewer):
    device = add_authenticator(reviewer)
    # Three wrong codes in a row, from anywhere: django-otp checks none for four seconds.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=3, throttling_failure_timestamp=timezone.now()
    )
    sign_in(client, reviewer)

    response = client.post(VERIFY_URL, {"code": code_for(device)})

    assert response.status_code == 200
    assert re.search(
        r"Too many wrong codes in a row\. Try again in [34] s\.",
        messages_shown(response.content.decode()),
    )
    assert not AccessAttempt.objects.exists()
    with time_machine.travel(time.time() + 5):
        assert client.post(VERIFY_URL, {"code": code_for(device)}).status_code == 302


def test_the_same_app_code_cannot_be_used_twice(client, reviewer):
    device = add_authenticator(reviewer)
    code = code_for(device)
    sign_in(client, reviewer)
    assert client.post(VERIFY_URL, {"code": code}).status_code == 302
    client.logout()

    sign_in(client, reviewer)
    with time_machine.travel(time.time() + 5):
        response = client.post(VERIFY_URL, {"code": code})

    assert response.status_code == 200
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_a_recovery_code_works_once(client, reviewer):
    sign_in(client, reviewer)
    _, codes = enrol(client, reviewer)
    client.logout()

    sign_in(client, reviewer)
    # Typed in capitals with a space, as people copy them from paper.
    typed = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"
    assert client.post(VERIFY_URL, {"code": typed}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()

    sign_in(client, reviewer)
    response = client.post(VERIFY_URL, {"code": codes[0]})
    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=reviewer).count() == 9


def test_the_verify_page_never_sends_you_to_another_site(client, reviewer):
    device = add_authenticator(reviewer)
    sign_in(client, reviewer)

    response = client.post(
        VERIFY_URL, {"code": code_for(device), "next": "https://evil.example/admin/"}
    )

    assert response["Location"] == "/admin/"


def test_an_editor_signs_in_without_a_code_and_may_set_one_up(client, editor):
    sign_in(client, editor)
    account = client.get("/admin/account/")
    assert account.status_code == 200
    assert MANAGE_URL in account.content.decode()
    assert "Two-factor authentication is off" in text(client.get(MANAGE_URL).content.decode())

    device, codes = enrol(client, editor)
    client.logout()

    sign_in(client, editor)
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)
    assert client.post(VERIFY_URL, {"code": code_for(device, steps_ahead=1)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_an_editor_may_turn_it_off_with_a_code(client, editor):
    device = add_authenticator(editor)
    sign_in(client, editor)
    client.post(VERIFY_URL, {"code": code_for(device)})

    response = client.post(
        "/admin/two-factor/turn-off/", {"code": code_for(device, steps_ahead=1)}
    )

    assert response["Location"] == MANAGE_URL
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert "Two-factor authentication is off" in text(client.get(MANAGE_URL).content.decode())


def test_turning_it_off_needs_the_right_code(client, editor):
    device = add_authenticator(editor)
    sign_in(client, editor)
    client.post(VERIFY_URL, {"code": code_for(device)})

    response = client.post("/admin/two-factor/turn-off/", {"code": "000000"})

    assert response.status_code == 200
    assert "That code was not accepted" in text(response.content.decode())
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_a_reviewer_cannot_turn_it_off(client, reviewer):
    device = add_authenticator(reviewer)
    sign_in(client, reviewer)
    client.post(VERIFY_URL, {"code": code_for(device)})
    manage = text(client.get(MANAGE_URL).content.decode())
    assert "cannot be turned off" in manage

    response = client.post(
        "/admin/two-factor/turn-off/", {"code": code_for(device, steps_ahead=1)}, follow=True
    )

    assert "Your role requires two-factor authentication." in text(response.content.decode())
    assert TOTPDevice.objects.filter(user=reviewer).exists()


def test_new_recovery_codes_replace_the_old_ones(client, reviewer):
    sign_in(client, reviewer)
    _, old_codes = enrol(client, reviewer)

    response = client.post("/admin/two-factor/recovery-codes/")

    new_codes = re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())
    assert len(new_codes) == 10
    assert set(
        StaticToken.objects.filter(device__user=reviewer).values_list("token", flat=True)
    ) == set(new_codes)
    assert not set(old_codes) & set(new_codes)


def test_a_password_reset_does_not_skip_the_code(client, reviewer):
    device = add_authenticator(reviewer)
    client.post("/admin/password_reset/", {"email": reviewer.email})
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1))["Location"]
    new_password = "another-long-password-77"

    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}
    )

    assert response["Location"] == "/admin/password_reset/complete/"
    assert not is_signed_in(client)
    sign_in(client, reviewer, password=new_password)
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)
    assert client.post(VERIFY_URL, {"code": code_for(device)}).status_code == 302
    assert sign_in(client, reviewer, password=PASSWORD).status_code == 200  # the old one is gone


def test_half_signed_in_is_anonymous_on_the_public_site(client, reviewer):
    device = add_authenticator(reviewer)
    home = Site.objects.get(is_default_site=True).root_page
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    url = home.get_url()

    sign_in(client, reviewer)
    assert client.get(url).status_code == 302

    client.post(VERIFY_URL, {"code": code_for(device)})
    assert client.get(url).status_code == 200


def test_twofactor_reset_lets_someone_who_lost_everything_set_up_again(client, reviewer):
    add_authenticator(reviewer)
    out = io.StringIO()

    call_command("twofactor_reset", reviewer.username, stdout=out)

    assert "removed for rita-reviewer" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    sign_in(client, reviewer)
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


def test_twofactor_reset_of_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match='There is no user "nobody"'):
        call_command("twofactor_reset", "nobody")


DOWNLOAD_URL = "/admin/two-factor/recovery-codes/download/"


def test_the_recovery_codes_page_offers_a_download_and_a_copy_button(client, reviewer):
    sign_in(client, reviewer)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)

    html = client.post(ENROL_URL, {"code": code_for(device)}).content.decode()

    assert f'href="{DOWNLOAD_URL}" download' in html
    # The Copy button waits, hidden, for the script (a file: the policy runs no inline code).
    assert re.search(r"<button [^>]*hidden[^>]*data-copy-recovery-codes", html, flags=re.S)
    assert re.search(r'<script src="/static/twofactor/recovery_codes\.js[^"]*" defer>', html)


def test_the_codes_just_shown_download_as_a_text_file_nobody_keeps(client, reviewer):
    sign_in(client, reviewer)
    _, codes = enrol(client, reviewer)

    response = client.get(DOWNLOAD_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Recovery codes for rita-reviewer at ")
    assert lines[2:] == codes


def test_the_download_has_the_new_codes_only(client, reviewer):
    sign_in(client, reviewer)
    _, old_codes = enrol(client, reviewer)
    new_html = client.post("/admin/two-factor/recovery-codes/").content.decode()
    new_codes = re.findall(r"<code>([a-z2-7]{8})</code>", new_html)

    lines = client.get(DOWNLOAD_URL).content.decode().splitlines()

    assert lines[2:] == new_codes
    assert not set(old_codes) & set(lines)


def test_the_download_is_only_for_a_few_minutes_and_only_for_that_session(client, reviewer):
    device = add_authenticator(reviewer)
    sign_in(client, reviewer)
    client.post(VERIFY_URL, {"code": code_for(device)})
    client.post("/admin/two-factor/recovery-codes/")

    with time_machine.travel(time.time() + 11 * 60):
        late = client.get(DOWNLOAD_URL, follow=True)
    assert late.redirect_chain == [(MANAGE_URL, 302)]
    assert "can be downloaded only just after they are made" in text(late.content.decode())

    # Nor does signing in again, later, bring them back.
    client.post("/admin/two-factor/recovery-codes/")
    client.logout()
    sign_in(client, reviewer)
    client.post(VERIFY_URL, {"code": code_for(device, steps_ahead=1)})
    assert client.get(DOWNLOAD_URL)["Location"] == MANAGE_URL
