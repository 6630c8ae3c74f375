"""Where each media-centre page stands in each language.

wagtail-localize records what was sent for translation (TranslationSource, Translation)
and what has been translated (StringTranslation), but shows it one page at a time. This
module reads those records for the whole media centre in a fixed number of queries and
gives every page, in every language, one state: the source, missing, in progress (with the
share of segments done), out of date (the source changed after the last sync, with the
date) or up to date. Translations kept by hand (no sync, or sync stopped) are out of date
when the source was edited after them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from .models import MediaCentrePage
from .permissions import pages_seen_by

SOURCE = "source"
MISSING = "missing"
IN_PROGRESS = "in_progress"
OUT_OF_DATE = "out_of_date"
UP_TO_DATE = "up_to_date"

STATE_LABELS = {
    SOURCE: _("Source"),
    MISSING: _("Missing"),
    IN_PROGRESS: _("In progress"),
    OUT_OF_DATE: _("Out of date"),
    UP_TO_DATE: _("Up to date"),
}
FILTERABLE_STATES = [MISSING, IN_PROGRESS, OUT_OF_DATE, UP_TO_DATE]
ROWS_PER_PAGE = 50
PANEL_LIMIT = 10


@dataclass
class LanguageState:
    """One page in one language."""

    locale: Locale
    state: str
    page: Page | None = None
    percent: int | None = None
    source_changed_at: datetime | None = None
    action_url: str = ""

    @property
    def label(self):
        return STATE_LABELS[self.state]


@dataclass
class PageStatus:
    """A page and its translations: the source page and one state per language."""

    source_page: Page
    languages: list[LanguageState] = field(default_factory=list)

    def state_in(self, locale):
        return next(language for language in self.languages if language.locale == locale)


def media_centre_pages():
    """Every page of every language's media centre, aliases left out."""
    centre_paths = list(Page.objects.type(MediaCentrePage).values_list("path", flat=True))
    if not centre_paths:
        return Page.objects.none()
    in_a_centre = Q()
    for path in centre_paths:
        in_a_centre |= Q(path__startswith=path)
    return Page.objects.filter(in_a_centre, alias_of__isnull=True).order_by("path")


def segment_progress(source_ids):
    """{source id: total segments} and {(source id, locale id): translated segments}."""
    segments = StringSegment.objects.filter(source_id__in=source_ids)
    totals = dict(
        segments.values("source_id").annotate(total=Count("pk")).values_list("source_id", "total")
    )
    translated = {
        (source_id, locale_id): done
        for source_id, locale_id, done in segments.filter(
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values("source_id", "string__translations__locale_id")
        .annotate(done=Count("pk", distinct=True))
        .values_list("source_id", "string__translations__locale_id", "done")
    }
    return totals, translated


def translation_status(pages=None):
    """A PageStatus for every translation group among `pages` (default: the media centre).

    Queries: the pages, the locales, the translation sources, their translations and two
    aggregates for progress, whatever the number of pages.
    """
    pages = media_centre_pages() if pages is None else pages
    pages = list(
        pages.only(
            "id",
            "title",
            "path",
            "translation_key",
            "locale_id",
            "live",
            "latest_revision_created_at",
            "last_published_at",
        )
    )
    locales = list(Locale.objects.order_by("pk"))
    groups = defaultdict(dict)  # translation key -> {locale id: page}
    for page in pages:
        groups[page.translation_key][page.locale_id] = page

    sources = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.filter(object_id__in=groups)
    }
    translations = defaultdict(dict)  # translation key -> {target locale id: Translation}
    for translation in Translation.objects.filter(source__in=sources.values()).select_related(
        "source"
    ):
        translations[translation.source.object_id][translation.target_locale_id] = translation
    totals, translated = segment_progress([source.pk for source in sources.values()])

    statuses = []
    for key, pages_by_locale in groups.items():
        source_page = pick_source_page(pages_by_locale, translations[key])
        status = PageStatus(source_page)
        for locale in locales:
            status.languages.append(
                language_state(
                    locale,
                    source_page,
                    pages_by_locale.get(locale.pk),
                    translations[key].get(locale.pk),
                    totals,
                    translated,
                )
            )
        statuses.append(status)
    return statuses


def pick_source_page(pages_by_locale, translations_by_locale):
    """The page the group was translated from: wagtail-localize's source, else the oldest."""
    for translation in translations_by_locale.values():
        source_page = pages_by_locale.get(translation.source.locale_id)
        if source_page is not None:
            return source_page
    return min(pages_by_locale.values(), key=lambda page: page.pk)


def language_state(locale, source_page, page, translation, totals, translated):
    if page is not None and page.pk == source_page.pk:
        return LanguageState(
            locale, SOURCE, page, action_url=reverse("wagtailadmin_pages:edit", args=[page.pk])
        )
    if page is None:
        return LanguageState(
            locale,
            MISSING,
            action_url=reverse("wagtail_localize:submit_page_translation", args=[source_page.pk]),
        )
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    # A change still in review is not news to translators yet.
    source_changed_at = source_page.last_published_at
    if translation is None or not translation.enabled:
        edited_at = page.latest_revision_created_at
        if source_changed_at and edited_at and source_changed_at > edited_at:
            return LanguageState(locale, OUT_OF_DATE, page, None, source_changed_at, edit_url)
        return LanguageState(locale, UP_TO_DATE, page, action_url=edit_url)

    source = translation.source
    total = totals.get(source.pk, 0)
    done = translated.get((source.pk, locale.pk), 0)
    if source_changed_at and source_changed_at > source.last_updated_at:
        sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
        return LanguageState(locale, OUT_OF_DATE, page, None, source_changed_at, sync_url)
    if done < total:
        return LanguageState(locale, IN_PROGRESS, page, done * 100 // total, action_url=edit_url)
    return LanguageState(locale, UP_TO_DATE, page, action_url=edit_url)


def filter_statuses(statuses, locale=None, state=None):
    """Rows where the chosen language (or any language) is in the chosen state."""
    if state is None:
        return statuses
    return [
        status
        for status in statuses
        if any(
            language.state == state and (locale is None or language.locale == locale)
            for language in status.languages
        )
    ]


def can_see_translation_status(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def translation_status_view(request):
    if not can_see_translation_status(request.user):
        raise PermissionDenied
    locales = list(Locale.objects.order_by("pk"))
    chosen_locale = next(
        (locale for locale in locales if locale.language_code == request.GET.get("language")),
        None,
    )
    chosen_state = request.GET.get("state")
    if chosen_state not in FILTERABLE_STATES:
        chosen_state = None
    statuses = filter_statuses(
        translation_status(pages_seen_by(media_centre_pages(), request.user)),
        chosen_locale,
        chosen_state,
    )
    shown_locales = [chosen_locale] if chosen_locale else locales
    rows = Paginator(statuses, ROWS_PER_PAGE).get_page(request.GET.get("p"))
    for status in rows:
        status.shown = [status.state_in(locale) for locale in shown_locales]
    return render(
        request,
        "pressreleases/admin/translation_status.html",
        {
            "rows": rows,
            "locales": locales,
            "shown_locales": shown_locales,
            "chosen_locale": chosen_locale,
            "chosen_state": chosen_state,
            "states": [(state, STATE_LABELS[state]) for state in FILTERABLE_STATES],
        },
    )


class OutOfDateTranslationsPanel(Component):
    """The dashboard's list of translations that fell behind their source."""

    name = "out_of_date_translations"
    template_name = "pressreleases/admin/out_of_date_translations_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        out_of_date = [
            (status.source_page, language)
            for status in translation_status(
                pages_seen_by(media_centre_pages(), parent_context["request"].user)
            )
            for language in status.languages
            if language.state == OUT_OF_DATE
        ]
        out_of_date.sort(key=lambda item: item[1].source_changed_at, reverse=True)
        return {
            "out_of_date": out_of_date[:PANEL_LIMIT],
            "more": max(len(out_of_date) - PANEL_LIMIT, 0),
            "report_url": reverse("pressreleases_translation_status") + f"?state={OUT_OF_DATE}",
        }
