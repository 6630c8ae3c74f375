"""Who must use a second factor, and what a signed-in session still has to do."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

VERIFY = "twofactor_verify"
ENROL = "twofactor_enrol"


def is_required(user):
    """Superusers and members of MEDIACENTRE_2FA_REQUIRED_GROUPS must use an authenticator
    app, unless development or test settings turned MEDIACENTRE_2FA_REQUIRED off."""
    if not getattr(settings, "MEDIACENTRE_2FA_REQUIRED", True):
        return False
    if user.is_superuser:
        return True
    groups = getattr(settings, "MEDIACENTRE_2FA_REQUIRED_GROUPS", ["Reviewers"])
    return user.groups.filter(name__in=groups).exists()


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_step(user):
    """The name of the view a signed-in user must pass before the admin opens, or None."""
    if not user.is_authenticated or user.is_verified():
        return None
    if has_authenticator(user):
        return VERIFY
    if is_required(user):
        return ENROL
    return None
