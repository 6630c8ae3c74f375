"""The sitemap: every live, public page of every language, with its translations as alternates."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


class LanguageTreesSitemap(Sitemap):
    """Wagtail's sitemap, widened from the site's root to every language's copy of it.

    Wagtail lists the descendants of the site's root page only, which here is the
    English home; the other languages' homes are its translations beside it.
    URLs are built on the requesting host, as the canonical links are, and each
    carries xhtml:link hreflang alternates for its live translations (one query
    for all of them), plus x-default for the default language's version.
    """

    @cached_property
    def live_pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_language_trees = reduce(
            or_, (Page.objects.descendant_of_q(root, inclusive=True) for root in roots)
        )
        return Page.objects.live().public().filter(in_language_trees).select_related("locale")

    def items(self):
        return self.live_pages.order_by("path")

    def _urls(self, page, protocol, domain):
        items = self.paginator.page(page).object_list
        translations = self.live_pages.filter(translation_key__in=items.values("translation_key"))
        versions = {}
        for translation in translations:
            versions.setdefault(translation.translation_key, []).append(
                {
                    "lang_code": translation.locale.language_code,
                    "location": self._absolute_url(translation, protocol, domain),
                }
            )

        urls = []
        for item in items:
            alternates = sorted(
                versions[item.translation_key],
                key=lambda version: LANGUAGE_ORDER.get(version["lang_code"], len(LANGUAGE_ORDER)),
            )
            default = [v for v in alternates if v["lang_code"] == settings.LANGUAGE_CODE]
            alternates += [{**version, "lang_code": "x-default"} for version in default]
            urls.append(
                {
                    "item": item,
                    "location": self._absolute_url(item, protocol, domain),
                    "lastmod": self.lastmod(item),
                    "alternates": alternates,
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def _absolute_url(self, page, protocol, domain):
        return f"{protocol}://{domain}{page.get_url(self.request)}"
