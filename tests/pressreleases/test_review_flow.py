"""Editor submits, reviewers are told by e-mail, a send-back reaches the editor by e-mail."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    def person(username, group):
        user = django_user_model.objects.create_user(
            username, email=f"{username}@example.org", password="pw"
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return person


@pytest.fixture
def draft(people):
    index = factories.release_index(factories.media_centre("en"))
    call_command("setup_mediacentre", stdout=io.StringIO())
    return factories.release(index, title="Flood relief reaches Osh", live=False)


def test_submitting_emails_the_reviewers_and_not_the_editor(draft, people):
    editor = people("editor", "Editors")
    reviewers = [people("reviewer", "Reviewers"), people("second-reviewer", "Reviewers")]
    draft.save_revision(user=editor)
    mail.outbox.clear()

    draft.get_workflow().start(draft, editor)

    recipients = {address for message in mail.outbox for address in message.to}
    assert {reviewer.email for reviewer in reviewers} <= recipients
    assert editor.email not in recipients
    assert any("Flood relief reaches Osh" in message.subject for message in mail.outbox)
    draft.refresh_from_db()
    assert not draft.live


def test_requesting_changes_emails_the_editor_with_the_comment(draft, people):
    editor = people("editor", "Editors")
    reviewer = people("reviewer", "Reviewers")
    draft.save_revision(user=editor)
    workflow_state = draft.get_workflow().start(draft, editor)
    mail.outbox.clear()

    workflow_state.current_task_state.reject(user=reviewer, comment="Please add the date.")

    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor, [message.to for message in mail.outbox]
    assert "Flood relief reaches Osh" in to_editor[0].subject
    assert "Please add the date." in to_editor[0].body
    workflow_state.refresh_from_db()
    assert workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES
    draft.refresh_from_db()
    assert not draft.live
