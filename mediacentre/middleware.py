from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_path


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
