"""Builds the demo media centre: images, then English, then each translation.

Everything is looked up before it is made, so a second run finds it all and changes
nothing: images by title; contacts, topics and the boilerplate by name, slug or title in
the source language and by translation key (or the same name or slug) in the others; pages
by translation key or by slug under their parent in each language.
"""

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from django.db import DatabaseError
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex, Site, TranslatableMixin
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..models import (
    Boilerplate,
    Contact,
    ContactPage,
    ContactPagePressContact,
    EnquiryFormField,
    EthicalGuidelinesPage,
    MediaCentrePage,
    PressReleaseContact,
    PressReleaseIndexPage,
    PressReleasePage,
    PressReleaseRelatedPage,
    PressReleaseTopic,
    ProjectIndexPage,
    ProjectProposalPage,
    StandardPage,
    Topic,
)
from . import content
from .content.blocks import ImageRef, PageRef, VideoRef
from .images import IMAGES, render_jpeg


@dataclass
class Language:
    """One language being built, and what has been found or made in it so far."""

    code: str
    locale: Locale
    home: Page
    text: dict
    snippets: dict = field(default_factory=dict)  # (model, key or slug) -> snippet
    pages: dict = field(default_factory=dict)  # slug -> specific page
    # (model label, pk of the source-language object) -> this language's object
    translations: dict = field(default_factory=dict)

    def contact(self, key):
        return self.snippets[Contact, key]

    def topic(self, slug):
        return self.snippets[Topic, slug]


@dataclass
class PageSpec:
    """A page as one language has it: its model, slug, field values and child objects."""

    model: type[Page]
    slug: str
    fields: dict
    children: dict = field(default_factory=dict)  # relation name -> unsaved child objects


def find_homes():
    """Each demo language's (locale, home page), or a CommandError saying what is missing."""
    try:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    except DatabaseError as error:
        raise CommandError(
            f"The database is not ready ({error}). Run `python manage.py migrate` and "
            "`python manage.py setup_site` first."
        ) from error
    if site is None:
        raise CommandError(
            "There is no default site. Run `python manage.py setup_site` first, then load_demo."
        )
    root = site.root_page.specific
    if not MediaCentrePage.can_exist_under(root):
        raise CommandError(
            f"A media centre cannot be created under the site's root page “{root.title}” "
            f"({type(root).__name__}); check PRESSRELEASES_MEDIA_CENTRE_PARENT_PAGE_TYPES, "
            "or run `python manage.py setup_site` first."
        )
    homes = {}
    for code in content.LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        home = None
        if locale is not None:
            home = root if root.locale_id == locale.pk else root.get_translation_or_none(locale)
        if home is None:
            raise CommandError(
                f"The site's home page has no “{code}” version (locale or translation missing). "
                "The demo needs English, Russian, Kazakh and Kyrgyz home pages: run "
                "`python manage.py setup_site` first."
            )
        homes[code] = (locale, home.specific)
    return homes


def label(obj):
    return "page" if isinstance(obj, Page) else obj._meta.label


class DemoBuilder:
    """Finds or makes every demo object; counts what it found and what it made."""

    def __init__(self, log: Callable[[str], None] = lambda message: None):
        self.log = log
        self.counts = Counter()  # (kind, "created" | "existing") -> number
        self.homes = find_homes()
        self.images = {}
        self.source = None  # the source language's Language, once built
        self.created = []  # to index references once, not on every intermediate save

    # Running and removing ----------------------------------------------------------------

    def build(self):
        with disable_reference_index_auto_update():
            self.images = {spec.key: self.ensure_image(spec) for spec in IMAGES}
            for code in content.LANGUAGES:
                locale, home = self.homes[code]
                lang = Language(code, locale, home, content.TEXTS[code])
                self.build_language(lang)
                if code == content.SOURCE_LANGUAGE:
                    self.source = lang
        for obj in self.created:
            ReferenceIndex.create_or_update_for_object(obj)

    def remove(self):
        """Delete the demo's media centres, snippets and images, in every language."""
        for _locale, home in self.homes.values():
            for centre in home.get_children().filter(slug=content.MEDIA_CENTRE_SLUG):
                self.log(f"Deleting {centre.url_path}")
                centre.delete()
        source_locale = self.homes[content.SOURCE_LANGUAGE][0]
        text = content.TEXTS[content.SOURCE_LANGUAGE]
        names = [text["contacts"][c.key]["name"] for c in content.CONTACTS]
        demo_snippets = [
            (Contact, {"name__in": names}),
            (Topic, {"slug__in": content.TOPICS}),
            (Boilerplate, {"title": text["boilerplate"]["title"]}),
        ]
        for model, lookup in demo_snippets:
            keys = model.objects.filter(locale=source_locale, **lookup).values("translation_key")
            deleted, _ = model.objects.filter(translation_key__in=keys).delete()
            self.log(f"Deleted {deleted} {model._meta.verbose_name_plural} and what used them")
        for image in get_image_model().objects.filter(title__in=[i.title for i in IMAGES]):
            image.delete()

    def report(self):
        return {
            kind: (self.counts[kind, "created"], self.counts[kind, "existing"])
            for kind in ("images", "snippets", "pages")
        }

    def counted(self, kind, obj, created):
        self.counts[kind, "created" if created else "existing"] += 1
        if created:
            self.created.append(obj)
            self.log(f"Created {kind[:-1]}: {obj}")
        return obj

    # One language --------------------------------------------------------------------------

    def build_language(self, lang):
        text = lang.text
        for facts in content.CONTACTS:
            self.ensure_snippet(
                lang,
                Contact,
                key=facts.key,
                lookup={"name": text["contacts"][facts.key]["name"]},
                values={**text["contacts"][facts.key], "phone": facts.phone, "email": facts.email},
            )
        for slug in content.TOPICS:
            self.ensure_snippet(
                lang, Topic, key=slug, lookup={"slug": slug}, values={"name": text["topics"][slug]}
            )
        self.ensure_snippet(
            lang,
            Boilerplate,
            key="boilerplate",
            lookup={"title": text["boilerplate"]["title"]},
            values={"text": text["boilerplate"]["text"]},
        )

        centre = self.ensure_page(lang, lang.home, media_centre(self, lang))
        for section in (release_index, project_index, guidelines, contact_page, media_club):
            self.ensure_page(lang, centre, section(self, lang))
        projects = lang.pages[content.PROJECT_PROPOSALS]
        for facts in content.PROJECTS:
            self.ensure_page(lang, projects, project(self, lang, facts))
        releases = lang.pages[content.PRESS_RELEASES]
        for facts in content.RELEASES:
            self.ensure_page(lang, releases, release(self, lang, facts))

    # Images, snippets and pages -------------------------------------------------------------

    def ensure_image(self, spec):
        model = get_image_model()
        image = model.objects.filter(title=spec.title).first()
        if image is not None:
            return self.counted("images", image, created=False)
        image = model(
            title=spec.title,
            description=spec.description,
            caption=spec.caption,
            credit=spec.credit,
            shows_identifiable_child=False,
            consent_on_record=False,
            file=ImageFile(io.BytesIO(render_jpeg(spec)), name=f"demo-{spec.key}.jpg"),
        )
        image.save()
        return self.counted("images", image, created=True)

    def ensure_snippet(self, lang, model, key, lookup, values):
        """The snippet in this language: found, copied from the source language, or made."""
        source = None if self.source is None else self.source.snippets[model, key]
        obj = source.get_translation_or_none(lang.locale) if source else None
        obj = obj or model.objects.filter(locale=lang.locale, **lookup).first()
        created = obj is None
        if created:
            if source is None:
                obj = model(locale=lang.locale, **lookup)
            else:
                obj = source.copy_for_translation(lang.locale)
                for name, value in lookup.items():
                    setattr(obj, name, value)
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
        lang.snippets[model, key] = obj
        if source is not None:
            lang.translations[label(source), source.pk] = obj
        return self.counted("snippets", obj, created)

    def ensure_page(self, lang, parent, spec):
        """The page in this language: found, translated from the source language, or made."""
        source = None if self.source is None else self.source.pages[spec.slug]
        page = source.get_translation_or_none(lang.locale) if source else None
        page = page or parent.get_children().filter(slug=spec.slug).first()
        created = page is None
        if created and spec.model.max_count_per_parent:
            other = parent.get_children().type(spec.model).first()
            if other is not None:
                raise CommandError(
                    f"“{parent.title}” ({lang.code}) already has a "
                    f"{spec.model._meta.verbose_name} at {other.url_path}, and only one is "
                    f"allowed there. Give it the slug “{spec.slug}” or remove it, then run "
                    "load_demo again."
                )
        if source is None and created:
            page = spec.model(slug=spec.slug, locale=lang.locale, live=False, **spec.fields)
            for relation, objects in spec.children.items():
                setattr(page, relation, objects)
            parent.add_child(instance=page)
        elif created:
            try:
                page = source.copy_for_translation(lang.locale)
            except ParentNotTranslatedError as error:
                raise CommandError(
                    f"Cannot translate “{source.title}” into {lang.code}: its parent page in "
                    f"{lang.code} is not a translation of the English one ({error})."
                ) from error
            for name, value in spec.fields.items():
                setattr(page, name, value)
            self.localise_children(lang, page, spec)
        else:
            page = page.specific
        if created:
            page.save_revision().publish()
        lang.pages[spec.slug] = page
        if source is not None:
            lang.translations["page", source.pk] = page
        return self.counted("pages", page, created)

    def localise_children(self, lang, page, spec):
        """Point the copied child objects at this language's snippets and pages.

        copy_for_translation copies child objects as they are. Those the demo gives per
        language (form fields, press contacts) take this language's values and keep their
        translation key; the other translatable ones (contact, topic and related-page links)
        get this language's snippet or page.
        """
        for relation in get_all_child_relations(page):
            name = relation.get_accessor_name()
            if name in spec.children:
                setattr(page, name, self.refill(getattr(page, name).all(), spec.children[name]))
                continue
            if not issubclass(relation.related_model, TranslatableMixin):
                continue
            objects = list(getattr(page, name).all())
            for obj in objects:
                for model_field in obj._meta.concrete_fields:
                    if not model_field.many_to_one or isinstance(model_field, ParentalKey):
                        continue
                    target = getattr(obj, model_field.name)
                    if isinstance(target, TranslatableMixin):
                        setattr(obj, model_field.name, self.translation(lang, target))
            setattr(page, name, objects)

    @staticmethod
    def refill(copies, fresh):
        """The copied child objects holding this language's values, keeping their ids and
        what makes them translations of the source's."""
        copies = list(copies)
        if len(copies) != len(fresh):
            return fresh
        for copy, new in zip(copies, fresh, strict=True):
            for model_field in new._meta.concrete_fields:
                if not (
                    model_field.primary_key
                    or isinstance(model_field, ParentalKey)
                    or model_field.name in ("translation_key", "locale")
                ):
                    setattr(copy, model_field.attname, getattr(new, model_field.attname))
        return copies

    def translation(self, lang, source_obj):
        try:
            return lang.translations[label(source_obj), source_obj.pk]
        except KeyError:
            raise CommandError(
                f"“{source_obj}” has no {lang.code} version in the demo content."
            ) from None

    def resolve(self, lang, value):
        """Swap image, page and video keys in block content for the real thing."""
        if isinstance(value, ImageRef):
            return self.images[value.key]
        if isinstance(value, PageRef):
            if value.slug not in lang.pages:
                raise CommandError(f"Demo content links to “{value.slug}” before it exists.")
            return lang.pages[value.slug]
        if isinstance(value, VideoRef):
            return content.VIDEOS[value.key]
        if isinstance(value, dict):
            return {key: self.resolve(lang, item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.resolve(lang, item) for item in value)
        return value


# One builder per page type: what the page holds in a language. -----------------------------


def media_centre(builder, lang):
    text = lang.text["media_centre"]
    return PageSpec(
        MediaCentrePage,
        content.MEDIA_CENTRE_SLUG,
        {
            **text,
            "latest_news_count": content.LATEST_NEWS_COUNT,
            "show_in_menus": True,
        },
    )


def section_fields(text):
    return {
        "title": text["title"],
        "intro": text["intro"],
        "listing_summary": text["listing_summary"],
        "show_in_menus": True,
    }


def release_index(builder, lang):
    text = lang.text["press_releases"]
    return PageSpec(PressReleaseIndexPage, content.PRESS_RELEASES, section_fields(text))


def project_index(builder, lang):
    text = lang.text["project_proposals"]
    return PageSpec(ProjectIndexPage, content.PROJECT_PROPOSALS, section_fields(text))


def guidelines(builder, lang):
    text = lang.text["ethical_guidelines"]
    fields = {**section_fields(text), "body": builder.resolve(lang, text["body"])}
    return PageSpec(EthicalGuidelinesPage, content.ETHICAL_GUIDELINES, fields)


def contact_page(builder, lang):
    text = lang.text["contact"]
    offices = [
        ("office", {**office_text, "phone": facts.phone, "email": facts.email})
        for facts, office_text in zip(content.OFFICES, text["offices"], strict=True)
    ]
    fields = {
        **section_fields(text),
        "offices": offices,
        "form_intro": text["form_intro"],
        "thank_you_text": text["thank_you_text"],
        "subject": text["subject"],
        **content.ENQUIRY_ADDRESSES,
    }
    form_fields = [
        EnquiryFormField(
            # The stored name stays the same in every language, so submissions line up.
            clean_name=facts.key,
            label=text["form_fields"][facts.key],
            field_type=facts.field_type,
            required=facts.required,
            sort_order=position,
        )
        for position, facts in enumerate(content.FORM_FIELDS)
    ]
    press_contacts = [
        ContactPagePressContact(contact=lang.contact(key), locale=lang.locale, sort_order=position)
        for position, key in enumerate(content.PRESS_CONTACTS)
    ]
    return PageSpec(
        ContactPage,
        content.CONTACT,
        fields,
        {"form_fields": form_fields, "press_contact_links": press_contacts},
    )


def media_club(builder, lang):
    text = lang.text["media_club"]
    fields = {**section_fields(text), "body": builder.resolve(lang, text["body"])}
    return PageSpec(StandardPage, content.MEDIA_CLUB, fields)


def project(builder, lang, facts):
    text = lang.text["projects"][facts.slug]
    fields = {
        "title": text["title"],
        "summary": text["summary"],
        "listing_summary": text["listing_summary"],
        "sector": facts.sector,
        "regions": text["regions"],
        "start_date": facts.start_date,
        "end_date": facts.end_date,
        "budget_amount": facts.budget_amount,
        "budget_currency": facts.budget_currency,
        "funding_status": facts.funding_status,
        "funding_gap": facts.funding_gap,
        "partners": text["partners"],
        "body": builder.resolve(lang, text["body"]),
        "contact": lang.contact(facts.contact),
    }
    return PageSpec(ProjectProposalPage, facts.slug, fields)


def release(builder, lang, facts):
    text = lang.text["releases"][facts.slug]
    fields = {
        "title": text["title"],
        "dateline": text["dateline"],
        "release_date": facts.release_date,
        "summary": text["summary"],
        "hero_image": builder.images[facts.image],
        "hero_caption": text["hero_caption"],
        "hero_alt_text": lang.text["image_descriptions"].get(facts.image, ""),
        "body": builder.resolve(lang, text["body"]),
    }
    children = {
        "contact_links": [
            PressReleaseContact(contact=lang.contact(key), locale=lang.locale, sort_order=position)
            for position, key in enumerate(facts.contacts)
        ],
        "topic_links": [
            PressReleaseTopic(topic=lang.topic(slug), locale=lang.locale, sort_order=position)
            for position, slug in enumerate(facts.topics)
        ],
        "related_links": [
            PressReleaseRelatedPage(
                related_page=lang.pages[slug], locale=lang.locale, sort_order=position
            )
            for position, slug in enumerate(facts.related)
        ],
    }
    return PageSpec(PressReleasePage, facts.slug, fields, children)
