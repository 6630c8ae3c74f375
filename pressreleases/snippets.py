from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


def tel_uri(phone):
    """A phone number as a tel: URI: digits and a leading plus only."""
    phone = str(phone or "").strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"tel:+{digits}" if phone.startswith("+") else f"tel:{digits}"


class Contact(TranslatableMixin, index.Indexed, models.Model):
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

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def phone_uri(self):
        return tel_uri(self.phone)


class Topic(TranslatableMixin, models.Model):
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

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class Boilerplate(TranslatableMixin, models.Model):
    """The "About us" paragraph shown under every press release in its language."""

    title = models.CharField(_("title"), max_length=255)
    text = RichTextField(_("text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("about-us boilerplate")
        verbose_name_plural = _("about-us boilerplates")

    def __str__(self):
        return self.title
