"""The read-only headless API: Wagtail's API v2 for pages, images and documents.

The site includes `api_router.urls` (e.g. at /api/v2/). Pages are only ever the live,
public ones (Wagtail's own rule); press releases add the fields listed in
PressReleasePage.api_fields, and `?topic=<slug>` filters releases by topic.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site

from .models import PressReleaseContact, PressReleasePage, PressReleaseTopic
from .public_files import shown_on_public_pages
from .serializers import LiveTranslations


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's ?<field>=<value>, with a value the field rejects (a date that is not
    YYYY-MM-DD) answered by 400 instead of an error."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as error:
            raise BadRequestError("field filter error. " + " ".join(error.messages)) from error


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ?search=, with what the search backend would fail on answered by 400."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        # SQLite's full-text engine refuses an unbalanced quote; no backend gives quotes a
        # meaning in this plain-word search (the search page drops them, see search.py).
        if '"' in request.GET.get("search", ""):
            raise BadRequestError("search error. double quotes are not supported")
        return super().filter_queryset(request, queryset, view)


CHECKED_FILTERS = {FieldsFilter: CheckedFieldsFilter, SearchFilter: CheckedSearchFilter}


def checked(filter_backends):
    return [CHECKED_FILTERS.get(backend, backend) for backend in filter_backends]


# The largest OFFSET the databases accept: a signed 64-bit integer.
MAX_OFFSET = 2**63 - 1


class CheckedInputMixin:
    """A NUL byte in any parameter, an offset too large for the database, or find/?id=abc,
    answered by 400 like every other bad query parameter (PostgreSQL refuses NUL in a query
    outright)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, value in request.GET.items():
            if "\x00" in value:
                raise BadRequestError(f"{name} error. null characters are not allowed")
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")

    def find_object(self, queryset, request):
        try:
            return super().find_object(queryset, request)
        except (ValueError, ValidationError) as error:
            raise BadRequestError("id must be a positive integer") from error


class TopicFilter(BaseFilterBackend):
    """?topic=<slug>: press releases filed under that topic; an unknown topic finds nothing."""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("topic")
        if slug is None:
            return queryset
        # A topic's slug is the same in every language, so ?locale= picks the language.
        return queryset.filter(
            pk__in=PressReleaseTopic.objects.filter(topic__slug=slug, topic__live=True).values(
                "page_id"
            )
        )


class MediaCentrePagesAPIViewSet(CheckedInputMixin, PagesAPIViewSet):
    # Wagtail's search filter must stay last: its results cannot be filtered further.
    filter_backends = [TopicFilter, *checked(PagesAPIViewSet.filter_backends)]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["topic"])

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        if issubclass(queryset.model, PressReleasePage):
            # Everything api_fields shows, fetched once for the whole listing.
            queryset = queryset.select_related("hero_image").prefetch_related(
                "hero_image__renditions",
                Prefetch(
                    "contact_links",
                    queryset=PressReleaseContact.objects.select_related("contact"),
                ),
                Prefetch(
                    "topic_links", queryset=PressReleaseTopic.objects.select_related("topic")
                ),
            )
        return queryset

    def find_object(self, queryset, request):
        # ?html_path= as readers see it, /ru/media-centre/…: routed from that language's home.
        parts = [part for part in request.GET.get("html_path", "").split("/") if part]
        locale = Locale.objects.filter(language_code=parts[0]).first() if parts else None
        site = Site.find_for_request(request)
        home = site.root_page.get_translation_or_none(locale) if locale and site else None
        if home is None:
            return super().find_object(queryset, request)
        try:
            page, _, _ = home.specific.route(request, parts[1:])
        except Http404:
            return None
        return page if queryset.filter(pk=page.pk).exists() else None

    def get_serializer(self, instance=None, *args, **kwargs):
        context = self.get_serializer_context()
        pages = instance if kwargs.get("many") else [instance]
        context["live_translations"] = LiveTranslations(pages, context["base_queryset"])
        return self.get_serializer_class()(instance, *args, context=context, **kwargs)


class CreditedImagesAPIViewSet(CheckedInputMixin, ImagesAPIViewSet):
    filter_backends = checked(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        # Only images readers can already see (public_files.py). As filters on the primary
        # key, which the search backend can apply; a recognisable child without consent on
        # record is never published, here neither.
        unconsented = self.model.objects.filter(
            shows_identifiable_child=True, consent_on_record=False
        )
        return (
            super()
            .get_queryset()
            .filter(pk__in=shown_on_public_pages(self.model))
            .exclude(pk__in=unconsented.values("pk"))
        )


class CheckedDocumentsAPIViewSet(CheckedInputMixin, DocumentsAPIViewSet):
    filter_backends = checked(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        # As images: only the reports of releases already public.
        return super().get_queryset().filter(pk__in=shown_on_public_pages(self.model))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", MediaCentrePagesAPIViewSet)
api_router.register_endpoint("images", CreditedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
