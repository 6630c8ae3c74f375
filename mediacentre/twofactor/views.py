import base64
import math
import time
from datetime import timedelta

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials, get_lockout_response
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import devices
from .forms import CodeForm
from .policy import VERIFY, has_authenticator, is_required, pending_step

RECOVERY_CODES_SESSION_KEY = "twofactor_recovery_codes"
RECOVERY_CODES_DOWNLOADABLE = timedelta(minutes=10)


def next_url(request):
    """Where to go once the step is done: the admin page asked for, never another site."""
    url = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def step_url(step, request):
    return f"{reverse(step)}?{urlencode({'next': next_url(request)})}"


def credentials_of(request):
    return get_credentials(request.user.get_username())


def lock_out(request):
    """Signs the half-finished session out and shows the lockout page."""
    credentials = credentials_of(request)
    logout(request)
    return get_lockout_response(request, None, credentials)


def count_wrong_code(request):
    """A wrong code counts as a failed sign-in for this (username, address), exactly like a
    wrong password, so axes locks out a flood of guessed codes too. True once locked out."""
    user_login_failed.send(sender=__name__, credentials=credentials_of(request), request=request)
    return getattr(request, "axes_locked_out", False)


def wait_message(throttled):
    wait = (throttled.until - timezone.now()).total_seconds() if throttled.until else 60
    if wait < 60:
        return _("Too many wrong codes in a row. Try again in %(seconds)s s.") % {
            "seconds": max(math.ceil(wait), 1)
        }
    return _("Too many wrong codes in a row. Try again in %(minutes)s min.") % {
        "minutes": math.ceil(wait / 60)
    }


class LockoutAwareCodeFormView(FormView):
    """A form asking for a code, which a locked-out (username, address) cannot even try."""

    form_class = CodeForm

    @method_decorator(sensitive_post_parameters("code"))
    def post(self, request, *args, **kwargs):
        if AxesProxyHandler.is_locked(request, credentials_of(request)):
            return lock_out(request)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=next_url(self.request), **kwargs)

    def refuse(self, form, message):
        form.add_error("code", message)
        return self.form_invalid(form)


class VerifyView(LockoutAwareCodeFormView):
    """The second step of signing in, for everyone who has set up an authenticator app."""

    template_name = "twofactor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if pending_step(request.user) != VERIFY:
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            device = devices.matching_device(self.request.user, form.cleaned_data["code"])
        except devices.Throttled as throttled:
            return self.refuse(form, wait_message(throttled))
        if device is None:
            if count_wrong_code(self.request):
                return lock_out(self.request)
            return self.refuse(form, _("That code was not accepted. Check it and try again."))
        otp_login(self.request, device)
        return redirect(next_url(self.request))


class EnrolView(LockoutAwareCodeFormView):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with the first
    code, then see the recovery codes once."""

    template_name = "twofactor/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if pending_step(request.user) == VERIFY:
            return redirect(step_url(VERIFY, request))
        if has_authenticator(request.user):
            return redirect("twofactor_manage")
        self.device = devices.pending_authenticator(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        secret = base64.b32encode(self.device.bin_key).decode()
        qr_code = qrcode.make(
            self.device.config_url,
            image_factory=qrcode.image.svg.SvgPathFillImage,
            box_size=20,
        )
        return super().get_context_data(
            required=is_required(self.request.user),
            # The SVG is drawn by qrcode from our own otpauth:// URL; it holds no text.
            qr_code=mark_safe(qr_code.to_string(encoding="unicode")),  # noqa: S308
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        try:
            accepted = devices.verify(user, self.device, form.cleaned_data["code"])
        except devices.Throttled as throttled:
            return self.refuse(form, wait_message(throttled))
        if accepted is None:
            return self.refuse(
                form, _("That code was not accepted. Check the clock on your phone and try again.")
            )
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        codes = devices.replace_recovery_codes(user)
        otp_login(self.request, self.device)
        return recovery_codes_response(self.request, codes)


def recovery_codes_response(request, codes):
    """The only time recovery codes are shown. The session keeps them for a few minutes, for
    the download link on this page (recovery_codes_download)."""
    request.session[RECOVERY_CODES_SESSION_KEY] = {"codes": codes, "issued": time.time()}
    return TemplateResponse(
        request,
        "twofactor/recovery_codes.html",
        {"codes": codes, "next": next_url(request)},
    )


@never_cache
def recovery_codes_download(request):
    """The recovery codes just shown, as a text file, to the session they were shown to.

    Not regenerate-and-download, which would void the codes on the screen; and not read back
    from the database later, so that a session left open (or taken over) cannot fetch codes
    its user saved long ago. Codes already used or replaced since are left out.
    """
    issued = request.session.get(RECOVERY_CODES_SESSION_KEY, {})
    fresh = time.time() - issued.get("issued", 0) < RECOVERY_CODES_DOWNLOADABLE.total_seconds()
    valid = set(devices.current_recovery_codes(request.user)) if fresh else set()
    codes = [code for code in issued.get("codes", []) if code in valid]
    if not codes:
        request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
        messages.error(
            request,
            _("Recovery codes can be downloaded only just after they are made: make new ones."),
        )
        return redirect("twofactor_manage")
    heading = _("Recovery codes for %(username)s at %(site)s. Each one lets you sign in once.") % {
        "username": request.user.get_username(),
        "site": settings.OTP_TOTP_ISSUER,
    }
    response = HttpResponse(
        "\n".join([heading, "", *codes, ""]), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="recovery-codes.txt"'
    return response


class ManageView(WagtailAdminTemplateMixin, TemplateView):
    """Two-factor authentication in the account settings: turn it on or off, new recovery
    codes."""

    template_name = "twofactor/manage.html"
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": gettext_lazy("Account")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, disable_form=None, **kwargs):
        user = self.request.user
        enabled = has_authenticator(user)
        return super().get_context_data(
            enabled=enabled,
            required=is_required(user),
            codes_left=devices.recovery_codes_left(user) if enabled else None,
            disable_form=disable_form or CodeForm(),
            **kwargs,
        )


@require_POST
def regenerate_recovery_codes(request):
    if not has_authenticator(request.user):
        return redirect("twofactor_manage")
    return recovery_codes_response(request, devices.replace_recovery_codes(request.user))


class DisableView(LockoutAwareCodeFormView):
    """Turn two-factor authentication off, proven with a current code; refused to those who
    must keep it."""

    http_method_names = ["post"]
    success_url = reverse_lazy("twofactor_manage")

    def dispatch(self, request, *args, **kwargs):
        if is_required(request.user):
            messages.error(request, _("Your role requires two-factor authentication."))
            return redirect("twofactor_manage")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            device = devices.matching_device(self.request.user, form.cleaned_data["code"])
        except devices.Throttled as throttled:
            return self.refuse(form, wait_message(throttled))
        if device is None:
            if count_wrong_code(self.request):
                return lock_out(self.request)
            return self.refuse(form, _("That code was not accepted. Check it and try again."))
        devices.remove_all(self.request.user)
        messages.success(self.request, _("Two-factor authentication is off."))
        return super().form_valid(form)

    def form_invalid(self, form):
        view = ManageView()
        view.setup(self.request)
        return view.render_to_response(view.get_context_data(disable_form=form))
