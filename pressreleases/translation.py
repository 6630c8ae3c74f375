"""Translating a page never writes into another language's shared content.

wagtail-localize translates a page's related snippets (contacts, topics) along with it,
and saves each into every target language, overwriting a translation that already exists
there with the source's text. Here a snippet that already exists in the target language
is only linked; a missing one is created as a draft and sent to review, so a reader sees
it once a reviewer has approved its translation.

The "Translate" form also offers only the languages the editor may edit.
"""

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import DraftStateMixin, Page, WorkflowMixin
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.views import report, submit_translations, update_translations

from .permissions import editable_locale_ids, edits_every_language


class KeepingTranslationCreator(TranslationCreator):
    def create_translations(self, instance, include_related_objects=True):
        if include_related_objects:
            # The object the editor chose: wagtail-localize's own way, then its related
            # objects through the branch below.
            return super().create_translations(instance, include_related_objects)
        self.create_missing_translations(instance)

    def create_missing_translations(self, instance):
        if instance.translation_key in self.seen_objects:
            return
        self.seen_objects.add(instance.translation_key)
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        for target_locale in self.target_locales:
            if target_locale.pk == source.locale_id or instance.has_translation(target_locale):
                continue
            translation, _created = Translation.objects.update_or_create(
                source=source, target_locale=target_locale, defaults={"enabled": True}
            )
            self.mappings[source].append(translation)
            publish = not isinstance(instance, DraftStateMixin)
            with contextlib.suppress(ValidationError):
                translation.save_target(user=self.user, publish=publish)
            if not publish:
                self.start_review(instance.get_translation(target_locale))

    def start_review(self, created):
        if not isinstance(created, WorkflowMixin):
            return
        workflow = created.get_workflow()
        if workflow is not None and self.user is not None:
            created.refresh_from_db()
            workflow.start(created, self.user)


@transaction.atomic
def translate_keeping_existing(instance, locales, components=None, user=None):
    """wagtail_localize.operations.translate_object, with the creator above."""
    translator = KeepingTranslationCreator(user, locales)
    translator.create_translations(instance)
    if components is not None:
        components.save(translator, sources_and_translations=translator.mappings)


@transaction.atomic
def translate_subtree_keeping_existing(page_id, locales, components, user):
    """wagtail_localize.operations.translate_page_subtree, with the creator above."""
    translator = KeepingTranslationCreator(user, locales)
    for child in Page.objects.get(pk=page_id).get_descendants().order_by("path"):
        translator.create_translations(child)
    if components is not None:
        components.save(translator, sources_and_translations=translator.mappings)


class OwnLanguagesFormMixin:
    """Offer only the languages the editor may edit, and translate with the creator above."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=editable_locale_ids(self.request.user))
        return form

    @transaction.atomic
    def form_valid(self, form):
        locales = form.cleaned_data["locales"]
        translate_keeping_existing(self.object, locales, self.components, self.request.user)
        if isinstance(self.object, Page) and form.cleaned_data["include_subtree"]:
            translate_subtree_keeping_existing(
                self.object.pk, locales, self.components, self.request.user
            )
        translated = self.object.get_translation(locales[0]) if len(locales) == 1 else None
        names = (
            locales[0].get_display_name()
            if len(locales) == 1
            else _("{} locales").format(len(locales))
        )
        messages.success(self.request, self.get_success_message(names))
        return redirect(self.get_success_url() or self.get_default_success_url(translated))


class SubmitPageTranslationView(
    OwnLanguagesFormMixin, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    OwnLanguagesFormMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's report of every translation, for those who edit every language."""

    def dispatch(self, request, *args, **kwargs):
        if not edits_every_language(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Newest first, and in a fixed order, which the paginator needs.
        return super().get_queryset().order_by("-pk")


def synced_translation_of(page):
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def refuse_publishing_around_review(request, page):
    """wagtail-localize's "Publish in …" would publish a translation outside its workflow."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if page.get_workflow() is None or synced_translation_of(page) is None:
        return None
    messages.error(
        request,
        _("Translations are published through review: submit this one for review instead."),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def submit_translation_for_review(request, page_id):
    """Save the translation as a draft of its page and send that to the page's workflow, as
    Wagtail's own editor does with *Submit for review*."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = synced_translation_of(page)
    workflow = page.get_workflow()
    if translation is None or workflow is None:
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    try:
        with transaction.atomic():
            translation.save_target(user=request.user, publish=False)
            page.refresh_from_db()
            state = page.current_workflow_state
            if state is None:
                workflow.start(page, request.user)
            elif state.status == state.STATUS_NEEDS_CHANGES:
                state.resume(request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The translation could not be saved: %(errors)s") % {"errors": " ".join(error)},
        )
    else:
        messages.success(
            request,
            _("The translation is saved and waits for a reviewer: %(title)s")
            % {"title": page.get_admin_display_title()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


@dataclass
class SentenceChange:
    """One sentence a sync would change: its old and new wording (either may be None) and
    the translation each language had of the old one, to start from."""

    old: str | None
    new: str | None
    previous_translations: list = field(default_factory=list)


def sentence_changes(source):
    """What syncing `source` with its object's current (published) content would change."""
    stored = {
        segment.context.path: segment
        for segment in source.stringsegment_set.select_related("string", "context")
    }
    current = {
        segment.path: segment.string.data
        for segment in extract_segments(source.get_source_instance())
        if isinstance(segment, StringSegmentValue)
    }
    changed = [
        path
        for path in {*stored, *current}
        if path not in stored or stored[path].string.data != current.get(path)
    ]
    translations = defaultdict(list)
    for translated in StringTranslation.objects.filter(
        translation_of__in=[stored[path].string for path in changed if path in stored],
        context__in=[stored[path].context for path in changed if path in stored],
        locale__in=source.translations.filter(enabled=True).values("target_locale"),
    ).select_related("locale", "context"):
        translations[translated.context.path].append((translated.locale, translated.data))
    order = {path: position for position, path in enumerate([*stored, *current])}
    return [
        SentenceChange(
            stored[path].string.data if path in stored else None,
            current.get(path),
            translations[path],
        )
        for path in sorted(changed, key=order.get)
    ]


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's sync screen, listing sentence by sentence what the sync changes."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sentence_changes"] = sentence_changes(self.object)
        return context
