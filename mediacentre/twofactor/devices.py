"""The authenticator app (a TOTP device) and the recovery codes (a static device) of a user."""

import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
# After consecutive wrong codes django-otp checks no code on that device for 1, 2, 4, 8 …
# seconds (OTP_TOTP_THROTTLE_FACTOR), from whatever address: the brake on guessing spread
# over many addresses, which axes, counting per username and address, is not. Someone who
# mistyped and then types, pastes or autofills the right code at once waits this long
# rather than being refused.
LONGEST_WAIT_SAT_OUT = timedelta(seconds=2)


class Throttled(Exception):  # noqa: N818 (a state, like Django's PermissionDenied)
    """The device checks no code until `until` (None: it did not say), after wrong ones; the
    code was not tried, so it is no wrong code either."""

    def __init__(self, until=None):
        super().__init__(until)
        self.until = until


def verify(user, device, code):
    """The device if it accepts code, else None. A back-off of up to LONGEST_WAIT_SAT_OUT is
    waited out; during a longer one raises Throttled without trying the code."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        until = (details or {}).get("locked_until")
        wait = until - timezone.now() if until else None
        if wait is None or wait > LONGEST_WAIT_SAT_OUT:
            raise Throttled(until)
        time.sleep(max(wait.total_seconds(), 0))
    return verify_token(user, device.persistent_id, code)


def pending_authenticator(user):
    """The authenticator being set up: unconfirmed until the user types its first code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def matching_device(user, code):
    """The confirmed device that accepts code (digits: the app; letters too: a recovery code),
    or None; raises Throttled if no device could try it.

    django_otp.verify_token locks the device row and applies its throttling; a recovery code
    is deleted once it has been used.
    """
    model = TOTPDevice if code.isdigit() else StaticDevice
    throttled = None
    for device in model.objects.devices_for_user(user):
        try:
            if verify(user, device, code):
                return device
        except Throttled as refusal:
            throttled = refusal
    if throttled:
        raise throttled
    return None


@transaction.atomic
def replace_recovery_codes(user):
    """Issue a fresh set of recovery codes, voiding the old ones; returns them in clear."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def current_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).values_list(
        "token", flat=True
    )


def recovery_codes_left(user):
    return current_recovery_codes(user).count()


@transaction.atomic
def remove_all(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
