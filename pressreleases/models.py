"""The media centre's page types.

Snippets live in snippets.py, the image model in images.py, the safeguarding workflow
task in workflows.py and preview links in preview_links.py; all are imported here so
that Django registers them with this app.
"""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework.fields import ReadOnlyField
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BaseStreamBlock, GuidelineSectionBlock, OfficeBlock, ProjectSectionBlock
from .embargo import bound_go_live_at
from .feeds import PressReleaseAtomFeed, PressReleaseFeed
from .images import CreditedImage, CreditedRendition
from .preview_links import PreviewLink, PreviewLinkVisit
from .serializers import ContactsField, HeroAltTextField, TopicsField, TranslationsField
from .snippets import Boilerplate, Contact, Topic
from .tree import TreeRoutingMixin, exclude_private
from .workflows import SafeguardingTask

__all__ = [
    "Boilerplate",
    "Contact",
    "ContactPage",
    "CreditedImage",
    "CreditedRendition",
    "EthicalGuidelinesPage",
    "MediaCentrePage",
    "PressReleaseIndexPage",
    "PressReleasePage",
    "PreviewLink",
    "PreviewLinkVisit",
    "ProjectIndexPage",
    "ProjectProposalPage",
    "SafeguardingTask",
    "StandardPage",
    "Topic",
]

INTRO_FEATURES = ["bold", "italic", "link", "document-link"]
# Page's own fields, as wagtail-localize treats them; every page type adds its own.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]
# The renditions of a release card's <picture> (includes/release_card.html), fetched
# with the listing so that a card costs no query.
CARD_IMAGE_SPECS = Filter.expand_spec("fill-{400x225,800x450}|format-{webp,jpeg}")
HONEYPOT_FIELD = "website"


def page_size():
    return getattr(settings, "PRESSRELEASES_PAGE_SIZE", 10)


def paginate(request, queryset, count=None):
    """One page of results; a bad or out-of-range ?page= gives the first or last page.

    A count the caller already knows spares the paginator its COUNT query.
    """
    paginator = Paginator(queryset, page_size())
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


class ListingMixin(models.Model):
    """What a page shows of itself in its parent's listing."""

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        help_text=_(
            "A sentence or two shown where this page is listed, e.g. on the media centre."
        ),
    )

    promote_panels = Page.promote_panels + [FieldPanel("listing_summary")]

    class Meta:
        abstract = True

    @staticmethod
    def with_listing_summary(pages):
        """Pages of any types with their listing_summary, in one query rather than one per type."""
        summaries = [
            Subquery(model.objects.filter(pk=OuterRef("pk")).values("listing_summary")[:1])
            for model in apps.get_models()
            if issubclass(model, ListingMixin)
        ]
        return pages.annotate(
            listing_summary=Coalesce(*summaries, Value(""), output_field=models.TextField())
        )


class MediaCentrePage(TreeRoutingMixin, ListingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    latest_news_count = models.PositiveSmallIntegerField(
        _("number of latest news items"),
        default=5,
        help_text=_('How many of the newest press releases "Latest news" shows.'),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("latest_news_count")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("listing_summary"),
        TranslatableField("intro"),
        SynchronizedField("latest_news_count"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_releases"] = PressReleasePage.listing(
            PressReleasePage.objects.descendant_of(self)
        )[: self.latest_news_count]
        context["sections"] = ListingMixin.with_listing_summary(
            exclude_private(self.get_children().live().in_menu())
        )
        return context

    # Another site may install the add-on under its own home page type.
    parent_page_types = getattr(settings, "PRESSRELEASES_MEDIA_CENTRE_PARENT_PAGE_TYPES", None)
    subpage_types = [
        "pressreleases.PressReleaseIndexPage",
        "pressreleases.ProjectIndexPage",
        "pressreleases.EthicalGuidelinesPage",
        "pressreleases.ContactPage",
        "pressreleases.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("media centre")


class PressReleaseIndexPage(RoutablePageMixin, TreeRoutingMixin, ListingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("listing_summary"),
        TranslatableField("intro"),
    ]

    def releases(self, image_specs=CARD_IMAGE_SPECS):
        return PressReleasePage.listing(PressReleasePage.objects.child_of(self), image_specs)

    def releases_per_year(self, topic=None):
        """{year: (live releases, those on the topic)}, newest year first, in one query.

        The years make the year navigation; the counts spare the paginator its own query.
        """
        releases = exclude_private(PressReleasePage.objects.child_of(self).live())
        # A semi-join, not a join: each release stays one row, so nothing needs DISTINCT.
        on_topic = (
            Q(Exists(PressReleaseTopic.objects.filter(page_id=OuterRef("pk"), topic=topic)))
            if topic
            else Q()
        )
        rows = (
            releases.order_by()
            .values(year=ExtractYear("release_date"))
            .annotate(total=Count("pk"), on_topic=Count("pk", filter=on_topic))
            .order_by("-year")
        )
        return {row["year"]: (row["total"], row["on_topic"]) for row in rows}

    @path("")
    def index_route(self, request):
        counts = self.releases_per_year()
        total = sum(count for count, _ in counts.values())
        releases = paginate(request, self.releases(), total)
        return self.render(
            request, context_overrides={"years": list(counts), "releases": releases}
        )

    @path("<int:year>/")
    def year_archive(self, request, year):
        counts = self.releases_per_year()
        if year not in counts:
            raise Http404
        releases = self.releases().filter(release_date__year=year)
        return self.render(
            request,
            context_overrides={
                "year": year,
                "years": list(counts),
                "releases": paginate(request, releases, counts[year][0]),
            },
            template="pressreleases/press_release_year_archive.html",
        )

    @path("topic/<slug:slug>/")
    def topic_archive(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug, locale_id=self.locale_id, live=True)
        counts = self.releases_per_year(topic)
        total = sum(on_topic for _, on_topic in counts.values())
        releases = self.releases().filter(topic_links__topic=topic)
        return self.render(
            request,
            context_overrides={
                "topic": topic,
                "years": list(counts),
                "releases": paginate(request, releases, total),
            },
            template="pressreleases/press_release_topic_archive.html",
        )

    @path("feed/rss/")
    def rss_feed(self, request):
        return PressReleaseFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        return PressReleaseAtomFeed(self)(request)

    @path("topic/<slug:slug>/feed/rss/")
    def topic_rss_feed(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug, locale_id=self.locale_id, live=True)
        return PressReleaseFeed(self, topic)(request)

    @path("topic/<slug:slug>/feed/atom/")
    def topic_atom_feed(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug, locale_id=self.locale_id, live=True)
        return PressReleaseAtomFeed(self, topic)(request)

    def get_cached_paths(self):
        """Every route, for cache purging: the index, its feeds, each year of a release in any
        state (an unpublished one may leave its year cached) and each topic of its language."""
        years = PressReleasePage.objects.child_of(self).dates("release_date", "year")
        slugs = Topic.objects.filter(locale_id=self.locale_id).values_list("slug", flat=True)
        routes = [("index_route", []), ("rss_feed", []), ("atom_feed", [])]
        routes += [("year_archive", [date.year]) for date in years]
        routes += [
            (route, [slug])
            for slug in slugs
            for route in ("topic_archive", "topic_rss_feed", "topic_atom_feed")
        ]
        return ["/" + self.reverse_subpage(route, args=args) for route, args in routes]

    parent_page_types = ["pressreleases.MediaCentrePage"]
    subpage_types = ["pressreleases.PressReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("press release index")


class PressReleasePage(TreeRoutingMixin, Page):
    dateline = models.CharField(
        _("dateline"),
        max_length=255,
        help_text=_(
            'The place as written at the start of the release, e.g. "Almaty" or "New York/Bishkek".'
        ),
    )
    release_date = models.DateField(
        _("release date"),
        help_text=_("The date the release carries; publication and embargo times are set apart."),
        # Listings are newest first: with thousands of releases, the newest are read first.
        db_index=True,
        # Empty only in a draft: Wagtail lets a draft be saved without it and asks for it on
        # submitting or publishing.
        null=True,
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("The lead paragraph, in plain text; shown in listings and feeds."),
    )
    hero_image = models.ForeignKey(
        CreditedImage,
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Landscape, at least 1600 × 900 pixels."),
    )
    hero_caption = models.CharField(
        _("main image caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the image's caption."),
    )
    hero_credit = models.CharField(
        _("main image credit"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the image's credit."),
    )
    hero_alt_text = models.CharField(
        _("main image alternative text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, in this page's language. Leave empty to use the image's description."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("dateline"), FieldPanel("release_date")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
                FieldPanel("hero_alt_text"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        InlinePanel("contact_links", label=_("For more information"), heading=_("Contacts")),
        InlinePanel("topic_links", label=_("Topic"), heading=_("Topics")),
        InlinePanel("related_links", label=_("Related page"), heading=_("Related pages")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("dateline"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("release_date"),
    ]
    api_fields = [
        APIField("dateline"),
        APIField("release_date"),
        APIField("summary"),
        APIField("body"),
        APIField("hero_image"),
        APIField(
            "hero_image_large", serializer=ImageRenditionField("width-1200", source="hero_image")
        ),
        APIField(
            "hero_image_small", serializer=ImageRenditionField("width-400", source="hero_image")
        ),
        APIField("hero_caption", serializer=ReadOnlyField(source="caption")),
        APIField("hero_credit", serializer=ReadOnlyField(source="credit")),
        APIField("hero_alt_text", serializer=HeroAltTextField(source="*")),
        APIField("contacts", serializer=ContactsField(source="contact_links")),
        APIField("topics", serializer=TopicsField(source="topic_links")),
        APIField("translations", serializer=TranslationsField(source="*")),
    ]

    # The photo and its credit are the same in every language; what is said about it is not.
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("dateline"),
        SynchronizedField("release_date"),
        TranslatableField("summary"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_caption"),
        SynchronizedField("hero_credit"),
        TranslatableField("hero_alt_text"),
        TranslatableField("body"),
        TranslatableField("contact_links"),
        TranslatableField("topic_links"),
        TranslatableField("related_links"),
    ]

    route_select_related = ["hero_image"]

    @classmethod
    def listing(cls, queryset, image_specs=CARD_IMAGE_SPECS):
        """Live, public releases, newest first, with their images in the given renditions."""
        return (
            exclude_private(queryset.live())
            .defer_streamfields()
            .select_related("hero_image", "locale")
            .prefetch_related(
                # As Wagtail's prefetch_renditions(), which only image querysets have.
                Prefetch(
                    "hero_image__renditions",
                    queryset=CreditedRendition.objects.filter(filter_spec__in=image_specs),
                    to_attr="prefetched_renditions",
                )
            )
            .order_by("-release_date", "-first_published_at", "-pk")
        )

    def clean(self):
        super().clean()
        # As ImageBlock.clean: the image's wording, copied here, is translated with the page.
        if self.hero_image is not None:
            self.hero_caption = self.hero_caption or self.hero_image.caption
            self.hero_alt_text = self.hero_alt_text or self.hero_image.default_alt_text

    @property
    def caption(self):
        return self.hero_caption or (self.hero_image.caption if self.hero_image else "")

    @property
    def credit(self):
        return self.hero_credit or (self.hero_image.credit if self.hero_image else "")

    def with_content_json(self, content):
        # The revision being published (or shown) keeps the embargo of its source language.
        page = super().with_content_json(content)
        page.go_live_at = bound_go_live_at(page)
        return page

    def route(self, request, path_components):
        # A release that was public once answers its old address with a withdrawal notice.
        if not path_components and not self.live and self.first_published_at:
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if self.live or getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        parent = self.get_parent()
        response = TemplateResponse(
            request,
            "pressreleases/press_release_withdrawn.html",
            {"page": self, "index_url": parent.get_url(request) if parent.live else None},
            status=410,
        )
        response["Cache-Control"] = "public, max-age=300"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A shared snippet that has never been approved is not shown to readers yet.
        context["contacts"] = [
            link.contact
            for link in self.contact_links.select_related("contact")
            if link.contact.live
        ]
        context["topics"] = [
            link.topic for link in self.topic_links.select_related("topic") if link.topic.live
        ]
        context["related_pages"] = [
            link.related_page
            for link in self.related_links.filter(related_page__live=True).select_related(
                "related_page"
            )
        ]
        context["boilerplate"] = Boilerplate.objects.filter(
            locale_id=self.locale_id, live=True
        ).first()
        # Specific, for routablepageurl; its own fields stay deferred, so no extra query.
        context["index_page"] = self.get_parent().specific_deferred
        context["absolute_url"] = self.get_full_url(request)
        return context

    parent_page_types = ["pressreleases.PressReleaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        indexes = [
            # Year counts read every release's date: from this narrow index, not the rows.
            models.Index(fields=["page_ptr", "release_date"], name="pressreleases_date_by_page"),
        ]


class ContactLink(TranslatableMixin, Orderable):
    """A Contact snippet chosen, in order, on a page."""

    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]
    # The target language's own contact, not a copy of the source's.
    translatable_fields = [TranslatableField("contact")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True


class PressReleaseContact(ContactLink):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="contact_links")

    class Meta(ContactLink.Meta):
        verbose_name = _("contact")


class PressReleaseTopic(TranslatableMixin, Orderable):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="release_links"
    )

    panels = [FieldPanel("topic")]
    translatable_fields = [TranslatableField("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic")


class PressReleaseRelatedPage(TranslatableMixin, Orderable):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related_page")]
    translatable_fields = [TranslatableField("related_page")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("related page")


class ProjectIndexPage(TreeRoutingMixin, ListingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("listing_summary"),
        TranslatableField("intro"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = (
            ProjectProposalPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-start_date", "title")
        )
        sector = request.GET.get("sector", "")
        status = request.GET.get("status", "")
        if sector in dict(ProjectProposalPage.SECTORS):
            projects = projects.filter(sector=sector)
        else:
            sector = ""
        if status in dict(ProjectProposalPage.FUNDING_STATUSES):
            projects = projects.filter(funding_status=status)
        else:
            status = ""
        context.update(
            projects=paginate(request, projects),
            sectors=ProjectProposalPage.SECTORS,
            funding_statuses=ProjectProposalPage.FUNDING_STATUSES,
            selected_sector=sector,
            selected_status=status,
        )
        return context

    parent_page_types = ["pressreleases.MediaCentrePage"]
    subpage_types = ["pressreleases.ProjectProposalPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index")


class ProjectProposalPage(TreeRoutingMixin, ListingMixin, Page):
    SECTORS = [
        ("child-protection", _("Child protection")),
        ("education", _("Education")),
        ("health", _("Health")),
        ("nutrition", _("Nutrition")),
        ("wash", _("Water, sanitation and hygiene")),
        ("early-childhood", _("Early childhood development")),
        ("adolescents", _("Adolescents and youth")),
        ("social-policy", _("Social policy")),
        ("emergencies", _("Emergencies")),
    ]
    CURRENCIES = [("USD", "USD"), ("KZT", "KZT"), ("KGS", "KGS"), ("EUR", "EUR")]
    FUNDING_STATUSES = [
        ("seeking", _("Seeking funding")),
        ("partial", _("Partly funded")),
        ("funded", _("Funded")),
    ]

    summary = models.TextField(_("summary"))
    sector = models.CharField(_("sector"), max_length=32, choices=SECTORS)
    regions = models.CharField(
        _("regions"), max_length=255, help_text=_("Where the project works, e.g. Osh, Batken.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_amount = models.DecimalField(_("budget"), max_digits=14, decimal_places=2)
    budget_currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, default="USD"
    )
    funding_status = models.CharField(
        _("funding status"), max_length=16, choices=FUNDING_STATUSES, default="seeking"
    )
    funding_gap = models.DecimalField(
        _("funding gap"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Still to be raised, in the budget's currency."),
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    body = StreamField(
        [("section", ProjectSectionBlock())], verbose_name=_("proposal"), blank=True
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("regions")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("budget_amount"), FieldPanel("budget_currency")]),
                FieldRowPanel([FieldPanel("funding_status"), FieldPanel("funding_gap")]),
            ],
            heading=_("Budget and funding"),
        ),
        FieldPanel("partners"),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("regions"),
        index.SearchField("partners"),
        index.SearchField("body"),
        index.FilterField("sector"),
        index.FilterField("funding_status"),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("listing_summary"),
        TranslatableField("summary"),
        SynchronizedField("sector"),
        TranslatableField("regions"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("budget_amount"),
        SynchronizedField("budget_currency"),
        SynchronizedField("funding_status"),
        SynchronizedField("funding_gap"),
        TranslatableField("partners"),
        TranslatableField("body"),
        TranslatableField("contact"),
        TranslatableField("documents"),
    ]

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = [
            link.document for link in self.documents.select_related("document")
        ]
        return context

    parent_page_types = ["pressreleases.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project proposal")


class ProjectDocument(TranslatableMixin, Orderable):
    page = ParentalKey(ProjectProposalPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]
    translatable_fields = [SynchronizedField("document")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("document")


class EthicalGuidelinesPage(TreeRoutingMixin, ListingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    body = StreamField([("section", GuidelineSectionBlock())], verbose_name=_("guidelines"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("downloadable version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The guidelines as a PDF for printing and sharing."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("listing_summary"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("document"),
    ]

    def table_of_contents(self):
        """(anchor, number, title) for each section, numbered as the page shows them."""
        return [
            (f"section-{number}", number, block.value["title"])
            for number, block in enumerate(self.body, start=1)
        ]

    parent_page_types = ["pressreleases.MediaCentrePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ethical guidelines")
        verbose_name_plural = _("ethical guidelines")


class EnquiryFormField(TranslatableMixin, AbstractFormField):
    """A field of the enquiry form: its wording translates with the page, its kind does not."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        # Submissions in every language keep one set of keys.
        SynchronizedField("clean_name"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class EnquiryFormBuilder(FormBuilder):
    """The editor's fields plus a honeypot that people leave empty and bots fill in."""

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields


class ContactPage(TreeRoutingMixin, ListingMixin, AbstractEmailForm):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    offices = StreamField([("office", OfficeBlock())], verbose_name=_("offices"), blank=True)
    form_intro = RichTextField(
        _("media enquiry form introduction"), blank=True, features=INTRO_FEATURES
    )
    thank_you_text = RichTextField(_("thank-you message"), blank=True, features=INTRO_FEATURES)

    form_builder = EnquiryFormBuilder

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("offices"),
        InlinePanel("press_contact_links", label=_("Press contact"), heading=_("Press contacts")),
        MultiFieldPanel(
            [
                FieldPanel("form_intro"),
                InlinePanel("form_fields", label=_("Form field")),
                FieldPanel("thank_you_text"),
            ],
            heading=_("Media enquiry form"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail of each enquiry"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    # Where enquiries go is the office's, not the translator's.
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
        TranslatableField("subject"),
        TranslatableField("listing_summary"),
        TranslatableField("intro"),
        TranslatableField("offices"),
        TranslatableField("form_intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("form_fields"),
        TranslatableField("press_contact_links"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["press_contacts"] = [
            link.contact
            for link in self.press_contact_links.select_related("contact")
            if link.contact.live
        ]
        return context

    def process_form_submission(self, form):
        if form.cleaned_data.pop(HONEYPOT_FIELD, ""):
            # A bot: thank it like anyone else, but store and send nothing.
            return None
        return super().process_form_submission(form)

    def send_mail(self, form):
        """Wagtail's enquiry e-mail, with the enquirer's address to answer to."""
        enquirer = [
            form.cleaned_data[field.clean_name]
            for field in self.get_form_fields()
            if field.field_type == "email" and form.cleaned_data.get(field.clean_name)
        ]
        send_mail(
            self.subject,
            self.render_email(form),
            [address.strip() for address in self.to_address.split(",")],
            self.from_address,
            reply_to=enquirer[:1] or None,
        )

    parent_page_types = ["pressreleases.MediaCentrePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contact page")


class ContactPagePressContact(ContactLink):
    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="press_contact_links")

    class Meta(ContactLink.Meta):
        verbose_name = _("press contact")


class StandardPage(TreeRoutingMixin, ListingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("listing_summary"),
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    parent_page_types = ["pressreleases.MediaCentrePage", "pressreleases.StandardPage"]
    subpage_types = ["pressreleases.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
