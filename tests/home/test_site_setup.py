import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.models import HomePage

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
