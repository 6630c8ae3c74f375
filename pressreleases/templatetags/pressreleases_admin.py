"""Template tags for the admin screens of the media-centre add-on."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Page

from pressreleases.permissions import pages_seen_by

register = template.Library()


@register.simple_tag
def last_edits_seen_by(page_types, user):
    """The page-types usage report's rows, each naming its last edited page only where
    `user` may see it: live, or in a tree they edit. A live page they may not edit is named
    by its published title, not by the draft waiting in review."""
    pages = [row.last_edited_page for row in page_types if row.last_edited_page]
    seen = set(
        pages_seen_by(Page.objects.filter(pk__in=[page.pk for page in pages]), user).values_list(
            "pk", flat=True
        )
    )
    for row in page_types:
        page = row.last_edited_page
        if page is None:
            continue
        if page.pk not in seen:
            row.last_edited_page = None
        elif not page.permissions_for_user(user).can_edit():
            page.draft_title = page.title
    return page_types


@register.simple_tag
def review_actions(page, user):
    """What `user` may do with the review task `page` waits on, as (name, label, opens a
    dialog) triples, with the task's state; empty when nothing waits on them."""
    # Sent back for changes, the workflow waits on the editor, and Wagtail refuses actions.
    if not page.workflow_in_progress:
        return {}
    task_state = page.current_workflow_state.current_task_state
    actions = task_state.task.specific.get_actions(page, user)
    return {"task_state": task_state, "actions": actions} if actions else {}


@register.simple_tag
def untranslated_count(translation):
    total, translated = translation.get_progress()
    return total - translated


@register.filter
def without_publish_button(editor_props):
    """wagtail-localize's editor props, its "Publish in …" button withheld: a translation
    under review is published by its reviewer's approval (the server refuses it anyway)."""
    props = json.loads(editor_props)
    props["perms"]["canPublish"] = False
    return json.dumps(props, cls=DjangoJSONEncoder)
