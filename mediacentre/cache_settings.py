"""The cache settings, built from environment variables; pure functions for settings/base.py.

See the README's "Page cache" section for what each variable does.
"""

from django.core.exceptions import ImproperlyConfigured

# Seconds to wait for Redis: a stopped or hung Redis must cost a reader little.
REDIS_TIMEOUT_SECONDS = 0.5
# Enough for a few thousand pages (three entries each) in one process's memory.
LOCAL_MEMORY_MAX_ENTRIES = 10_000

# FRONTEND_CACHE: the Wagtail backend, and the environment variable behind each parameter.
CDN_BACKENDS = {
    "cloudflare": (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        {"BEARER_TOKEN": "CLOUDFLARE_BEARER_TOKEN", "ZONEID": "CLOUDFLARE_ZONE_ID"},
    ),
    # AWS credentials come from boto3's usual chain (environment, the machine's role).
    "cloudfront": (
        "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        {"DISTRIBUTION_ID": "CLOUDFRONT_DISTRIBUTION_ID"},
    ),
    # A Varnish or nginx address that accepts PURGE requests.
    "http": (
        "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        {"LOCATION": "FRONTEND_CACHE_PURGE_URL"},
    ),
}


def caches_for(redis_url):
    """Redis through django-redis when a URL is given, else Django's local-memory cache.

    Redis errors are ignored (and logged, see DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS): a
    cache that is down reads as empty, so every page is rendered from the database.
    """
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": LOCAL_MEMORY_MAX_ENTRIES},
            }
        }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    }


def frontend_caches(env):
    """WAGTAILFRONTENDCACHE: the site's own page cache, plus the CDN that FRONTEND_CACHE names.

    Every purge goes to both, so a change reaches readers through either. FRONTEND_CACHE_HOSTNAMES
    limits the CDN to some hosts (default: all).
    """
    backends = {"pages": {"BACKEND": "mediacentre.page_cache.PageCacheBackend"}}
    kind = env("FRONTEND_CACHE", default="")
    if not kind:
        return backends
    if kind not in CDN_BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE={kind!r} is not one of: {', '.join(CDN_BACKENDS)}."
        )
    backend, variables = CDN_BACKENDS[kind]
    params = {name: env(variable, default="") for name, variable in variables.items()}
    missing = [variables[name] for name, value in params.items() if not value]
    if missing:
        raise ImproperlyConfigured(f"FRONTEND_CACHE={kind} needs {', '.join(missing)}.")
    backends["cdn"] = {"BACKEND": backend, **params}
    hostnames = env.list("FRONTEND_CACHE_HOSTNAMES", default=[])
    if hostnames:
        backends["cdn"]["HOSTNAMES"] = hostnames
    return backends
