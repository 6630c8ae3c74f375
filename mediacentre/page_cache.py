"""The full-page cache: anonymous readers get public pages from the cache, editors never do.

Django's own cache middleware stores and fetches the pages (keyed by URL, the language
and the response's Vary headers). This module adds three things around it:

- a policy: only GET and HEAD requests without a session cookie or credentials are looked
  up, and only a 200 that sets no cookie, leaves the session alone and carries no
  Cache-Control of its own is stored. Everything else is `private, no-cache`.
- a version per URL path: a stored page carries the version its path had when it was
  rendered, and a page whose path has been purged since is a miss. One purge of a path
  so covers every query string (?page=2) and host it was stored under.
- PageCacheBackend, a backend of Wagtail's frontend cache (wagtail.contrib.frontend_cache)
  that purges paths here: the same purge that clears a CDN clears this cache.

Which pages a change purges is decided in pressreleases/cache.py.
"""

import hashlib
import time
import uuid
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils import translation
from django.utils.cache import (
    cc_delim_re,
    get_cache_key,
    patch_cache_control,
    patch_response_headers,
)
from wagtail.contrib.frontend_cache.backends import BaseBackend

# Never looked up nor given cache headers here: they have their own rules.
UNCACHED_PATH_PREFIXES = ("/admin/", "/documents/", "/api/", "/healthz/")


def page_cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def cache_seconds():
    """How long a page is kept, here and (s-maxage) in a CDN; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


VERSION_KEY_PREFIX = "pagecache.version."


def version_key(path):
    return VERSION_KEY_PREFIX + hashlib.sha256(path.encode()).hexdigest()


def path_version(path, current=None):
    """The version of a path (current, if just read); a path never seen (or purged) gets a new one."""
    if current is not None:
        return current
    cache = page_cache()
    key = version_key(path)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        # add(), not set(): of two requests racing here, both end up with the first's version.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version


def purge_paths(paths):
    page_cache().delete_many([version_key(path) for path in set(paths)])


def clear_page_cache():
    """Forget every cached page: every version at once where the cache can (Redis), else
    the whole cache (Wagtail's own cached lookups rebuild themselves)."""
    cache = page_cache()
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern(VERSION_KEY_PREFIX + "*")
    else:
        cache.clear()


def is_page_request(request):
    """Whether the request is for a public page this cache deals with at all."""
    path = request.path_info
    return not path.startswith((*UNCACHED_PATH_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL))


def may_be_served_from_cache(request):
    """Anonymous reads only: a session cookie means someone signed in (or a form in progress)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
    )


def may_be_stored(request, response):
    """A response is the same for every anonymous reader, so storable, only if it says so.

    A cookie set (the CSRF token of a form, a language choice), a session written to or a
    Cache-Control chosen by the view (a withdrawn release, a private preview) keeps it out.
    """
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and "Cache-Control" not in response
    )


def drop_vary_cookie(response):
    """Remove the Vary: Cookie that reading an empty session adds (Wagtail's user bar checks
    the user on every page). Without a session cookie the page cannot depend on cookies, and
    keeping it would give every reader with some other cookie a cache entry of their own."""
    vary = [
        header
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header and header.lower() != "cookie"
    ]
    if vary:
        response["Vary"] = ", ".join(vary)
    elif "Vary" in response:
        del response["Vary"]


class FetchPageFromCacheMiddleware(FetchFromCacheMiddleware):
    """Django's FetchFromCacheMiddleware for anonymous page requests.

    Put it right below UpdatePageCacheMiddleware: a hit then skips sessions, CSRF,
    authentication and the rest, none of which an anonymous, cookie-less read needs. The
    language is not known yet, so it is worked out here as LocaleMiddleware will, for the
    cache key to carry the same language the stored page was rendered in.
    """

    def process_request(self, request):
        request.is_page_cache_request = bool(cache_seconds()) and is_page_request(request)
        if not (request.is_page_cache_request and may_be_served_from_cache(request)):
            request._cache_update_cache = False
            return None
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            response, version = self.cached_response(request)
        # Read before rendering: a purge during the render makes what is stored a miss.
        request.page_cache_version = path_version(request.path, current=version)
        stored_version = getattr(response, "page_cache_version", None)
        if response is None or stored_version != request.page_cache_version:
            request._cache_update_cache = True
            return None
        request._cache_update_cache = False
        request.is_page_cache_hit = True
        set_age(response)
        return response

    def cached_response(self, request):
        """The stored response, if any, and the path's version, as the parent class looks
        them up: in one round trip to the cache for a page this process has served from it
        before, in two otherwise (Django's takes three)."""
        path_version_key = version_key(request.path)
        methods = ("GET", "HEAD") if request.method == "HEAD" else ("GET",)
        for method in methods:
            key = get_cache_key(request, self.key_prefix, method, cache=RememberedHeaderLists)
            if key:
                found = self.cache.get_many([key, path_version_key])
                if key in found:
                    return found[key], found.get(path_version_key)
        # Never seen here, or stored since under other headers: read as Django does.
        reader = ReadWithVersion(self.cache, path_version_key)
        for method in methods:
            key = get_cache_key(request, self.key_prefix, method, cache=reader)
            response = self.cache.get(key) if key else None
            if response is not None:
                return response, reader.version
        return None, reader.version


def set_age(response):
    """The Age header Django's FetchFromCacheMiddleware gives a hit: seconds since it was
    stored (kept with it, rather than parsed back from its Expires header on every hit)."""
    stored_at = getattr(response, "page_cache_stored_at", None)
    if stored_at is not None:
        # Age: 0 if the clock was turned back.
        response["Age"] = max(0, int(time.time() - stored_at))


# The request headers each stored page varies on (Django's "header list", which the key
# of the page is made from), by the key Django keeps that list under, as last read from
# the cache. They change only when a page's Vary header does. Forgotten all at once when full.
KNOWN_HEADER_LISTS = {}
MAX_KNOWN_HEADER_LISTS = 10_000


class RememberedHeaderLists:
    """The header lists this process has read, as get_cache_key() reads them from a cache."""

    @staticmethod
    def get(key, default=None):
        return KNOWN_HEADER_LISTS.get(key, default)


class ReadWithVersion:
    """The page cache as Django's get_cache_key() reads it, fetching a path's version with
    the first key asked for (the list of headers the page varies on), in one round trip."""

    def __init__(self, cache, version_key):
        self.cache = cache
        self.version_key = version_key
        self.version = None

    def get(self, key, default=None):
        found = self.cache.get_many([key, self.version_key])
        self.version = found.get(self.version_key, self.version)
        header_list = found.get(key)
        if header_list is None:
            return default
        if len(KNOWN_HEADER_LISTS) >= MAX_KNOWN_HEADER_LISTS:
            KNOWN_HEADER_LISTS.clear()
        KNOWN_HEADER_LISTS[key] = header_list
        return header_list


class UpdatePageCacheMiddleware(UpdateCacheMiddleware):
    """Django's UpdateCacheMiddleware, storing what the policy allows and marking every page
    response public (for a time) or private.

    Put it below the middleware whose headers must be made afresh for each response (the
    request id, the security headers), and above those that shape the page: sessions,
    language, CSRF.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = cache_seconds()

    def process_response(self, request, response):
        if not getattr(request, "is_page_cache_request", False) or getattr(
            request, "is_page_cache_hit", False
        ):
            return response
        if not (self._should_update_cache(request, response) and may_be_stored(request, response)):
            mark_uncached(request, response)
            return response
        drop_vary_cookie(response)
        # One piece of content, not the hundreds a feed is written in: the server sends
        # each piece in a write of its own, on every hit.
        response.content = response.content
        # Browsers, which cannot be purged, check back each time; shared caches keep it.
        patch_response_headers(response, cache_timeout=0)
        patch_cache_control(response, public=True, s_maxage=self.page_timeout)
        response.page_cache_version = request.page_cache_version
        response.page_cache_stored_at = time.time()
        return super().process_response(request, response)


def mark_uncached(request, response):
    if "Cache-Control" in response:
        return
    not_found_seconds = getattr(settings, "PAGE_CACHE_NOT_FOUND_SECONDS", 0)
    if (
        response.status_code == 404
        and not_found_seconds
        and may_be_served_from_cache(request)
        and not response.cookies
    ):
        # A CDN may keep a 404 for seconds only, so an embargo that lifts shows at once
        # (the publish that lifts it also purges the address).
        patch_cache_control(response, public=True, max_age=0, s_maxage=not_found_seconds)
    else:
        patch_cache_control(response, private=True, no_cache=True)


class PageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend that purges the site's own page cache."""

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        # Readers' requests are keyed by their decoded path, as Django gives request.path.
        purge_paths(unquote(urlsplit(url).path) for url in urls)
