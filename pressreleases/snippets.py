from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


def tel_uri(phone):
    """A phone number as a tel: URI: digits and a leading plus only."""
    phone = str(phone or "").strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"tel:+{digits}" if phone.startswith("+") else f"tel:{digits}"


class SharedContent(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """Content shown on many live pages at once, so a change goes through review first.

    Readers see the row, which holds the live version; drafts live in revisions.
    """

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class Contact(SharedContent, index.Indexed):
    """A person readers can call about a release: the "For more information" block."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("email"),
        index.FilterField("locale"),
    ]

    class Meta(SharedContent.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def phone_uri(self):
        return tel_uri(self.phone)


class Topic(SharedContent):
    """A subject press releases are filed under, e.g. child protection."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        allow_unicode=False,
        help_text=_("Part of the topic's address; the same in every language."),
    )

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(SharedContent.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Boilerplate(SharedContent):
    """The "About us" paragraph shown under every press release in its language."""

    title = models.CharField(_("title"), max_length=255)
    text = RichTextField(_("text"), features=["bold", "italic", "link"])

    translatable_fields = [TranslatableField("title"), TranslatableField("text")]

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(SharedContent.Meta):
        verbose_name = _("about-us boilerplate")
        verbose_name_plural = _("about-us boilerplates")

    def __str__(self):
        return self.title
