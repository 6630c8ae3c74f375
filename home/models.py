from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from pressreleases.models import PAGE_TRANSLATABLE_FIELDS
from pressreleases.tree import TreeRoutingMixin


class HomePage(TreeRoutingMixin, Page):
    """The root of one language's tree: /en/, /ru/, /kk/, /ky/."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "document-link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [TranslatableField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pressreleases.MediaCentrePage"]

    class Meta:
        verbose_name = _("home page")
