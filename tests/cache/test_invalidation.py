"""Each change clears exactly the cached pages that show it: readers see it on their next
request, and pages that do not show it stay cached."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from pressreleases.models import PressReleaseIndexPage

from .. import factories
from ..localize import translate
from .conftest import get

pytestmark = pytest.mark.django_db

CENTRE = "/en/media-centre/"
INDEX = "/en/media-centre/press-releases/"
FIRST = "/en/media-centre/press-releases/release-1/"
SECOND = "/en/media-centre/press-releases/release-2/"
YEAR_2017 = "/en/media-centre/press-releases/2017/"
GUIDELINES = "/en/media-centre/ethical-guidelines/"
HOME = "/en/"


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Make a change as the admin does: purges run once its transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def warm(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200, url


def is_cached(client, url):
    return get(client, url)[1] == 0


def page_text(client, url):
    return client.get(url).content.decode()


def test_publishing_a_release_updates_its_page_listings_and_archives(
    client, page_cache, site, change
):
    warm(client, FIRST, INDEX, YEAR_2017, CENTRE, SECOND, GUIDELINES, HOME)
    site.first.title = "Schools reopen in every region"
    with change():
        factories.publish(site.first)
    for url in (FIRST, INDEX, YEAR_2017, CENTRE):
        assert "Schools reopen in every region" in page_text(client, url), url
    # Nothing else shows the release.
    for url in (SECOND, GUIDELINES, HOME):
        assert is_cached(client, url), url


def test_publishing_a_new_release_lists_it_in_a_new_year(client, page_cache, site, change):
    warm(client, INDEX, CENTRE)
    assert client.get("/en/media-centre/press-releases/2018/").status_code == 404
    with change():
        factories.release(site.index, 3, title="New year news", date=datetime.date(2018, 2, 1))
    for url in (INDEX, CENTRE, "/en/media-centre/press-releases/2018/"):
        assert "New year news" in page_text(client, url), url


def test_unpublishing_a_release_takes_it_out_of_every_listing(client, page_cache, site, change):
    warm(client, FIRST, INDEX, YEAR_2017, CENTRE, SECOND)
    with change():
        site.first.unpublish()
    assert client.get(FIRST).status_code == 410
    assert client.get(YEAR_2017).status_code == 404
    for url in (INDEX, CENTRE):
        assert "Schools reopen" not in page_text(client, url), url
    assert is_cached(client, SECOND)


def test_a_scheduled_release_goes_live_on_the_next_request(client, page_cache, site, change):
    embargoed = factories.release(site.index, 3, title="Embargoed report", live=False)
    # Within the cache's ten minutes, so that only a purge can explain a change.
    embargoed.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    embargoed.save_revision().publish()
    url = "/en/media-centre/press-releases/release-3/"
    assert client.get(url).status_code == 404
    warm(client, INDEX, CENTRE, SECOND)
    assert "Embargoed report" not in page_text(client, INDEX)

    with time_machine.travel(embargoed.go_live_at + datetime.timedelta(seconds=30)), change():
        call_command("run_publisher", interval=0, max_runs=1, stdout=None)
    assert client.get(url).status_code == 200
    for listing in (INDEX, CENTRE):
        assert "Embargoed report" in page_text(client, listing), listing
    assert is_cached(client, SECOND)


def test_moving_a_page_clears_its_old_address_and_the_navigation(client, page_cache, site, change):
    about = factories.standard_page(site.centre, title="About us", slug="about")
    old_url = "/en/media-centre/media-club/"
    warm(client, old_url, CENTRE, GUIDELINES)
    with change():
        site.club.move(about, pos="last-child")
    assert client.get(old_url).status_code != 200
    assert client.get("/en/media-centre/about/media-club/").status_code == 200
    # The media club was a section in the navigation of every media-centre page.
    assert "/en/media-centre/media-club/" not in page_text(client, GUIDELINES)


def test_moving_a_draft_that_has_no_date_yet_clears_its_old_places(
    client, page_cache, site, change
):
    """A draft may wait for its date; moving it still clears the listings it left."""
    draft = factories.release(site.index, 3, live=False, date=datetime.date(2016, 9, 1))
    draft.save_revision()
    # As the admin saves a draft without its date: required fields wait till submission.
    draft.release_date = None
    draft.save_revision(clean=False)
    draft.save(clean=False, update_fields=["release_date"])
    statements = factories.add_page(
        site.centre, PressReleaseIndexPage(title="Statements", slug="statements")
    )
    year_2016 = "/en/media-centre/press-releases/2016/"
    warm(client, year_2016, YEAR_2017)
    with change():
        draft.move(statements, pos="last-child")
    assert not is_cached(client, year_2016)


def test_deleting_a_release_takes_it_away_at_once(client, page_cache, site, change):
    warm(client, FIRST, INDEX, CENTRE, SECOND)
    with change():
        site.first.delete()
    assert client.get(FIRST).status_code == 404
    assert "Schools reopen" not in page_text(client, INDEX)
    assert "Schools reopen" not in page_text(client, CENTRE)
    assert is_cached(client, SECOND)


def test_a_new_slug_leaves_no_stale_page_at_the_old_address(client, page_cache, site, change):
    warm(client, FIRST)
    site.first.slug = "schools-reopen"
    with change():
        factories.publish(site.first)
    assert client.get(FIRST).status_code != 200
    assert client.get("/en/media-centre/press-releases/schools-reopen/").status_code == 200


def test_publishing_a_translation_updates_the_language_switcher_of_its_source(
    client, page_cache, site, change
):
    warm(client, FIRST, SECOND)
    assert "/ru/media-centre/press-releases/release-1/" not in page_text(client, FIRST)
    glossary = {"Media centre": "Медиацентр", "Press releases": "Пресс-релизы"}
    translate(site.centre, "ru", glossary)
    translate(site.index, "ru", glossary)
    translate(site.first, "ru", {"Schools reopen": "Школы открылись"}, fallback=str)
    assert "/ru/media-centre/press-releases/release-1/" in page_text(client, FIRST)
    assert "Школы открылись" in page_text(client, "/ru/media-centre/press-releases/release-1/")


def test_editing_a_contact_updates_the_pages_that_show_it(client, page_cache, site, change):
    person = factories.contact(name="Aigul Sadykova")
    factories.attach(site.first, contacts=[person])
    warm(client, FIRST, SECOND, INDEX)
    person.name = "Aigul Sadykova-Omarova"
    with change():
        person.save()
    assert "Aigul Sadykova-Omarova" in page_text(client, FIRST)
    for url in (SECOND, INDEX):
        assert is_cached(client, url), url


def test_editing_a_topic_updates_its_releases_and_archives(client, page_cache, site, change):
    subject = factories.topic(name="Education")
    factories.attach(site.first, topics=[subject])
    archive = "/en/media-centre/press-releases/topic/child-protection/"
    warm(client, FIRST, SECOND, archive, CENTRE)
    subject.name = "Education and learning"
    with change():
        subject.save()
    assert "Education and learning" in page_text(client, FIRST)
    assert "Education and learning" in page_text(client, archive)
    for url in (SECOND, CENTRE):
        assert is_cached(client, url), url


def test_editing_the_boilerplate_updates_every_release_of_its_language(
    client, page_cache, site, change
):
    from pressreleases.models import Boilerplate

    boilerplate = Boilerplate.objects.create(
        locale=factories.locale("en"), title="About UNICEF", text="<p>Old words.</p>"
    )
    russian = factories.release(factories.release_index(factories.media_centre("ru")), 9)
    warm(client, FIRST, SECOND, russian.url, CENTRE)
    boilerplate.text = "<p>New words.</p>"
    with change():
        boilerplate.save()
    for url in (FIRST, SECOND):
        assert "New words." in page_text(client, url), url
    for url in (russian.url, CENTRE):
        assert is_cached(client, url), url


def test_a_purge_reaches_the_cdn_with_the_urls_that_show_the_page(page_cache, cdn, site, change):
    with change():
        factories.publish(site.second)
    root = "http://localhost"
    index = root + INDEX
    expected = {
        root + SECOND,
        root + INDEX,
        root + CENTRE,
        root + "/sitemap.xml",
        index + "2016/",
        index + "2017/",
        index + "feed/rss/",
        index + "feed/atom/",
    }
    assert set(cdn) == expected


def test_purged_urls_name_site_url_once_setup_site_has_run(settings, cdn, site, change):
    settings.SITE_URL = "http://127.0.0.1:8765"
    call_command("setup_site", stdout=io.StringIO())
    with change():
        factories.publish(site.second)
    # Wagtail caches the sites' root URLs, which the test's rollback does not undo.
    Site.clear_site_root_paths_cache()
    assert "http://127.0.0.1:8765" + SECOND in cdn
    assert all(url.startswith("http://127.0.0.1:8765/") for url in cdn)
