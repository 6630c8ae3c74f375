"""Contacts, topics and the boilerplate appear on every live release, so a change to one
reaches readers only once a reviewer has approved it, as with pages."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from pressreleases.models import Boilerplate

from .. import factories
from ..security.accounts import sign_in_as_member

pytestmark = pytest.mark.django_db

EDIT_URL = "wagtailsnippets_pressreleases_boilerplate:edit"


@pytest.fixture
def release():
    page = factories.release(factories.release_index(factories.media_centre("en")))
    factories.media_centre("kk")
    Boilerplate.objects.create(
        locale=factories.locale("en"),
        title="About UNICEF",
        text="<p>UNICEF works in 190 countries.</p>",
    )
    call_command("setup_mediacentre", stdout=io.StringIO())
    return page


def reader_sees(client, page):
    return client.get(page.url).content.decode()


def test_an_editors_change_to_the_boilerplate_waits_for_a_reviewer(
    client, django_user_model, release
):
    boilerplate = Boilerplate.objects.get()
    editor = client
    sign_in_as_member(editor, django_user_model, "editor", "Editors")

    response = editor.post(
        reverse(EDIT_URL, args=[boilerplate.pk]),
        {
            "title": "About UNICEF",
            "text": '{"blocks": [{"key": "a", "type": "unstyled", "text": "UNICEF works in '
            '192 countries.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
            '"entityMap": {}}',
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(boilerplate.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    editor.logout()
    assert "190 countries" in reader_sees(client, release)
    assert "192 countries" not in reader_sees(client, release)

    sign_in_as_member(client, django_user_model, "reviewer", "Reviewers")
    dashboard = client.get("/admin/").content.decode()
    assert "About UNICEF" in dashboard
    task_state = state.current_task_state
    client.post(
        reverse(
            "wagtailsnippets_pressreleases_boilerplate:workflow_action",
            args=[boilerplate.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    client.logout()

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert "192 countries" in reader_sees(client, release)


def test_an_editor_cannot_publish_a_shared_snippet_around_review(
    client, django_user_model, release
):
    boilerplate = Boilerplate.objects.get()
    sign_in_as_member(client, django_user_model, "editor", "Editors")

    client.post(
        reverse(EDIT_URL, args=[boilerplate.pk]),
        {"title": "Changed at once", "text": "{}", "action-publish": "Publish"},
    )

    boilerplate.refresh_from_db()
    assert boilerplate.title == "About UNICEF"
    assert "Changed at once" not in reader_sees(client, release)


def test_a_topic_never_approved_is_not_shown_to_readers(client, release):
    draft = factories.topic("en", name="Water and sanitation", slug="water")
    draft.live = False
    draft.save()
    factories.attach(release, topics=[draft])
    index = release.get_parent().specific

    assert "Water and sanitation" not in reader_sees(client, release)
    archive = index.url + index.reverse_subpage("topic_archive", args=["water"])
    assert client.get(archive).status_code == 404
    api = client.get(f"/api/v2/pages/{release.pk}/").json()
    assert api["topics"] == []
