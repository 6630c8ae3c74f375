from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.admin.localization import get_available_admin_languages


class PrefixedLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from a view outside the language prefix
    (the API, documents) stays a 404.

    Django retries any unprefixed 404 under /<language>/, and Wagtail's catch-all page URL
    accepts every path there, so /api/v2/pages/999/ would redirect to an HTML page.
    """

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None)
            and not get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)


def admin_language(request):
    """The admin language of a request: the signed-in user's Wagtail preference, else the
    first admin language the browser accepts, else the default.

    Never the reader's language cookie: the public site offers Kazakh and Kyrgyz, which
    Wagtail's admin does not speak, and a page half in one language and half in English
    (the sign-in and two-factor pages, before any preference applies) is worse than either.
    """
    permitted = {code for code, _name in get_available_admin_languages()}
    profile = getattr(request.user, "wagtail_userprofile", None)
    if profile and profile.preferred_language in permitted:
        return profile.preferred_language
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        try:
            code = translation.get_supported_language_variant(code)
        except LookupError:
            continue
        if code in permitted:
            return code
    if settings.LANGUAGE_CODE in permitted:
        return settings.LANGUAGE_CODE
    return get_available_admin_languages()[0][0]


class AdminLanguageMiddleware:
    """Speaks the admin language (admin_language) under /admin/, whatever language
    PrefixedLocaleMiddleware took from the public site's cookie.

    Goes after AuthenticationMiddleware, to read the signed-in user's preference.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            admin_home = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URLconf without the admin, such as a test's own
            admin_home = None
        if admin_home and request.path_info.startswith(admin_home):
            translation.activate(admin_language(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
