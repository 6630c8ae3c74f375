"""The sync screen says sentence by sentence what changed in the source since the last sync,
with each language's previous translation of a changed sentence to start from."""

import pytest
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from .. import factories
from ..html import text
from .test_translation import english_release, translate_tree  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_sync_screen_lists_changed_sentences_and_their_previous_translation(
    admin_client,
    english_release,  # noqa: F811
):
    centre, index, page = english_release
    translate_tree(centre, index, page, "ru")
    page.summary = "Twelve thousand children were vaccinated."
    factories.publish(page)
    source = TranslationSource.objects.get_for_instance(page)

    screen = text(
        admin_client.get(
            reverse("wagtail_localize:update_translations", args=[source.pk])
        ).content.decode()
    )

    assert "Was: Ten thousand children were vaccinated." in screen
    assert "Now: Twelve thousand children were vaccinated." in screen
    assert (
        "Previous translation, Русский: a starting point Десять тысяч детей получили прививки."
        in screen
    )
    # Only the summary changed: the title, dateline and body are not listed.
    assert screen.count("Was:") == 1 and "New:" not in screen and "Removed:" not in screen


def test_the_sync_screen_says_when_no_sentence_changed(admin_client, english_release):  # noqa: F811
    centre, index, page = english_release
    translate_tree(centre, index, page, "ru")
    source = TranslationSource.objects.get_for_instance(page)

    screen = admin_client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))

    assert "No sentence changed since the last sync." in screen.content.decode()
