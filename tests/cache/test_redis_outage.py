"""A Redis outage is not a site outage: pages come from the database until Redis is back.

The fixture runs its own redis-server on a free port; the machine's shared Redis is
never touched.
"""

import logging
import os

import pytest
from django.core.management import call_command

from mediacentre.cache_settings import caches_for

from ..servers import REDIS_SERVER, PrivateRedis
from .conftest import get

pytestmark = pytest.mark.django_db

URL = "/en/media-centre/media-club/"


@pytest.fixture
def redis_server():
    if not os.access(REDIS_SERVER, os.X_OK):
        pytest.skip(f"no redis-server at {REDIS_SERVER}: install the redis-server package")
    server = PrivateRedis()
    server.start()
    yield server
    server.close()


@pytest.fixture
def redis_page_cache(settings, redis_server):
    settings.CACHES = caches_for(redis_server.url)
    settings.PAGE_CACHE_SECONDS = 600
    return redis_server


def test_pages_serve_through_a_redis_outage_and_recover(client, redis_page_cache, site, caplog):
    first, _ = get(client, URL)
    assert first.status_code == 200
    assert redis_page_cache.keys() > 0
    assert get(client, URL)[1] == 0  # from Redis

    redis_page_cache.stop()
    with caplog.at_level(logging.ERROR, logger="django_redis"):
        during, queries = get(client, URL)
        other, _ = get(client, "/en/media-centre/ethical-guidelines/")
    assert during.status_code == other.status_code == 200
    assert queries > 0  # from the database
    assert during.content == first.content
    assert any("Exception ignored" in record.getMessage() for record in caplog.records)

    redis_page_cache.start()
    assert get(client, URL)[0].status_code == 200
    recovered, queries = get(client, URL)
    assert recovered.status_code == 200
    assert queries == 0


def test_clear_page_cache_empties_the_shared_cache(client, redis_page_cache, site):
    client.get(URL)
    assert get(client, URL)[1] == 0
    call_command("clear_page_cache", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert get(client, URL)[1] > 0
