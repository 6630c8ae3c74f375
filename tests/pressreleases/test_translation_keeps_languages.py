"""Translating a release through the admin's "Translate" form leaves every other language's
contacts and topics as they were: existing ones are linked, missing ones made as drafts in
review, never overwritten with the source's text."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import TranslationSource

from pressreleases.models import Contact, PressReleasePage, Topic

from .. import factories
from ..localize import translate
from ..security.accounts import sign_in_as_member
from .test_translation import SECTIONS

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru", "kk", "ky"]
EDUCATION = {"en": "Education", "ru": "Образование", "kk": "Білім беру", "ky": "Билим берүү"}
OFFICER = {
    "en": "Gauhar Abdygaliyeva",
    "ru": "Гаухар Абдыгалиева",
    "kk": "Гауһар Абдығалиева",
    "ky": "Гаухар Абдыгалиева",
}


@pytest.fixture
def media_centres():
    """The media centre and its press releases in four languages, translations of one
    another, each language with its own live "Education" topic and press officer."""
    centre = factories.media_centre("en")
    index = factories.release_index(centre)
    indexes = {"en": index}
    for language in LANGUAGES[1:]:
        translate(centre, language, SECTIONS[language])
        indexes[language] = translate(index, language, SECTIONS[language])
    english_topic = factories.topic("en", name=EDUCATION["en"], slug="education")
    english_contact = factories.contact("en", name=OFFICER["en"])
    for language in LANGUAGES[1:]:
        Topic.objects.create(
            locale=factories.locale(language),
            name=EDUCATION[language],
            slug="education",
            translation_key=english_topic.translation_key,
        )
        factories.contact(
            language, name=OFFICER[language], translation_key=english_contact.translation_key
        )
    call_command("setup_mediacentre", stdout=io.StringIO())
    return indexes


def shared_content():
    return {
        (type(item).__name__, item.locale.language_code): (str(item), item.live)
        for model in (Topic, Contact)
        for item in model.objects.select_related("locale")
    }


def release_in(index, language):
    page = factories.release(index, 1, slug=f"release-{language}")
    factories.attach(
        page,
        contacts=[Contact.objects.get(locale__language_code=language)],
        topics=[Topic.objects.get(locale__language_code=language)],
    )
    return page


@pytest.mark.parametrize(
    ("source", "targets"),
    [("kk", ["en", "ru"]), ("ru", ["kk"]), ("en", ["ru", "kk", "ky"])],
)
def test_translating_links_each_languages_own_topic_and_contact_and_changes_none(
    client, django_user_model, media_centres, source, targets
):
    release = release_in(media_centres[source], source)
    before = shared_content()
    sign_in_as_member(client, django_user_model, "editor", "Editors")

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[release.pk]),
        {"locales": [factories.locale(code).pk for code in targets]},
    )

    assert response.status_code == 302
    assert shared_content() == before
    for language in targets:
        translated = release.get_translation(factories.locale(language)).specific
        assert [link.topic.name for link in translated.topic_links.all()] == [EDUCATION[language]]
        assert [link.contact.name for link in translated.contact_links.all()] == [
            OFFICER[language]
        ]


def test_the_other_languages_readers_still_see_their_own_topic_names(
    client, django_user_model, media_centres
):
    release_in(media_centres["en"], "en")
    kazakh = release_in(media_centres["kk"], "kk")
    sign_in_as_member(client, django_user_model, "editor", "Editors")

    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[kazakh.pk]),
        {"locales": [factories.locale("ru").pk]},
    )

    client.logout()
    for language in ["en", "ru"]:
        index = media_centres[language]
        page = client.get(index.url + index.reverse_subpage("topic_archive", args=["education"]))
        assert page.status_code == 200
        assert EDUCATION[language] in page.content.decode()
        assert EDUCATION["kk"] not in page.content.decode()


def test_a_topic_missing_in_the_target_language_is_made_as_a_draft_in_review(
    client, django_user_model, media_centres
):
    release = release_in(media_centres["kk"], "kk")
    health = factories.topic("kk", name="Денсаулық", slug="health")
    factories.attach(release, topics=[health])
    sign_in_as_member(client, django_user_model, "editor", "Editors")

    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[release.pk]),
        {"locales": [factories.locale("en").pk]},
    )

    english_health = health.get_translation(factories.locale("en"))
    assert not english_health.live
    state = WorkflowState.objects.get(
        base_content_type__model="topic", object_id=str(english_health.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Shared content review"
    english_release = PressReleasePage.objects.get(
        translation_key=release.translation_key, locale__language_code="en"
    )
    assert english_health in [link.topic for link in english_release.topic_links.all()]
    health.refresh_from_db()
    assert (health.name, health.live) == ("Денсаулық", True)


def test_syncing_after_the_source_changes_leaves_the_targets_snippets_as_edited(
    client, django_user_model, media_centres
):
    kazakh = release_in(media_centres["kk"], "kk")
    sign_in_as_member(client, django_user_model, "editor", "Editors")
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[kazakh.pk]),
        {"locales": [factories.locale("en").pk]},
    )
    english_topic = Topic.objects.get(locale__language_code="en")
    english_topic.name = "Education and learning"
    english_topic.save()
    kazakh.summary = "Жаңа түйіндеме."
    factories.publish(kazakh)
    before = shared_content()

    source = TranslationSource.objects.get_for_instance(kazakh)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )

    assert response.status_code == 302
    assert shared_content() == before
    assert before["Topic", "en"] == ("Education and learning", True)
