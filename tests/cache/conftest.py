import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends import BaseBackend

from .. import factories


class RecordingBackend(BaseBackend):
    """A CDN that remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, and empty."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        **settings.WAGTAILFRONTENDCACHE,
        "cdn": {"BACKEND": "tests.cache.conftest.RecordingBackend"},
    }
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


@pytest.fixture
def site():
    """An English media centre: two releases in two years, guidelines and a standard page."""
    centre = factories.media_centre("en")
    index = factories.release_index(centre)
    return SimpleNamespace(
        centre=centre,
        index=index,
        first=factories.release(index, 1, title="Schools reopen", date=datetime.date(2017, 3, 1)),
        second=factories.release(index, 2, title="Clean water", date=datetime.date(2016, 5, 1)),
        guidelines=factories.guidelines(centre),
        club=factories.standard_page(centre),
    )


def get(client, url, **extra):
    """The response to a GET, and how many database queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)
