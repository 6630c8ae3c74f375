"""Keep stand-in pages of a missing translation away from readers.

When a page is translated before its parents, Wagtail fills the gap in the other
language's tree with aliases of the source-language parents, so the translation has
somewhere to live. An alias copies its original, including being live, so readers of
that language would meet a page in another language. Such aliases of media-centre pages
are kept unpublished until an editor translates them (which turns them into real pages).
"""

from django.apps import apps
from django.db.models.signals import post_save
from wagtail.models import Page


def unpublish_translation_stand_in(sender, instance, **kwargs):
    if not (instance.alias_of_id and instance.live):
        return
    original_locale_id = (
        type(instance).objects.filter(pk=instance.alias_of_id).values_list("locale_id", flat=True)
    )
    if original_locale_id.first() != instance.locale_id:
        # update() rather than save(): no signals, no revision, nothing to loop on.
        type(instance).objects.filter(pk=instance.pk).update(live=False)
        instance.live = False


def connect():
    page_types = [
        model
        for model in apps.get_app_config("pressreleases").get_models()
        if issubclass(model, Page)
    ]
    for page_type in page_types:
        post_save.connect(
            unpublish_translation_stand_in,
            sender=page_type,
            dispatch_uid=f"pressreleases.stand_in.{page_type.__name__}",
        )
