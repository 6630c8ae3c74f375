import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response, credentials):
    """The page axes shows a locked-out (username, address): translated, in the admin's
    sign-in style, with HTTP 429 (AXES_HTTP_RESPONSE_CODE)."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "twofactor/locked_out.html",
        {"cool_off_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
