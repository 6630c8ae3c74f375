"""CACHES and WAGTAILFRONTENDCACHE come from the environment."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from mediacentre.cache_settings import caches_for, frontend_caches

PAGE_CACHE = {"BACKEND": "mediacentre.page_cache.PageCacheBackend"}


def test_redis_when_a_url_is_given_with_errors_ignored():
    default = caches_for("redis://cache.internal:6379/1")["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/1"
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


def test_local_memory_without_redis():
    default = caches_for("")["default"]
    assert default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_only_the_page_cache_is_purged_without_a_cdn(monkeypatch):
    monkeypatch.delenv("FRONTEND_CACHE", raising=False)
    assert frontend_caches(environ.Env()) == {"pages": PAGE_CACHE}


def test_cloudflare_from_the_environment(monkeypatch):
    monkeypatch.setenv("FRONTEND_CACHE", "cloudflare")
    monkeypatch.setenv("CLOUDFLARE_BEARER_TOKEN", "token")
    monkeypatch.setenv("CLOUDFLARE_ZONE_ID", "zone")
    monkeypatch.setenv("FRONTEND_CACHE_HOSTNAMES", "media.example.org")
    assert frontend_caches(environ.Env()) == {
        "pages": PAGE_CACHE,
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
            "HOSTNAMES": ["media.example.org"],
        },
    }


@pytest.mark.parametrize(
    ("kind", "backend", "variable", "param"),
    [
        ("cloudfront", "CloudfrontBackend", "CLOUDFRONT_DISTRIBUTION_ID", "DISTRIBUTION_ID"),
        ("http", "HTTPBackend", "FRONTEND_CACHE_PURGE_URL", "LOCATION"),
    ],
)
def test_other_cdns_from_the_environment(monkeypatch, kind, backend, variable, param):
    monkeypatch.setenv("FRONTEND_CACHE", kind)
    monkeypatch.setenv(variable, "value")
    monkeypatch.delenv("FRONTEND_CACHE_HOSTNAMES", raising=False)
    cdn = frontend_caches(environ.Env())["cdn"]
    assert cdn == {"BACKEND": f"wagtail.contrib.frontend_cache.backends.{backend}", param: "value"}


def test_a_cdn_without_its_credentials_is_refused_at_start(monkeypatch):
    monkeypatch.setenv("FRONTEND_CACHE", "cloudflare")
    monkeypatch.delenv("CLOUDFLARE_BEARER_TOKEN", raising=False)
    monkeypatch.setenv("CLOUDFLARE_ZONE_ID", "zone")
    with pytest.raises(ImproperlyConfigured, match="CLOUDFLARE_BEARER_TOKEN"):
        frontend_caches(environ.Env())


def test_an_unknown_cdn_is_refused_at_start(monkeypatch):
    monkeypatch.setenv("FRONTEND_CACHE", "akamai")
    with pytest.raises(ImproperlyConfigured, match="akamai"):
        frontend_caches(environ.Env())
