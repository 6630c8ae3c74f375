"""Groups, permissions and the review workflow of the media centre.

Run it after the media centres exist (`load_demo` or an editor's own). The first run
sets the groups to the plan; later runs create what is missing and report, without
changing them, groups that an administrator has edited since; `--reset` brings
those back to the plan.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

from pressreleases.models import Boilerplate, Contact, MediaCentrePage, SafeguardingTask, Topic

EDITORS = "Editors"
REVIEWERS = "Reviewers"
WORKFLOW_NAME = "Media centre review"
REVIEW_TASK_NAME = "Review by a reviewer"
SAFEGUARDING_TASK_NAME = "Safeguarding check"
WORKFLOW_TASKS = [
    (GroupApprovalTask, REVIEW_TASK_NAME),
    (SafeguardingTask, SAFEGUARDING_TASK_NAME),
]

EDITOR_PAGE_PERMISSIONS = [
    "wagtailcore.add_page",
    "wagtailcore.change_page",
    "wagtailcore.lock_page",
]
REVIEWER_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + [
    "wagtailcore.publish_page",
    "wagtailcore.unlock_page",
]
# Wagtail checks images and documents against its own models' permissions, whatever the
# image model. "add" lets editors change their own uploads; "change" (any image) implies
# delete in Wagtail, so only reviewers have it.
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
REVIEWER_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + [
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
]
SHARED_SNIPPETS = ["contact", "topic", "boilerplate"]
# Contacts, topics and the boilerplate: in the languages of the trees a group edits
# (pressreleases/permissions.py); published only through review.
EDITOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    *(
        f"pressreleases.{action}_{model}"
        for model in SHARED_SNIPPETS
        for action in ("add", "change", "lock")
    ),
]
REVIEWER_MODEL_PERMISSIONS = EDITOR_MODEL_PERMISSIONS + [
    f"pressreleases.{action}_{model}"
    for model in SHARED_SNIPPETS
    for action in ("delete", "publish", "unlock")
]
SHARED_WORKFLOW_NAME = "Shared content review"


def language_group_name(language_code):
    return f"Editors ({dict(settings.LANGUAGES).get(language_code, language_code)})"


def permission(codename):
    app_label, name = codename.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=name)


class Command(BaseCommand):
    help = "Create the media centre's editor and reviewer groups and its review workflow."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also bring groups an administrator has changed back to the plan.",
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        centres = list(MediaCentrePage.objects.select_related("locale"))
        if not centres:
            raise CommandError(
                "There is no media centre yet: create one (or run load_demo) first."
            )
        # The first run also takes over the stock "Editors" group of a new Wagtail site.
        self.first_run = not Workflow.objects.filter(name=WORKFLOW_NAME).exists()
        self.reset = reset or self.first_run
        collection = Collection.get_first_root_node()

        editor = (EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS, EDITOR_MODEL_PERMISSIONS)
        plan = {
            EDITORS: (centres, *editor),
            REVIEWERS: (
                centres,
                REVIEWER_PAGE_PERMISSIONS,
                REVIEWER_COLLECTION_PERMISSIONS,
                REVIEWER_MODEL_PERMISSIONS,
            ),
        }
        for locale in Locale.objects.all():
            own = [centre for centre in centres if centre.locale_id == locale.pk]
            plan[language_group_name(locale.language_code)] = (own, *editor)
        for name, permissions in plan.items():
            self.sync_group(name, *permissions, collection)

        self.sync_workflow(centres)
        self.sync_shared_content_workflow()

    def sync_group(
        self, name, pages, page_permissions, collection_permissions, model_permissions, collection
    ):
        group, created = Group.objects.get_or_create(name=name)
        wanted_pages = {
            (page.pk, permission(codename).pk) for page in pages for codename in page_permissions
        }
        wanted_collection = {
            (collection.pk, permission(codename).pk) for codename in collection_permissions
        }
        wanted_model = {permission(codename).pk for codename in model_permissions}

        have_pages = set(
            GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id")
        )
        have_collection = set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission_id"
            )
        )
        have_model = set(group.permissions.values_list("pk", flat=True))

        missing = (
            len(wanted_pages - have_pages)
            + len(wanted_collection - have_collection)
            + len(wanted_model - have_model)
        )
        extra = (
            len(have_pages - wanted_pages)
            + len(have_collection - wanted_collection)
            + len(have_model - wanted_model)
        )
        edited = not created and (missing or extra)
        if edited and not self.reset:
            self.stdout.write(
                f'Group "{name}" differs from the plan ({missing} permission(s) missing, '
                f"{extra} extra): left as it is; run with --reset to restore it."
            )
            return

        for page_id, permission_id in wanted_pages - have_pages:
            GroupPagePermission.objects.create(
                group=group, page_id=page_id, permission_id=permission_id
            )
        for collection_id, permission_id in wanted_collection - have_collection:
            GroupCollectionPermission.objects.create(
                group=group, collection_id=collection_id, permission_id=permission_id
            )
        group.permissions.add(*(wanted_model - have_model))
        if self.reset:
            for page_id, permission_id in have_pages - wanted_pages:
                GroupPagePermission.objects.filter(
                    group=group, page_id=page_id, permission_id=permission_id
                ).delete()
            for collection_id, permission_id in have_collection - wanted_collection:
                GroupCollectionPermission.objects.filter(
                    group=group, collection_id=collection_id, permission_id=permission_id
                ).delete()
            group.permissions.remove(*(have_model - wanted_model))

        if created:
            self.stdout.write(f'Created group "{name}"')
        elif edited and not self.first_run:
            self.stdout.write(f'Restored group "{name}" to the plan')
        elif missing or extra:
            self.stdout.write(f'Set up group "{name}"')

    def sync_workflow(self, centres):
        workflow, created = Workflow.objects.get_or_create(
            name=WORKFLOW_NAME, defaults={"active": True}
        )
        if created:
            self.stdout.write(f'Created workflow "{WORKFLOW_NAME}"')
        self.sync_workflow_tasks(workflow)
        for centre in centres:
            _, assigned = workflow.workflow_pages.get_or_create(page=centre)
            if assigned:
                self.stdout.write(
                    f'Assigned "{WORKFLOW_NAME}" to {centre.url_path} ({centre.locale.language_code})'
                )

    def sync_workflow_tasks(self, workflow):
        """Review, then the safeguarding check, both by the reviewers.

        A task the plan adds that was never created is added at its place; tasks an
        administrator has removed, added or reordered are reported, not undone.
        """
        reviewers = Group.objects.get(name=REVIEWERS)
        planned, new = [], []
        for model, name in WORKFLOW_TASKS:
            task = (
                model.objects.filter(name=name, workflow_tasks__workflow=workflow).first()
                or model.objects.filter(name=name).first()
            )
            if task is None:
                task = model.objects.create(name=name)
                task.groups.set([reviewers])
                new.append(task.pk)
            planned.append(task)

        have = list(
            workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True)
        )
        wanted = [task.pk for task in planned]
        if have == wanted:
            return
        if have != [pk for pk in wanted if pk not in new] and not self.reset:
            self.stdout.write(
                f'Workflow "{WORKFLOW_NAME}" differs from the plan (planned tasks, in order: '
                f"{', '.join(task.name for task in planned)}): left as it is; "
                "run with --reset to restore it."
            )
            return
        for position, task in enumerate(planned):
            WorkflowTask.objects.update_or_create(
                workflow=workflow, task=task, defaults={"sort_order": position}
            )
            if self.reset:
                task.groups.set([reviewers])
        workflow.workflow_tasks.exclude(task__in=planned).delete()
        for task in planned:
            if task.pk not in have:
                self.stdout.write(f'Added task "{task.name}" to "{WORKFLOW_NAME}"')

    def sync_shared_content_workflow(self):
        """Contacts, topics and the boilerplate go through the reviewers' own review task.

        Not the safeguarding check: these snippets hold no photos.
        """
        review = GroupApprovalTask.objects.get(
            name=REVIEW_TASK_NAME, workflow_tasks__workflow__name=WORKFLOW_NAME
        )
        workflow, created = Workflow.objects.get_or_create(
            name=SHARED_WORKFLOW_NAME, defaults={"active": True}
        )
        if created:
            WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
            self.stdout.write(f'Created workflow "{SHARED_WORKFLOW_NAME}"')
        for model in (Contact, Topic, Boilerplate):
            content_type = ContentType.objects.get_for_model(model)
            _, assigned = WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
            if assigned:
                self.stdout.write(
                    f'Assigned "{SHARED_WORKFLOW_NAME}" to {model._meta.verbose_name_plural}'
                )
