"""An embargoed release, in every language, appears nowhere until its hour, then everywhere."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from .. import factories
from ..localize import translate
from ..security.accounts import sign_in_as_member

pytestmark = pytest.mark.django_db

EMBARGO_DELAY = datetime.timedelta(hours=2)


@pytest.fixture
def trees():
    """English and Kazakh media centres with their press release indexes, all live."""
    english_centre = factories.media_centre("en")
    english_index = factories.release_index(english_centre)
    factories.publish(english_centre.copy_for_translation(factories.locale("kk")))
    kazakh_index = factories.publish(english_index.copy_for_translation(factories.locale("kk")))
    return english_index, kazakh_index


def schedule(page, go_live_at):
    """Approve `page` now to go live at `go_live_at`, as a reviewer does."""
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def scheduled_for(page):
    revision = page.revisions.filter(approved_go_live_at__isnull=False).first()
    return revision.approved_go_live_at if revision else None


@pytest.fixture
def embargoed(trees):
    english_index, kazakh_index = trees
    embargo = (timezone.now() + EMBARGO_DELAY).replace(microsecond=0)
    english = factories.release(
        english_index, 1, title="Embargoed report", slug="embargoed-report", live=False
    )
    schedule(english, embargo)
    kazakh = english.copy_for_translation(factories.locale("kk"))
    kazakh.title = "Эмбаргодағы баяндама"
    kazakh.go_live_at = None
    kazakh.save_revision().publish()  # approved early by the Kazakh reviewer
    kazakh.refresh_from_db()
    return english, kazakh, embargo


def public_surfaces(client, page):
    """Everything a reader, a feed reader or a crawler can see of the page's tree."""
    index_url = page.get_parent().url
    return "\n".join(
        client.get(url).content.decode()
        for url in [
            index_url,
            f"{index_url}{page.release_date.year}/",
            f"{index_url}feed/rss/",
            f"{index_url}feed/atom/",
            page.get_parent().get_parent().url,
            "/sitemap.xml",
        ]
    )


def test_a_translation_approved_early_waits_for_its_sources_embargo(embargoed):
    english, kazakh, embargo = embargoed
    assert not english.live and not kazakh.live
    assert scheduled_for(english) == embargo
    assert scheduled_for(kazakh) == embargo


def test_nothing_shows_before_the_embargo_and_everything_after(client, embargoed):
    english, kazakh, embargo = embargoed
    for page in (english, kazakh):
        assert client.get(page.url).status_code == 404
        surfaces = public_surfaces(client, page)
        assert page.title not in surfaces
        assert page.slug not in surfaces

    with time_machine.travel(embargo - datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    english.refresh_from_db()
    assert not english.live

    with time_machine.travel(embargo + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    for page in (english, kazakh):
        page.refresh_from_db()
        assert page.live
        assert client.get(page.url).status_code == 200
        assert page.title in public_surfaces(client, page)
    kazakh_html = client.get(kazakh.url).content.decode()
    assert f'href="/language/en/?next={english.url}"' in kazakh_html


def test_moving_the_sources_embargo_moves_its_translations(embargoed):
    english, kazakh, embargo = embargoed
    later = embargo + datetime.timedelta(hours=3)
    schedule(english, later)
    assert scheduled_for(english) == later
    assert scheduled_for(kazakh) == later
    kazakh.refresh_from_db()
    assert kazakh.go_live_at == later


def test_cancelling_the_sources_embargo_cancels_its_translations_schedule(
    client, django_user_model, embargoed
):
    english, kazakh, embargo = embargoed
    call_command("setup_mediacentre", stdout=io.StringIO())
    sign_in_as_member(client, django_user_model, "reviewer", "Reviewers")
    scheduled = english.revisions.get(approved_go_live_at__isnull=False)

    response = client.post(
        reverse("wagtailadmin_pages:revisions_unschedule", args=[english.pk, scheduled.pk])
    )

    assert response.status_code == 302
    assert scheduled_for(english) is None
    assert scheduled_for(kazakh) is None
    client.logout()
    with time_machine.travel(embargo + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    for page in (english, kazakh):
        page.refresh_from_db()
        assert not page.live
        assert client.get(page.url).status_code == 404
    assert kazakh.go_live_at is None


def test_a_translation_made_with_wagtail_localize_is_bound_too(trees):
    english_index, _kazakh_index = trees
    embargo = (timezone.now() + EMBARGO_DELAY).replace(microsecond=0)
    english = factories.release(english_index, 2, slug="localized-embargo", live=False)
    schedule(english, embargo)
    translate(english_index.get_parent(), "ru", {}, fallback=str)
    russian_index = translate(english_index, "ru", {}, fallback=str)
    russian = translate(english, "ru", {}, fallback=lambda text: f"{text} (ru)")
    assert russian_index.live
    assert not russian.live
    assert scheduled_for(russian) == embargo


def test_a_translation_of_a_public_release_publishes_at_once(trees):
    english_index, _kazakh_index = trees
    english = factories.release(english_index, 3, slug="already-public")
    kazakh = english.copy_for_translation(factories.locale("kk"))
    kazakh.save_revision().publish()
    kazakh.refresh_from_db()
    assert kazakh.live
    assert scheduled_for(kazakh) is None
