from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
def choose_language(request, language_code):
    """Remember the reader's language in a cookie, then take them to the page they chose.

    The language switcher links here, so that `/` later sends the reader back to the
    language they picked rather than the one their browser asks for.
    """
    if language_code not in dict(settings.LANGUAGES):
        raise Http404("Unknown language")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith(f"/{language_code}/"):
        target = f"/{language_code}/"
    response = HttpResponseRedirect(target)
    response["X-Robots-Tag"] = "noindex"
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language_code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
