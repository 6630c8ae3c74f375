"""Every StreamField block of the media centre, each with its own template."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

TEXT = _("Text")
MEDIA = _("Media")
LINKS = _("Links")


class SynchronisedCharBlock(blocks.CharBlock):
    """Text that is the same in every language, such as a photo credit or a phone number:
    translations copy it from the source instead of offering it to translators."""

    def get_translatable_segments(self, value):
        return []


class HeadingValue(blocks.StructValue):
    def anchor_id(self):
        return self.get("anchor") or slugify(self.get("text"), allow_unicode=True)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))],
        default="h2",
    )
    anchor = blocks.CharBlock(
        label=_("anchor"),
        required=False,
        max_length=64,
        help_text=_("Optional id for links to this heading; made from the text when empty."),
    )

    class Meta:
        icon = "title"
        template = "pressreleases/blocks/heading_block.html"
        value_class = HeadingValue
        group = TEXT
        description = _("A section heading readers can link to")
        preview_value = {"text": "Children and justice", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the image's caption.")
    )
    credit = SynchronisedCharBlock(
        label=_("credit"), required=False, help_text=_("Leave empty to use the image's credit.")
    )
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_(
            "What the image shows, for readers who cannot see it. Leave empty to use the image's description."
        ),
    )

    def clean(self, value):
        # The image's wording has no language: copied into the page, it is translated with
        # it, so a Kazakh reader never meets the English caption.
        value = super().clean(value)
        if value["image"] is not None:
            value["caption"] = value["caption"] or value["image"].caption
            value["alt_text"] = value["alt_text"] or value["image"].default_alt_text
        return value

    class Meta:
        icon = "image"
        template = "pressreleases/blocks/image_block.html"
        group = MEDIA
        description = _("A photo with its caption and credit")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("said by"), required=False, max_length=255)
    role = blocks.CharBlock(label=_("role"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "pressreleases/blocks/quote_block.html"
        group = TEXT
        description = _("A quotation with who said it")
        preview_value = {
            "text": "Thanks to their films I learnt so much more about them.",
            "attribution": "Director",
            "role": "Special school",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("title"), max_length=255)

    class Meta:
        icon = "media"
        template = "pressreleases/blocks/video_block.html"
        group = MEDIA
        description = _("An embedded video, with a plain link when the embed is unavailable")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "pressreleases/blocks/document_block.html"
        group = LINKS
        description = _("A document to download")


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=32)
    label = blocks.CharBlock(label=_("label"), max_length=255)


class KeyFactsBlock(blocks.StructBlock):
    facts = blocks.ListBlock(KeyFactBlock(), label=_("facts"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "pressreleases/blocks/key_facts_block.html"
        group = TEXT
        description = _("Figures that tell the story at a glance")
        preview_value = {
            "facts": [
                {"figure": "20", "label": "one-minute films"},
                {"figure": "3,000", "label": "films worldwide"},
            ]
        }


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=255)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or an external address"), required=False)

    class Meta:
        icon = "link"
        template = "pressreleases/blocks/call_to_action_block.html"
        group = LINKS
        description = _("A prominent link to a page or another site")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or an external address.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="pressreleases/blocks/paragraph_block.html",
        group=TEXT,
        description=_("Text with bold, italics, links and lists"),
        preview_value="<p>Young people from every region of the country took part.</p>",
    )
    # Labelled here: without one, the block picker shows the Python name, untranslated.
    heading = HeadingBlock(label=_("Heading"))
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock(label=_("Quote"))
    video = VideoBlock(label=_("Video"))
    document = DocumentBlock(label=_("Document"))
    key_facts = KeyFactsBlock(label=_("Key facts"))
    call_to_action = CallToActionBlock(label=_("Call to action"))


class ProjectSectionBlock(blocks.StructBlock):
    """One headed section of a project proposal."""

    kind = blocks.ChoiceBlock(
        label=_("section"),
        choices=[
            ("problem", _("The problem")),
            ("objectives", _("Objectives")),
            ("activities", _("Activities")),
            ("results", _("Expected results")),
            ("other", _("Other")),
        ],
    )
    heading = blocks.CharBlock(
        label=_("heading"), required=False, help_text=_("Leave empty to use the section's name.")
    )
    content = BaseStreamBlock(label=_("content"))

    class Meta:
        icon = "doc-full-inverse"
        template = "pressreleases/blocks/project_section_block.html"
        group = TEXT
        description = _("A headed section: problem, objectives, activities or expected results")


class GuidelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=255)
    text = blocks.RichTextBlock(label=_("text"), features=PARAGRAPH_FEATURES)


class GuidelineSectionBlock(blocks.StructBlock):
    """A group of numbered principles or guidelines under one title."""

    title = blocks.CharBlock(label=_("title"), max_length=255)
    intro = blocks.RichTextBlock(
        label=_("introduction"), required=False, features=PARAGRAPH_FEATURES
    )
    guidelines = blocks.ListBlock(GuidelineBlock(), label=_("guidelines"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "pressreleases/blocks/guideline_section_block.html"
        group = TEXT
        description = _("Numbered principles or guidelines under one title")


class OfficeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("office"), max_length=255)
    address = blocks.TextBlock(label=_("address"))
    phone = SynchronisedCharBlock(label=_("phone"), required=False, max_length=64)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    hours = blocks.CharBlock(label=_("opening hours"), required=False, max_length=255)

    class Meta:
        icon = "home"
        template = "pressreleases/blocks/office_block.html"
        group = TEXT
        description = _("An office with its address, phone, e-mail and hours")
