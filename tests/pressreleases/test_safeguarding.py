import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from pressreleases.workflows import ApprovalRefused, SafeguardingTask

from .. import factories
from ..html import text

pytestmark = pytest.mark.django_db

CHECKLIST = {"no_identifying_details": True, "consent_recorded": True, "names_changed": True}


@pytest.fixture
def index():
    index = factories.release_index(factories.media_centre("en"))
    call_command("setup_mediacentre", stdout=io.StringIO())
    return index


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model, index):
    return member(django_user_model, "editor", "Editors")


@pytest.fixture
def reviewer(django_user_model, index):
    return member(django_user_model, "reviewer", "Reviewers")


def child_photo(consent=False):
    return factories.make_image(
        title="Girl at the well", shows_identifiable_child=True, consent_on_record=consent
    )


def at_safeguarding_check(page, editor, reviewer):
    """Submit the draft and let the first reviewer approve: the safeguarding check is next."""
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    review = workflow_state.current_task_state
    review.task.specific.on_action(review, reviewer, "approve")
    workflow_state.refresh_from_db()
    task_state = workflow_state.current_task_state.specific
    assert isinstance(task_state.task.specific, SafeguardingTask)
    return task_state


def approve_in_admin(client, page, task_state, data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    # The dashboard and the editor post the modal's form with XMLHttpRequest.
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


def test_a_page_showing_an_unconsented_child_cannot_be_approved(index, editor, reviewer):
    page = factories.release(index, live=False, image=child_photo())
    task_state = at_safeguarding_check(page, editor, reviewer)

    with pytest.raises(ApprovalRefused, match="“Girl at the well”"):
        task_state.task.specific.on_action(task_state, reviewer, "approve", **CHECKLIST)

    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not page.live


def test_images_inside_the_body_are_checked_too(index, editor, reviewer):
    page = factories.release(
        index,
        live=False,
        body=[("image", {"image": child_photo(), "caption": "", "credit": "", "alt_text": ""})],
    )
    task_state = at_safeguarding_check(page, editor, reviewer)

    with pytest.raises(ApprovalRefused, match="Girl at the well"):
        task_state.task.specific.on_action(task_state, reviewer, "approve", **CHECKLIST)


def test_an_image_added_during_review_is_checked(index, editor, reviewer):
    page = factories.release(index, live=False)
    task_state = at_safeguarding_check(page, editor, reviewer)
    page.hero_image = child_photo()
    page.save_revision(user=reviewer)

    with pytest.raises(ApprovalRefused, match="Girl at the well"):
        task_state.task.specific.on_action(task_state, reviewer, "approve", **CHECKLIST)


def test_approval_needs_the_whole_checklist(index, editor, reviewer):
    page = factories.release(index, live=False)
    task_state = at_safeguarding_check(page, editor, reviewer)

    with pytest.raises(ApprovalRefused, match="checklist"):
        task_state.task.specific.on_action(
            task_state, reviewer, "approve", **{**CHECKLIST, "names_changed": False}
        )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_consent_on_record_lets_the_page_through_and_publishes_it(index, editor, reviewer):
    page = factories.release(index, live=False, image=child_photo(consent=True))
    task_state = at_safeguarding_check(page, editor, reviewer)

    task_state.task.specific.on_action(task_state, reviewer, "approve", **CHECKLIST)

    page.refresh_from_db()
    assert page.live
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    assert workflow_state.status == WorkflowState.STATUS_APPROVED


def test_admin_modal_shows_the_checklist(client, index, editor, reviewer):
    page = factories.release(index, live=False)
    task_state = at_safeguarding_check(page, editor, reviewer)
    client.force_login(reviewer)

    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    html = client.get(url).json()["html"]

    assert "Informed consent of the child and a parent or guardian is on record" in text(html)
    assert f'name="task_state_id" value="{task_state.pk}"' in html


def test_admin_refuses_an_unconsented_child_with_the_image_named(client, index, editor, reviewer):
    page = factories.release(index, live=False, image=child_photo())
    task_state = at_safeguarding_check(page, editor, reviewer)
    client.force_login(reviewer)

    response = approve_in_admin(
        client, page, task_state, {**CHECKLIST, "task_state_id": task_state.pk}
    )

    answer = response.json()
    assert answer["step"] == "action"
    assert "This page cannot be approved" in text(answer["html"])
    assert "“Girl at the well”" in text(answer["html"])
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not page.live


def test_admin_refuses_an_incomplete_checklist(client, index, editor, reviewer):
    page = factories.release(index, live=False)
    task_state = at_safeguarding_check(page, editor, reviewer)
    client.force_login(reviewer)

    response = approve_in_admin(
        client,
        page,
        task_state,
        {"no_identifying_details": "on", "consent_recorded": "on", "task_state_id": task_state.pk},
    )

    assert response.json()["step"] == "action"
    assert "Confirm this point before approving." in text(response.json()["html"])
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not page.live


def test_admin_approval_with_the_full_checklist_publishes(client, index, editor, reviewer):
    page = factories.release(index, live=False, title="Schools reopen in Osh")
    task_state = at_safeguarding_check(page, editor, reviewer)
    client.force_login(reviewer)

    response = approve_in_admin(
        client,
        page,
        task_state,
        {
            "no_identifying_details": "on",
            "consent_recorded": "on",
            "names_changed": "on",
            "comment": "Checked with the field office.",
            "task_state_id": task_state.pk,
        },
    )

    assert response.json()["step"] == "success"
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.comment == "Checked with the field office."
    assert page.live
    assert client.get(page.url).status_code == 200


def test_the_editors_approve_button_collects_the_same_checks(client, index, editor, reviewer):
    """In the page editor, the modal only collects the data; the edit view then approves."""
    blocked = factories.release(index, 1, live=False, image=child_photo())
    clean = factories.release(index, 2, live=False)
    client.force_login(reviewer)
    answers = {}
    for page in (blocked, clean):
        task_state = at_safeguarding_check(page, editor, reviewer)
        url = reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[page.pk, "approve", task_state.pk],
        )
        answers[page.pk] = client.post(
            url,
            {**CHECKLIST, "task_state_id": task_state.pk},
            headers={"x-requested-with": "XMLHttpRequest"},
        ).json()

    assert answers[blocked.pk]["step"] == "action"
    assert "Girl at the well" in text(answers[blocked.pk]["html"])
    assert answers[clean.pk]["step"] == "success"
    assert answers[clean.pk]["cleaned_data"]["names_changed"] is True


def test_request_changes_returns_the_page_to_the_editor(client, index, editor, reviewer):
    page = factories.release(index, live=False, image=child_photo())
    task_state = at_safeguarding_check(page, editor, reviewer)
    client.force_login(reviewer)

    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client.post(
        url,
        {"comment": "Blur the girl's face or get consent."},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert json.loads(response.content)["step"] == "success"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Blur the girl's face or get consent."
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert "Blur the girl&#x27;s face or get consent." in edit.content.decode()


def test_editors_get_no_safeguarding_actions(index, editor, reviewer):
    page = factories.release(index, live=False)
    task_state = at_safeguarding_check(page, editor, reviewer)

    assert task_state.task.specific.get_actions(page, editor) == []
    assert [name for name, *_ in task_state.task.specific.get_actions(page, reviewer)] == [
        "reject",
        "approve",
    ]
