"""Every page type and snippet says, field by field, what translators translate and what is
copied from the source; the enquiry form and image wording translate with their page."""

import importlib
import json

import pytest
from django.apps import apps
from modelcluster.fields import ParentalKey
from wagtail.models import Comment, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import StringSegment, TranslationSource

from pressreleases.blocks import ImageBlock
from pressreleases.models import ContactPage, PressReleasePage

from .. import factories
from ..localize import save_target, sync, translate

# Wagtail's bookkeeping, never typed by an editor.
NOT_CONTENT = {
    "id",
    "translation_key",
    "locale",
    "sort_order",
    "page",
    "latest_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}
PAGE_OWN = {field.name for field in Page._meta.get_fields()}


def translatable_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in ("pressreleases", "home")
        and issubclass(model, TranslatableMixin)
    ]


def content_fields(model):
    own = {
        field.name
        for field in model._meta.concrete_fields
        if field.name not in NOT_CONTENT and not field.name.endswith("_ptr")
    }
    if issubclass(model, Page):
        own -= PAGE_OWN
        own |= {"title", "slug", "seo_title", "search_description", "show_in_menus"}
    # Child objects a page edits inline, e.g. contact_links.
    own |= {
        relation.get_accessor_name()
        for relation in model._meta.related_objects
        if isinstance(relation.field, ParentalKey) and relation.field.model is not Comment
    }
    return own


@pytest.mark.parametrize("model", translatable_models(), ids=lambda model: model.__name__)
def test_each_field_is_translated_or_synchronised_on_purpose(model):
    assert "translatable_fields" in vars(model) or any(
        "translatable_fields" in vars(base) for base in model.__mro__[1:] if base._meta.abstract
    ), f"{model.__name__} leaves its fields to wagtail-localize's guesses"
    declared = {field.field_name for field in model.translatable_fields}
    assert content_fields(model) <= declared, content_fields(model) - declared


def test_addresses_credits_and_kinds_are_copied_not_translated():
    kinds = {
        (model.__name__, field.field_name): type(field)
        for model in (ContactPage, PressReleasePage)
        for field in model.translatable_fields
    }
    assert kinds["ContactPage", "to_address"] is SynchronizedField
    assert kinds["ContactPage", "from_address"] is SynchronizedField
    assert kinds["ContactPage", "form_fields"] is TranslatableField
    assert kinds["PressReleasePage", "hero_credit"] is SynchronizedField
    assert kinds["PressReleasePage", "hero_caption"] is TranslatableField
    assert kinds["PressReleasePage", "hero_alt_text"] is TranslatableField


@pytest.mark.django_db
def test_the_enquiry_forms_labels_translate_with_the_page_and_the_address_does_not(client):
    centre = factories.media_centre("en")
    page = factories.contact_page(centre)
    translate(centre, "kk", {"Media centre": "Медиаорталық"}, fallback=str)

    kazakh = translate(
        page,
        "kk",
        {
            "Contact information": "Байланыс ақпараты",
            "Your name": "Атыңыз",
            "E-mail": "Электрондық пошта",
            "Message": "Хабарлама",
        },
        fallback=str,
    )

    strings = set(
        StringSegment.objects.filter(
            source=TranslationSource.objects.get_for_instance(page)
        ).values_list("string__data", flat=True)
    )
    assert {"Your name", "E-mail", "Message"} <= strings
    assert "press@example.org" not in strings
    assert kazakh.to_address == "press@example.org"
    assert [field.label for field in kazakh.form_fields.all()] == [
        "Атыңыз",
        "Электрондық пошта",
        "Хабарлама",
    ]
    html = client.get(kazakh.url).content.decode()
    assert "Атыңыз" in html and "Your name" not in html
    english = client.get(page.url).content.decode()
    assert "Your name" in english and "Атыңыз" not in english


@pytest.mark.django_db
def test_an_empty_caption_takes_the_images_own_on_save_so_translators_get_it():
    index = factories.release_index(factories.media_centre("en"))
    image = factories.make_image(caption="Pupils in a village school in Chui region.")

    page = factories.release(index, image=image, hero_caption="", hero_alt_text="")

    page.refresh_from_db()
    assert page.hero_caption == "Pupils in a village school in Chui region."
    assert page.hero_alt_text == image.default_alt_text
    strings = StringSegment.objects.filter(
        source=TranslationSource.get_or_create_from_instance(page)[0]
    ).values_list("string__data", flat=True)
    assert "Pupils in a village school in Chui region." in strings


@pytest.mark.django_db
def test_an_image_block_without_a_caption_takes_the_images_own():
    image = factories.make_image(caption="Young reporters in Osh.")
    block = ImageBlock()

    value = block.clean(block.to_python({"image": image.pk, "caption": "", "alt_text": ""}))

    assert value["caption"] == "Young reporters in Osh."
    assert value["alt_text"] == image.default_alt_text
    kept = block.clean(block.to_python({"image": image.pk, "caption": "Own words"}))
    assert kept["caption"] == "Own words"


@pytest.mark.django_db
def test_a_photo_credit_and_a_phone_in_the_body_are_copied_from_the_source_not_translated():
    centre = factories.media_centre("en")
    translate(centre, "ru", {}, fallback=str)
    index = factories.release_index(centre)
    translate(index, "ru", {}, fallback=str)
    image = factories.make_image(caption="Pupils in Osh.")
    release = factories.release(
        index,
        body=[
            ("paragraph", "<p>Young reporters met the ombudsman.</p>"),
            (
                "image",
                {
                    "image": image,
                    "caption": "Pupils in Osh.",
                    "credit": "© UNICEF/Osh",
                    "alt_text": "",
                },
            ),
        ],
    )
    office = factories.contact_page(
        centre,
        offices=[
            (
                "office",
                {
                    "name": "Bishkek office",
                    "address": "160 Chui Avenue",
                    "phone": "+996 312 611 211",
                    "email": "bishkek@example.org",
                    "hours": "Monday to Friday, 9:00-18:00",
                },
            )
        ],
    )

    strings = {
        segment.string.data
        for page in (release, office)
        for segment in StringSegment.objects.filter(
            source=TranslationSource.get_or_create_from_instance(page)[0]
        ).select_related("string")
    }
    assert {"Pupils in Osh.", "Bishkek office", "160 Chui Avenue"} <= strings
    assert "© UNICEF/Osh" not in strings and "+996 312 611 211" not in strings

    russian = translate(release, "ru", {"Pupils in Osh.": "Школьники в Оше."}, fallback=str)
    russian_office = translate(office, "ru", {}, fallback=str)
    image_block = russian.body[1].value
    assert (image_block["caption"], image_block["credit"]) == ("Школьники в Оше.", "© UNICEF/Osh")
    assert russian_office.offices[0].value["phone"] == "+996 312 611 211"

    # A corrected credit reaches the translation at the next sync, as the hero's does.
    release.body[1].value["credit"] = "© UNICEF/Kyrgyzstan/2026/Osh"
    release.save_revision().publish()
    source = sync(release)
    save_target(source.translations.get(target_locale__language_code="ru"))
    russian.refresh_from_db()
    assert russian.body[1].value["credit"] == "© UNICEF/Kyrgyzstan/2026/Osh"
    assert russian.body[1].value["caption"] == "Школьники в Оше."


@pytest.mark.django_db
def test_pages_saved_before_they_held_their_own_image_wording_get_it_from_the_image():
    copy_image_wording = importlib.import_module(
        "pressreleases.migrations.0013_image_wording_into_pages"
    ).copy_image_wording
    index = factories.release_index(factories.media_centre("en"))
    image = factories.make_image(caption="Pupils in Osh.", description="Two girls reading")
    body = [
        ("image", {"image": image, "caption": caption, "credit": "", "alt_text": ""})
        for caption in ("", "Own words")
    ]
    release = factories.release(index, image=image, body=body)
    kazakh = translate(release, "kk", {"Pupils in Osh.": "Оштағы оқушылар."}, fallback=str)
    own_caption = factories.release(index, 2, image=image, hero_caption="Written by the editor")
    # As the row and the draft were before pages held the wording: empty, showing the image's.
    emptied = {"hero_caption": "", "hero_alt_text": ""}
    stream = release.body.get_prep_value()
    stream[0]["value"] |= {"caption": "", "alt_text": ""}
    PressReleasePage.objects.filter(pk=release.pk).update(body=json.dumps(stream), **emptied)
    draft = release.latest_revision
    draft.content |= emptied | {"body": json.dumps(stream)}
    draft.save()

    copy_image_wording(apps, None)

    release.refresh_from_db()
    assert (release.hero_caption, release.hero_alt_text) == ("Pupils in Osh.", "Two girls reading")
    assert release.body[0].value["caption"] == "Pupils in Osh."
    assert release.body[0].value["alt_text"] == "Two girls reading"
    assert release.body[1].value["caption"] == "Own words"
    draft.refresh_from_db()
    assert draft.content["hero_caption"] == "Pupils in Osh."
    assert json.loads(draft.content["body"])[0]["value"]["caption"] == "Pupils in Osh."
    own_caption.refresh_from_db()
    assert own_caption.hero_caption == "Written by the editor"
    kazakh.refresh_from_db()
    assert kazakh.hero_caption == "Оштағы оқушылар."
    # The wording is now the source's content: the next sync offers it to translators.
    strings = StringSegment.objects.filter(source=sync(release)).values_list(
        "string__data", flat=True
    )
    assert "Pupils in Osh." in strings
