"""Every page type and snippet says, field by field, what translators translate and what is
copied from the source; the enquiry form and image wording translate with their page."""

import pytest
from django.apps import apps
from modelcluster.fields import ParentalKey
from wagtail.models import Comment, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import StringSegment, TranslationSource

from pressreleases.blocks import ImageBlock
from pressreleases.models import ContactPage, PressReleasePage

from .. import factories
from ..localize import translate

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
