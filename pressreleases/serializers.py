"""How a press release reads in the API: the fields behind PressReleasePage.api_fields.

Kept apart from api.py (the endpoints) because models.py needs these and api.py needs
the models.
"""

from collections import defaultdict

from django.utils.functional import cached_property
from rest_framework.fields import Field


class HeroAltTextField(Field):
    """The page's alternative text for its main image, else the image's own description."""

    def to_representation(self, page):
        if page.hero_alt_text or not page.hero_image:
            return page.hero_alt_text
        return page.hero_image.default_alt_text


class ContactsField(Field):
    """The "For more information" contacts, in the editor's order."""

    def to_representation(self, links):
        return [
            {
                "name": link.contact.name,
                "role": link.contact.role,
                "organisation": link.contact.organisation,
                "phone": link.contact.phone,
                "email": link.contact.email,
            }
            for link in links.all()
            if link.contact.live
        ]


class TopicsField(Field):
    def to_representation(self, links):
        return [
            {"name": link.topic.name, "slug": link.topic.slug}
            for link in links.all()
            if link.topic.live
        ]


class LiveTranslations:
    """The live, public translations of a batch of pages, fetched in one query when first used."""

    def __init__(self, pages, visible_pages):
        self.pages = pages
        self.visible_pages = visible_pages

    @cached_property
    def by_translation_key(self):
        keys = {page.translation_key for page in self.pages}
        grouped = defaultdict(list)
        translations = (
            self.visible_pages.filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale_id")
        )
        for translation in translations:
            grouped[translation.translation_key].append(translation)
        return grouped

    def of(self, page):
        return [
            translation
            for translation in self.by_translation_key[page.translation_key]
            if translation.pk != page.pk
        ]


class TranslationsField(Field):
    """The page in the other languages readers can see it in."""

    def to_representation(self, page):
        # A listing fetches every page's translations at once (see api.py); a detail, its own.
        translations = self.context.get("live_translations") or LiveTranslations(
            [page], self.context["base_queryset"]
        )
        request = self.context["request"]
        return [
            {
                "id": translation.pk,
                "locale": translation.locale.language_code,
                "title": translation.title,
                "html_url": translation.get_full_url(request),
            }
            for translation in translations.of(page)
        ]
