"""Who may do what to a press release, asserted cell by cell through the admin.

Rows: anonymous, editor, Kazakh editor on the Kazakh tree and on the English tree,
reviewer, superuser. Columns: create, edit, submit, approve, request changes, publish,
unpublish, delete, preview. A cell is True when the admin lets that person do it.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from .. import factories

pytestmark = pytest.mark.django_db

ACTIONS = [
    "create",
    "edit",
    "submit",
    "approve",
    "request_changes",
    "publish",
    "unpublish",
    "delete",
    "preview",
]
#                  create edit  submit approve changes publish unpub delete preview
MATRIX = {
    "anonymous": [False, False, False, False, False, False, False, False, False],
    "editor": [True, True, True, False, False, False, False, False, True],
    "kazakh_editor_own": [True, True, True, False, False, False, False, False, True],
    "kazakh_editor_other": [False, False, False, False, False, False, False, False, False],
    # Wagtail lets whoever may publish a page delete it too.
    "reviewer": [True, True, True, True, True, True, True, True, True],
    "superuser": [True, True, True, True, True, True, True, True, True],
}
ACCOUNTS = {
    "editor": ("Editors",),
    "kazakh_editor_own": ("Editors (Қазақша)",),
    "kazakh_editor_other": ("Editors (Қазақша)",),
    "reviewer": ("Reviewers",),
}


@pytest.fixture
def site(django_user_model):
    """English and Kazakh media centres, each with a live release and one in review."""
    trees = {}
    for language in ["en", "kk"]:
        index = factories.release_index(factories.media_centre(language))
        live = factories.release(index, 1, slug="live-release")
        draft = factories.release(index, 2, slug="draft-release", live=False)
        trees[language] = (index, live, draft)
    call_command("setup_mediacentre", stdout=io.StringIO())
    author = django_user_model.objects.create_user("author", password="pw")
    author.groups.add(Group.objects.get(name="Editors"))
    for _index, _live, draft in trees.values():
        draft.save_revision(user=author)
        draft.get_workflow().start(draft, author)
    return trees


def log_in(client, django_user_model, role):
    if role == "anonymous":
        return
    if role == "superuser":
        user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    else:
        user = django_user_model.objects.create_user(role, password="pw")
        user.groups.set(Group.objects.filter(name__in=ACCOUNTS[role]))
    client.force_login(user)


def allowed(response):
    """The admin answered the action rather than turning the person away."""
    if response.status_code in (401, 403, 404):
        return False
    if response.status_code == 302:
        location = response["Location"]
        return not (location.startswith("/admin/login/") or location == "/admin/")
    return response.status_code == 200


def try_action(client, action, index, live, draft):
    edit_url = reverse("wagtailadmin_pages:edit", args=[live.pk])
    if action == "create":
        return allowed(
            client.get(
                reverse(
                    "wagtailadmin_pages:add",
                    args=["pressreleases", "pressreleasepage", index.pk],
                )
            )
        )
    if action == "edit":
        return allowed(client.get(edit_url))
    if action in ("submit", "publish"):
        response = client.get(edit_url)
        button = "action-submit" if action == "submit" else "action-publish"
        return response.status_code == 200 and f'name="{button}"' in response.content.decode()
    if action in ("approve", "request_changes"):
        state = WorkflowState.objects.get(object_id=str(draft.pk)).current_task_state
        name = "approve" if action == "approve" else "reject"
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, name, state.pk]),
            {"comment": "Checked."},
        )
        state.refresh_from_db()
        return state.status == ("approved" if action == "approve" else "rejected")
    if action == "unpublish":
        client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
        live.refresh_from_db()
        return not live.live
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[live.pk]))
        return not type(live).objects.filter(pk=live.pk).exists()
    if action == "preview":
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
        return response.status_code == 200 and draft.title in response.content.decode()
    raise AssertionError(action)


@pytest.mark.parametrize("role", list(MATRIX))
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(client, django_user_model, site, role, action):
    language = "en" if role in ("kazakh_editor_other",) or "kazakh" not in role else "kk"
    log_in(client, django_user_model, role)
    expected = MATRIX[role][ACTIONS.index(action)]
    assert try_action(client, action, *site[language]) is expected
