"""Search: the reader's search page per language, and a language-aware PostgreSQL backend.

On PostgreSQL, Wagtail's database backend indexes every row with one text-search
configuration, and several backends with different configurations overwrite each
other's rows in the one shared index table (Wagtail issue 9253). The backend here is a
single backend that indexes each object with its own language's configuration (English
and Russian stemming; 'simple' for Kazakh and Kyrgyz, which PostgreSQL cannot stem)
and normalises a query with every configuration in use, so a row always meets the
query in its own language. The search page filters by locale, so a reader only sees
rows of the language being read. Other databases use Wagtail's stock backend.
"""

import copy
import operator
import re
from functools import reduce

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, Site

from .models import paginate

DEFAULT_SEARCH_CONFIGS = {"en": "english", "ru": "russian"}
# Tabs, newlines, NUL and other control characters: PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def max_query_length():
    return getattr(settings, "PRESSRELEASES_SEARCH_MAX_QUERY_LENGTH", 200)


class LanguageAwareIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_config = {}
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config.setdefault(self.backend.config_for_language(language), []).append(obj)
        for config, group in by_config.items():
            # A copy, so that searches running at the same time keep their configuration.
            backend = copy.copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, group)


class LanguageAwareQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.configs

    def build_tsquery(self, query, config=None):
        # Each row was indexed with its own language's configuration: the query,
        # normalised with each configuration in use, meets every row on its own terms.
        tsqueries = []
        for each_config in config if isinstance(config, tuple) else (config,):
            tsquery = super().build_tsquery(query, config=each_config)
            if tsquery is not None:
                tsqueries.append(tsquery)
        return reduce(operator.or_, tsqueries) if tsqueries else None


class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL full-text search that stems each language with its own configuration.

    SEARCH_CONFIGS maps a language code to a configuration; SEARCH_CONFIG (default
    'simple') serves every other language and objects without a locale.
    """

    query_compiler_class = LanguageAwareQueryCompiler
    index_class = LanguageAwareIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"
        self.language_configs = params.get("SEARCH_CONFIGS", DEFAULT_SEARCH_CONFIGS)
        self.configs = tuple(sorted({self.config, *self.language_configs.values()}))

    def config_for_language(self, language_code):
        language = (language_code or "").split("-")[0]
        return self.language_configs.get(language_code) or self.language_configs.get(
            language, self.config
        )


SearchBackend = LanguageAwarePostgresSearchBackend


def clean_query(raw):
    """The query without control characters or runs of spaces, cut to the maximum length."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())[: max_query_length()].strip()


def summary_of(page):
    return (
        getattr(page, "summary", "")
        or getattr(page, "listing_summary", "")
        or page.search_description
    )


# Never cached: each query counts a hit for the editors' search promotions.
@never_cache
def search(request):
    """Live, public pages of the language being read that match ?q=, promoted ones first."""
    query = clean_query(request.GET.get("q", ""))
    pages = Page.objects.live().public().filter(locale=Locale.get_active())
    site = Site.find_for_request(request)
    context = {
        "query": query,
        "max_query_length": max_query_length(),
        "navigation_page": site.root_page.localized if site else None,
        "promotions": [],
        "results": None,
        "hits": [],
        "search_failed": False,
    }
    if query:
        picks = Query.get(query)
        if not request.GET.get("page"):
            picks.add_hit()
        promotions = list(
            picks.editors_picks.filter(Q(page__isnull=True) | Q(page__in=pages))
            .select_related("page")
            .order_by("sort_order")
        )
        promoted_pages = [promotion.page_id for promotion in promotions if promotion.page_id]
        # Words only: the SQLite backend passes a double quote on to FTS5 unescaped, which
        # FTS5 refuses, and no backend gives it a meaning in a plain-text search.
        terms = " ".join(query.replace('"', " ").split())
        candidates = pages.exclude(pk__in=promoted_pages).specific()
        found = candidates.search(terms, operator="and") if terms else candidates.none()
        try:
            # A savepoint: a query the database refuses leaves the request usable.
            with transaction.atomic():
                results = paginate(request, found)
                context["hits"] = [
                    {
                        "page": page,
                        "type": page._meta.verbose_name,
                        "release_date": getattr(page, "release_date", None),
                        "summary": summary_of(page),
                    }
                    for page in results.object_list
                ]
        except DatabaseError:
            context["search_failed"] = True
        else:
            context["results"] = results
            context["promotions"] = promotions if results.number == 1 else []
    return TemplateResponse(request, "pressreleases/search_results.html", context)
