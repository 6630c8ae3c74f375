"""The authenticator app (a TOTP device) and the recovery codes (a static device) of a user."""

from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


def pending_authenticator(user):
    """The authenticator being set up: unconfirmed until the user types its first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def matching_device(user, code):
    """The confirmed device that accepts code (digits: the app; letters too: a recovery code),
    or None.

    django_otp.verify_token locks the device row and applies its throttling; a recovery code
    is deleted once it has been used.
    """
    model = TOTPDevice if code.isdigit() else StaticDevice
    for device in model.objects.devices_for_user(user):
        if verify_token(user, device.persistent_id, code):
            return device
    return None


@transaction.atomic
def replace_recovery_codes(user):
    """Issue a fresh set of recovery codes, voiding the old ones; returns them in clear."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_all(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
