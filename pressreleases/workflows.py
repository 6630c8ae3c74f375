"""The child safeguarding check: a Wagtail workflow task.

A reviewer approves only after confirming a checklist drawn from the ethical guidelines,
and no one can approve a page that shows an identifiable child whose informed consent
is not on record.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.forms import TaskStateCommentForm
from wagtail.images import get_image_model
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState

CHECKLIST = {
    "no_identifying_details": _(
        "Nothing in the text, captions or images identifies a child who is a victim of abuse "
        "or exploitation, or who could be put at risk by being shown."
    ),
    "consent_recorded": _(
        "Informed consent of the child and a parent or guardian is on record for every child "
        "who can be identified."
    ),
    "names_changed": _(
        "Names, and where needed places, are changed for every child who could otherwise be "
        "traced."
    ),
}


def image_ids_shown(obj):
    """Primary keys of the images an object shows: image fields, StreamField and rich text
    references, and the same in its inline child objects."""
    image_model = get_image_model()
    ids = set()
    for field in obj._meta.get_fields():
        is_image_field = field.many_to_one and field.related_model is image_model
        if not (is_image_field or hasattr(field, "extract_references")):
            continue
        value = field.value_from_object(obj)
        if value is None:
            continue
        if is_image_field:
            ids.add(str(value))
        else:
            # StreamField and rich text list what they refer to, images in blocks included.
            ids.update(
                str(object_id)
                for model, object_id, _path, _content_path in field.extract_references(value)
                if issubclass(model, image_model)
            )
    for relation in get_all_child_relations(obj):
        for child in getattr(obj, relation.get_accessor_name()).all():
            ids |= image_ids_shown(child)
    return ids


def unconsented_images(obj):
    """Images the object shows that show an identifiable child without recorded consent."""
    return list(
        get_image_model()
        .objects.filter(
            pk__in=image_ids_shown(obj), shows_identifiable_child=True, consent_on_record=False
        )
        .order_by("title")
    )


def content_to_publish(task_state):
    """What approving the task would publish: the latest revision, edits made in review included."""
    return task_state.workflow_state.content_object.get_latest_revision().as_object()


def translations_awaiting(task_state):
    """The task states of the page's other language versions waiting at this same check."""
    page = task_state.workflow_state.content_object
    if getattr(page, "translation_key", None) is None:
        return []
    other_versions = (
        type(page)
        .objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .values_list("pk", flat=True)
    )
    return list(
        TaskState.objects.filter(
            task_id=task_state.task_id,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type_id=task_state.workflow_state.base_content_type_id,
            workflow_state__object_id__in=[str(pk) for pk in other_versions],
        ).select_related("workflow_state")
    )


def blocked_images(task_states):
    """Images that stop approval, over all the given task states' pages, each named once."""
    images = {}
    for state in task_states:
        for image in unconsented_images(content_to_publish(state)):
            images.setdefault(image.pk, image)
    return list(images.values())


def refusal_message(images):
    return _(
        "This page cannot be approved: it shows an identifiable child without informed "
        "consent on record in %(images)s. Record the consent on the image, or remove the "
        "image from the page."
    ) % {"images": ", ".join(f"“{image.title}”" for image in images)}


class ApprovalRefused(PermissionDenied):
    """Approval asked for without the checklist, or for a page the check must stop."""


class SafeguardingChecklistForm(TaskStateCommentForm):
    """The approval form: every point of the checklist must be ticked."""

    # The modal template fills this in, so that the form can check the page under review.
    task_state_id = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CHECKLIST.items():
            self.fields[name] = forms.BooleanField(
                label=label,
                required=True,
                error_messages={"required": _("Confirm this point before approving.")},
            )
        self.fields["with_translations"] = forms.BooleanField(
            label=_(
                "Also approve the other language versions waiting at this check, so that "
                "every language goes live together (at the embargo hour, if there is one)."
            ),
            required=False,
        )
        self.order_fields([*CHECKLIST, "with_translations", "comment"])

    def clean(self):
        cleaned_data = super().clean()
        task_state = TaskState.objects.filter(
            pk=cleaned_data.get("task_state_id"), status=TaskState.STATUS_IN_PROGRESS
        ).first()
        if task_state is None:
            raise ValidationError(_("This review is no longer in progress."))
        reviewed = [task_state]
        if cleaned_data.get("with_translations"):
            reviewed += translations_awaiting(task_state)
        if images := blocked_images(reviewed):
            raise ValidationError(refusal_message(images))
        return cleaned_data


class SafeguardingTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve after the safeguarding checklist."""

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve after the safeguarding check"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            return SafeguardingChecklistForm
        return TaskStateCommentForm

    def get_template_for_action(self, action):
        if action == "approve":
            return "pressreleases/workflows/safeguarding_check_modal.html"
        return ""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        comment = kwargs.get("comment", "")
        if action_name == "approve":
            # Checked again here: the editor's action menu passes the form's data on
            # through the browser, and code may call this directly.
            if not all(kwargs.get(name) is True for name in CHECKLIST):
                raise ApprovalRefused(_("Confirm every point of the safeguarding checklist."))
            translations = (
                translations_awaiting(task_state) if kwargs.get("with_translations") else []
            )
            if images := blocked_images([task_state, *translations]):
                raise ApprovalRefused(refusal_message(images))
            # The source first: its translations then keep its embargo (see embargo.py).
            task_state.approve(user=user, comment=comment)
            for translation_state in translations:
                translation_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups confirm the child safeguarding checklist; a page "
            "showing an identifiable child without recorded consent cannot be approved."
        )

    class Meta:
        verbose_name = _("safeguarding check")
        verbose_name_plural = _("safeguarding checks")
