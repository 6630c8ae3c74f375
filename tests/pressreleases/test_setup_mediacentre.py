import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import GroupApprovalTask, GroupPagePermission, Task, Workflow, WorkflowTask

from pressreleases.workflows import SafeguardingTask

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
    review, safeguarding = workflow.tasks.order_by("workflow_tasks__sort_order").specific()
    assert (type(review), review.name) == (GroupApprovalTask, "Review by a reviewer")
    assert (type(safeguarding), safeguarding.name) == (SafeguardingTask, "Safeguarding check")
    for task in (review, safeguarding):
        assert list(task.groups.values_list("name", flat=True)) == ["Reviewers"]


def test_running_twice_changes_nothing(centres):
    run()
    before = (
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowTask.objects.count(),
    )
    assert run() == ""
    assert (
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowTask.objects.count(),
    ) == before


def test_an_administrators_edit_is_reported_not_undone_unless_reset(centres):
    run()
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="delete_topic"))
    output = run()
    assert 'Group "Editors" differs from the plan (0 permission(s) missing, 1 extra)' in output
    assert editors.permissions.filter(codename="delete_topic").exists()
    run("--reset")
    assert not editors.permissions.filter(codename="delete_topic").exists()


def test_adds_the_safeguarding_check_to_a_workflow_set_up_before_it(centres):
    run()
    SafeguardingTask.objects.all().delete()

    output = run()

    assert 'Added task "Safeguarding check" to "Media centre review"' in output
    workflow = Workflow.objects.get(name="Media centre review")
    assert [task.name for task in workflow.tasks.order_by("workflow_tasks__sort_order")] == [
        "Review by a reviewer",
        "Safeguarding check",
    ]


def test_a_workflow_an_administrator_changed_is_reported_not_undone_unless_reset(centres):
    run()
    workflow = Workflow.objects.get(name="Media centre review")
    workflow.workflow_tasks.filter(task__name="Safeguarding check").delete()

    output = run()

    assert 'Workflow "Media centre review" differs from the plan' in output
    assert list(workflow.tasks.values_list("name", flat=True)) == ["Review by a reviewer"]
    run("--reset")
    assert [task.name for task in workflow.tasks.order_by("workflow_tasks__sort_order")] == [
        "Review by a reviewer",
        "Safeguarding check",
    ]
    assert SafeguardingTask.objects.count() == 1


def test_the_first_run_takes_over_wagtails_stock_editors_without_calling_it_a_repair(centres):
    assert Group.objects.filter(name="Editors").exists()  # made by Wagtail's migrations

    output = run()

    assert 'Set up group "Editors"' in output
    assert "Restored" not in output


def test_editors_get_wagtails_own_image_and_translation_permissions(centres):
    run()

    editors = Group.objects.get(name="Editors")
    assert set(
        editors.collection_permissions.values_list(
            "permission__content_type__app_label", "permission__codename"
        )
    ) == {
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    }
    assert editors.permissions.filter(codename="submit_translation").exists()
