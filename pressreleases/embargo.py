"""An embargo binds every language version of a press release.

Wagtail gives each page its own go-live time, so a translation approved before its source's
embargo would go public early. Here, a translation that is not yet live can never be
published before its source's embargo: approving it early schedules it for the same hour
(PressReleasePage.with_content_json applies `bound_go_live_at` to the revision being
published), and when the source is scheduled for another hour its scheduled translations
move with it (`move_translations_with_source`, on every save of a scheduled revision); when
its schedule is cancelled, theirs is cancelled too, so none goes live alone at the old hour.

The source of a translation is the page wagtail-localize translated it from; for a
translation made by hand, the oldest language version.
"""

from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail_localize.models import Translation


def source_release(page):
    """The language version `page` was translated from, or None if it is a source."""
    versions = type(page).objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )
    if translation is not None:
        return versions.filter(locale_id=translation.source.locale_id).first()
    oldest = versions.order_by("pk").first()
    return oldest if oldest is not None and oldest.pk < page.pk else None


def translations_of(page):
    """The language versions whose source is `page`."""
    versions = type(page).objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    return [version for version in versions if _same_page(source_release(version), page)]


def _same_page(left, right):
    return left is not None and left.pk == right.pk


def embargo_of(page):
    """When a release that is not yet public will go live: its approved schedule, or failing
    that the go-live time of its latest draft. None once live or without a future time."""
    if page.live:
        return None
    now = timezone.now()
    scheduled = page.revisions.filter(approved_go_live_at__gt=now).first()
    if scheduled is not None:
        return scheduled.approved_go_live_at
    latest = page.latest_revision
    planned = parse_datetime(latest.content.get("go_live_at") or "") if latest else None
    return planned if planned is not None and planned > now else None


def bound_go_live_at(page):
    """The go-live time `page` must keep: its own, or its source's embargo if later."""
    if page.live or page.pk is None:
        return page.go_live_at
    source = source_release(page)
    embargo = embargo_of(source) if source is not None else None
    if embargo is not None and (page.go_live_at is None or page.go_live_at < embargo):
        return embargo
    return page.go_live_at


def move_translations_with_source(sender, instance, update_fields=None, **kwargs):
    """When a release is scheduled, reschedule its scheduled translations to the same hour;
    when its schedule is cancelled, cancel theirs."""
    from .models import PressReleasePage

    if update_fields and "approved_go_live_at" not in update_fields:
        return
    go_live_at = instance.approved_go_live_at
    # Wagtail clears a schedule by update() when it publishes; a save() is a cancellation.
    cancelled = go_live_at is None and update_fields is not None
    if go_live_at is None and not cancelled:
        return
    page = instance.content_object
    if not isinstance(page, PressReleasePage):
        return
    for translation in translations_of(page):
        if translation.live:
            continue
        scheduled = translation.revisions.filter(approved_go_live_at__isnull=False)
        if not cancelled:
            scheduled = scheduled.exclude(approved_go_live_at=go_live_at)
        # update() rather than save(): no signal, so a translation cannot move its source.
        if scheduled.update(approved_go_live_at=go_live_at):
            type(translation).objects.filter(pk=translation.pk).update(go_live_at=go_live_at)
            if cancelled:
                log(translation, "wagtail.schedule.cancel")


def connect():
    post_save.connect(
        move_translations_with_source, sender=Revision, dispatch_uid="pressreleases.embargo"
    )
