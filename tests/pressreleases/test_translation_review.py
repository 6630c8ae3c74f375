"""A translation reaches readers the way a page does: its editor saves it and submits it
from the translation editor, a reviewer approves it; nobody publishes it around the review."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from .. import factories
from ..localize import fill_segments, translate
from ..security.accounts import sign_in_as_member
from .test_translation import RELEASE, SECTIONS

pytestmark = pytest.mark.django_db

SUBMIT_URL = "pressreleases_submit_translation_for_review"
CHECKLIST = {"no_identifying_details": "on", "consent_recorded": "on", "names_changed": "on"}


@pytest.fixture
def kazakh_draft():
    """An English release and its Kazakh translation, its strings translated, not saved."""
    centre = factories.media_centre("en")
    index = factories.release_index(centre)
    translate(centre, "kk", SECTIONS["kk"])
    translate(index, "kk", SECTIONS["kk"])
    release = factories.release(
        index,
        title="Vaccines reach every district",
        slug="vaccines-reach-every-district",
        summary="Ten thousand children were vaccinated.",
        body=[("paragraph", "<p>Teams travelled to remote villages.</p>")],
    )
    call_command("setup_mediacentre", stdout=io.StringIO())
    kazakh = factories.locale("kk")
    translate_object(release, [kazakh])
    translation = Translation.objects.get(
        source__object_id=release.translation_key, target_locale=kazakh
    )
    fill_segments(translation, RELEASE["kk"], fallback=str)
    return release, release.get_translation(kazakh).specific


def test_the_kazakh_editor_submits_a_translation_and_a_reviewer_approves_it(
    client, django_user_model, kazakh_draft
):
    english, kazakh = kazakh_draft
    sign_in_as_member(client, django_user_model, "editor-kk", "Editors (Қазақша)")
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[kazakh.pk]))
    assert "Save and submit for review" in editor_page.content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse(SUBMIT_URL, args=[kazakh.pk]))

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(kazakh.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    kazakh.refresh_from_db()
    assert not kazakh.live
    assert kazakh.get_latest_revision().content["title"] == "Вакциналар әр ауданға жетті"
    assert "waits for a reviewer" in client.get(response["Location"]).content.decode()

    client.logout()
    assert client.get(f"/kk/{kazakh.url_path.split('/', 2)[2]}").status_code == 404
    sign_in_as_member(client, django_user_model, "reviewer", "Reviewers")
    for checklist in ({}, CHECKLIST):
        task_state = WorkflowState.objects.get(pk=state.pk).current_task_state
        # The translation editor offers the reviewer the task's own actions.
        translation_editor = client.get(reverse("wagtailadmin_pages:edit", args=[kazakh.pk]))
        approve_url = reverse(
            "wagtailadmin_pages:workflow_action", args=[kazakh.pk, "approve", task_state.pk]
        )
        assert f'data-workflow-action-url="{approve_url}"' in translation_editor.content.decode()
        action_data = {"comment": "", "task_state_id": task_state.pk, **checklist}
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(
                approve_url,
                action_data,
                headers={"x-requested-with": "XMLHttpRequest"},
            )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()

    kazakh.refresh_from_db()
    assert kazakh.live and kazakh.title == "Вакциналар әр ауданға жетті"
    assert "Он мың бала екпе алды." in client.get(kazakh.url).content.decode()
    english_page = client.get(english.url).content.decode()
    assert "Ten thousand children were vaccinated." in english_page
    assert "Он мың бала" not in english_page


def test_publish_in_the_translation_editor_is_neither_offered_nor_allowed_to_a_superuser(
    admin_client, kazakh_draft
):
    _english, kazakh = kazakh_draft
    edit_url = reverse("wagtailadmin_pages:edit", args=[kazakh.pk])
    editor = BeautifulSoup(admin_client.get(edit_url).content, "html.parser")
    props = json.loads(editor.select_one(".js-translation-editor")["data-props"])
    assert props["perms"]["canPublish"] is False
    assert props["perms"]["canDelete"] is True

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client.post(edit_url, {"action": "publish"})

    assert response.status_code == 302
    kazakh.refresh_from_db()
    assert not kazakh.live
    assert "published through review" in admin_client.get(edit_url).content.decode()


def test_an_editor_of_another_language_cannot_submit_it(client, django_user_model, kazakh_draft):
    _english, kazakh = kazakh_draft
    sign_in_as_member(client, django_user_model, "editor-ru", "Editors (Русский)")

    response = client.post(reverse(SUBMIT_URL, args=[kazakh.pk]))

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not WorkflowState.objects.filter(object_id=str(kazakh.pk)).exists()


def test_the_editor_and_the_reviewer_are_told_of_sentences_left_untranslated(
    client, django_user_model, kazakh_draft
):
    english, kazakh = kazakh_draft
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="kk"
    )
    translation.source.stringsegment_set.first().string.translations.filter(
        locale__language_code="kk"
    ).delete()
    sign_in_as_member(client, django_user_model, "editor-kk", "Editors (Қазақша)")

    page = client.get(reverse("wagtailadmin_pages:edit", args=[kazakh.pk])).content.decode()

    assert "1 sentence is not translated yet: readers would see it in English." in page


def test_a_translation_sent_back_offers_the_reviewer_no_approval_until_resubmitted(
    client, django_user_model, kazakh_draft
):
    _english, kazakh = kazakh_draft
    edit_url = reverse("wagtailadmin_pages:edit", args=[kazakh.pk])
    sign_in_as_member(client, django_user_model, "editor-kk", "Editors (Қазақша)")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse(SUBMIT_URL, args=[kazakh.pk]))
    client.logout()
    sign_in_as_member(client, django_user_model, "reviewer", "Reviewers")
    task_state = WorkflowState.objects.get(object_id=str(kazakh.pk)).current_task_state
    assert "data-workflow-action-url" in client.get(edit_url).content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[kazakh.pk, "reject", task_state.pk]
            ),
            {"comment": "Please translate the paragraph too."},
        )

    page = client.get(edit_url).content.decode()
    assert "A reviewer asked for changes" in page
    assert "data-workflow-action-url" not in page
