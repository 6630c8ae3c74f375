"""Translate content through wagtail-localize as an editor does in the admin."""

from django.test import TestCase
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from . import factories


def fill_segments(translation, glossary, fallback=None):
    """Translate every string of `translation` from `glossary` (or `fallback(text)`).

    Returns the number of strings that were filled in.
    """
    filled = 0
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        text = segment.string.data
        translated = glossary.get(text) or (fallback(text) if fallback else None)
        if translated is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": translated, "translation_type": "manual"},
        )
        filled += 1
    return filled


def translate(instance, language, glossary, *, publish=True, fallback=None):
    """ "Translate this page" into `language`, fill in the strings, save and publish.

    Related snippets (contacts, topics) are translated first, as wagtail-localize does.
    Returns the translated instance.
    """
    target = factories.locale(language)
    translate_object(instance, [target])
    source = TranslationSource.objects.get_for_instance(instance)
    related = Translation.objects.filter(
        target_locale=target,
        source__object__in=source.relatedobjectsegment_set.values("object"),
    )
    for translation in [*related, Translation.objects.get(source=source, target_locale=target)]:
        fill_segments(translation, glossary, fallback)
        save_target(translation, publish)
    translated = instance.get_translation(target)
    return translated.specific if isinstance(translated, Page) else translated


def save_target(translation, publish=True):
    """Save the translated object; wagtail-localize publishes once the transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)


def sync(instance):
    """The admin's "Sync translated pages": take the source's current content."""
    source = TranslationSource.objects.get_for_instance(instance)
    source.update_from_db()
    return source
