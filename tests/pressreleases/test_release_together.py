"""A reviewer approves a release and its waiting translations in one step; all go live together."""

import datetime
import io
import json

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from pressreleases.workflows import ApprovalRefused

from .. import factories

pytestmark = pytest.mark.django_db

CHECKLIST = {"no_identifying_details": True, "consent_recorded": True, "names_changed": True}


@pytest.fixture
def people(django_user_model):
    english_index = factories.release_index(factories.media_centre("en"))
    for language in ["kk", "ky"]:
        factories.publish(
            english_index.get_parent().copy_for_translation(factories.locale(language))
        )
        factories.publish(english_index.copy_for_translation(factories.locale(language)))
    call_command("setup_mediacentre", stdout=io.StringIO())
    users = {}
    for username, group in [("editor", "Editors"), ("reviewer", "Reviewers")]:
        users[username] = django_user_model.objects.create_user(username, password="pw")
        users[username].groups.add(Group.objects.get(name=group))
    users["index"] = english_index
    return users


def at_safeguarding_check(page, people):
    page.save_revision(user=people["editor"])
    workflow_state = page.get_workflow().start(page, people["editor"])
    review = workflow_state.current_task_state
    review.task.specific.on_action(review, people["reviewer"], "approve")
    workflow_state.refresh_from_db()
    return workflow_state.current_task_state.specific


@pytest.fixture
def versions(people):
    """An embargoed release in English, Kazakh and Kyrgyz, all at the safeguarding check."""
    embargo = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    english = factories.release(people["index"], 1, slug="together", live=False)
    english.go_live_at = embargo
    pages = {"en": english}
    for language in ["kk", "ky"]:
        pages[language] = english.copy_for_translation(factories.locale(language))
        pages[language].go_live_at = None
    states = {code: at_safeguarding_check(page, people) for code, page in pages.items()}
    return pages, states, embargo


def workflow_status(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).latest("created_at").status


def test_approving_with_translations_schedules_every_language_for_the_embargo(people, versions):
    pages, states, embargo = versions
    task = states["en"].task.specific
    task.on_action(
        states["en"], people["reviewer"], "approve", with_translations=True, **CHECKLIST
    )

    for page in pages.values():
        page.refresh_from_db()
        assert workflow_status(page) == WorkflowState.STATUS_APPROVED
        assert not page.live
        assert page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == embargo

    with time_machine.travel(embargo + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    for page in pages.values():
        page.refresh_from_db()
        assert page.live


def test_without_the_choice_translations_keep_waiting(people, versions):
    pages, states, _embargo = versions
    task = states["en"].task.specific
    task.on_action(states["en"], people["reviewer"], "approve", **CHECKLIST)
    assert workflow_status(pages["en"]) == WorkflowState.STATUS_APPROVED
    for language in ["kk", "ky"]:
        states[language].refresh_from_db()
        assert states[language].status == TaskState.STATUS_IN_PROGRESS


def test_a_translation_showing_an_unconsented_child_stops_the_whole_approval(people, versions):
    pages, states, _embargo = versions
    photo = factories.make_image(title="Boy in Naryn", shows_identifiable_child=True)
    pages["ky"].hero_image = photo
    pages["ky"].save_revision(user=people["editor"])

    task = states["en"].task.specific
    with pytest.raises(ApprovalRefused, match="“Boy in Naryn”"):
        task.on_action(
            states["en"], people["reviewer"], "approve", with_translations=True, **CHECKLIST
        )
    for state in states.values():
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_IN_PROGRESS


def test_the_admin_approval_form_offers_and_applies_the_choice(client, people, versions):
    pages, states, embargo = versions
    client.force_login(people["reviewer"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[pages["en"].pk, "approve", states["en"].pk]
    )
    modal = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert 'name="with_translations"' in json.loads(modal.content)["html"]

    response = client.post(
        url,
        {**CHECKLIST, "task_state_id": states["en"].pk, "with_translations": "on"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    for page in pages.values():
        assert workflow_status(page) == WorkflowState.STATUS_APPROVED
        assert page.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == embargo
