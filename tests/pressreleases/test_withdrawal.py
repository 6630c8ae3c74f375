"""A withdrawn release leaves every surface at once; its old address says so with 410 Gone."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from .. import factories
from ..html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def withdrawn(index):
    page = factories.release(
        index,
        1,
        title="Report on school meals",
        slug="school-meals",
        date=datetime.date(2016, 11, 17),
        summary="Meals reached every pupil.",
        body=[("paragraph", "<p>The confidential figures.</p>")],
    )
    page.unpublish()
    page.refresh_from_db()
    return page


def test_withdrawn_release_answers_410_with_title_and_date_only(client, withdrawn):
    response = client.get("/en/media-centre/press-releases/school-meals/")
    assert response.status_code == 410
    html = response.content.decode()
    page_text = text(html)
    assert "Report on school meals" in page_text
    assert "17 November 2016" in page_text
    assert "withdrawn" in page_text
    assert "Meals reached every pupil." not in html
    assert "The confidential figures." not in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="alternate" hreflang' not in html
    assert 'href="/en/media-centre/press-releases/"' in html


def test_withdrawn_release_leaves_every_listing(client, withdrawn):
    for url in [
        "/en/media-centre/press-releases/",
        "/en/media-centre/",
        "/en/media-centre/press-releases/feed/rss/",
        "/sitemap.xml",
    ]:
        assert "school-meals" not in client.get(url).content.decode(), url
    assert client.get("/en/media-centre/press-releases/2016/").status_code == 404


def test_notice_is_in_the_readers_language(client):
    centre = factories.media_centre("ru")
    page = factories.release(
        factories.release_index(centre), 1, slug="otozvan", date=datetime.date(2016, 11, 17)
    )
    page.unpublish()
    response = client.get(page.url)
    assert response.status_code == 410
    page_text = text(response.content.decode())
    assert "17 ноября 2016 г." in page_text
    assert "отозван" in page_text


def test_expiry_time_withdraws_the_release_when_it_comes(client, index):
    expire_at = timezone.now() + datetime.timedelta(days=1)
    page = factories.release(index, 2, slug="expiring", expire_at=expire_at)
    assert client.get(page.url).status_code == 200
    with time_machine.travel(expire_at + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.expired and not page.live
    assert client.get("/en/media-centre/press-releases/expiring/").status_code == 410
    assert "expiring" not in client.get("/en/media-centre/press-releases/").content.decode()


def test_a_release_never_published_is_not_found(client, index):
    factories.release(index, 3, slug="never-public", live=False)
    assert client.get("/en/media-centre/press-releases/never-public/").status_code == 404


def test_preview_of_an_unpublished_release_still_shows_its_content(admin_client, withdrawn):
    response = admin_client.get(f"/admin/pages/{withdrawn.pk}/view_draft/")
    assert response.status_code == 200
    assert "The confidential figures." in response.content.decode()
