"""Small helpers for the sign-in tests: admin users, authenticator codes, signing in."""

from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-test-password-42"
LOGIN_URL = "/admin/login/"
VERIFY_URL = "/admin/two-factor/verify/"


def make_admin_user(django_user_model, username, group=None, superuser=False):
    """A user who may open the admin, in the named group if one is given."""
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, is_superuser=superuser
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def add_authenticator(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_for(device, steps_ahead=0):
    """The code the user's phone shows now (or that many 30-second steps later)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": user.get_username(), "password": password}, **extra)


def is_signed_in(client):
    return "_auth_user_id" in client.session


def sign_in_as_member(client, django_user_model, username, group_name):
    """A new member of `group_name` signs in through the admin's sign-in page; a reviewer
    also types the code their authenticator app shows, as reviewers must."""
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    device = add_authenticator(user) if group_name == "Reviewers" else None
    assert sign_in(client, user).status_code == 302
    if device is not None:
        with override_settings(MEDIACENTRE_2FA_REQUIRED=True):
            client.post(VERIFY_URL, {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200
    return user
