import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Locale, Page, Site

from home.models import HomePage

from .. import factories

LANGUAGES = ["en", "ru", "kk", "ky"]

pytestmark = pytest.mark.django_db


def test_every_language_has_a_locale_and_a_live_home_page():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(LANGUAGES)
    homes = HomePage.objects.live().select_related("locale")
    assert sorted(h.locale.language_code for h in homes) == sorted(LANGUAGES)


def test_home_pages_are_translations_of_one_another():
    assert HomePage.objects.values("translation_key").distinct().count() == 1
    english = HomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(is_default_site=True).root_page_id == english.pk
    assert {p.locale.language_code for p in english.get_translations()} == {"ru", "kk", "ky"}


def test_setup_site_twice_changes_nothing():
    before = (Page.objects.count(), Locale.objects.count(), Site.objects.count())
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    assert (Page.objects.count(), Locale.objects.count(), Site.objects.count()) == before
    assert out.getvalue() == ""


def test_wagtail_welcome_placeholder_is_replaced():
    assert not Page.objects.filter(depth=2).exclude(content_type__model="homepage").exists()


@override_settings(SITE_URL="http://127.0.0.1:8765", WAGTAIL_SITE_NAME="UNICEF Kazakhstan")
def test_setup_site_corrects_wagtails_localhost_site_to_site_url_and_reports_it():
    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80, site_name="")
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    site.refresh_from_db()
    assert (site.hostname, site.port, site.site_name) == ("127.0.0.1", 8765, "UNICEF Kazakhstan")
    assert site.root_url == "http://127.0.0.1:8765"
    assert out.getvalue() == (
        "Corrected the default site: hostname 'localhost' → '127.0.0.1', port 80 → 8765, "
        "site_name '' → 'UNICEF Kazakhstan'\n"
    )
    again = io.StringIO()
    call_command("setup_site", stdout=again)
    assert again.getvalue() == ""


@override_settings(SITE_URL="https://media.example.org")
def test_setup_site_creates_the_default_site_at_site_url_when_there_is_none():
    Site.objects.all().delete()
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("media.example.org", 443, "Media Centre")
    assert site.root_page.specific == HomePage.objects.get(locale__language_code="en")
    assert out.getvalue() == "Created the default site at https://media.example.org\n"


@override_settings(SITE_URL="http://127.0.0.1:8765")
def test_setup_site_refuses_to_take_the_address_of_another_site():
    Site.objects.create(
        hostname="127.0.0.1", port=8765, root_page=HomePage.objects.get(locale__language_code="ru")
    )
    with pytest.raises(CommandError, match="Another site already answers at 127.0.0.1:8765"):
        call_command("setup_site", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@override_settings(DEBUG=True)
def test_an_editors_dashboard_is_headed_with_the_sites_name_not_its_host(client):
    factories.media_centre("kk")
    call_command("setup_mediacentre", stdout=io.StringIO())
    call_command("create_demo_users", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="editor-kk"))
    # Wagtail's own default site has no name: the dashboard shows its host instead.
    Site.objects.filter(is_default_site=True).update(site_name="")
    assert dashboard_heading(client) == "localhost"
    call_command("setup_site", stdout=io.StringIO())
    assert dashboard_heading(client) == "Media Centre"


def dashboard_heading(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True)
