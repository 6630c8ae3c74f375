import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Workflow

from .. import factories

pytestmark = pytest.mark.django_db

GROUPS = {
    "Editors",
    "Reviewers",
    "Editors (English)",
    "Editors (Русский)",
    "Editors (Қазақша)",
    "Editors (Кыргызча)",
}


def run(*args):
    out = io.StringIO()
    call_command("setup_mediacentre", *args, stdout=out)
    return out.getvalue()


def page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page__locale__language_code", "permission__codename"
        )
    )


@pytest.fixture
def centres():
    return {code: factories.media_centre(code) for code in ["en", "ru", "kk", "ky"]}


def test_refuses_without_a_media_centre():
    with pytest.raises(CommandError, match="no media centre"):
        run()


def test_creates_groups_with_the_planned_page_permissions(centres):
    run()
    assert set(Group.objects.values_list("name", flat=True)) >= GROUPS
    editors = page_permissions("Editors")
    assert ("kk", "change_page") in editors and ("en", "add_page") in editors
    assert not any(codename == "publish_page" for _, codename in editors)
    assert ("ky", "publish_page") in page_permissions("Reviewers")
    assert {code for code, _ in page_permissions("Editors (Қазақша)")} == {"kk"}
    assert {code for code, _ in page_permissions("Editors (English)")} == {"en"}


def test_assigns_the_review_workflow_to_every_media_centre(centres):
    run()
    workflow = Workflow.objects.get(name="Media centre review")
    assert set(workflow.workflow_pages.values_list("page_id", flat=True)) == {
        page.pk for page in centres.values()
    }
    [task] = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == ["Reviewers"]


def test_running_twice_changes_nothing(centres):
    run()
    before = (GroupPagePermission.objects.count(), Workflow.objects.count())
    assert run() == ""
    assert (GroupPagePermission.objects.count(), Workflow.objects.count()) == before


def test_an_administrators_edit_is_reported_not_undone_unless_reset(centres):
    run()
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="delete_topic"))
    output = run()
    assert 'Group "Editors" differs from the plan (0 permission(s) missing, 1 extra)' in output
    assert editors.permissions.filter(codename="delete_topic").exists()
    run("--reset")
    assert not editors.permissions.filter(codename="delete_topic").exists()
