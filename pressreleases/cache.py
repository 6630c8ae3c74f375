"""Purge the cached pages that show a page or snippet when it changes.

Each change becomes one PurgeBatch of Wagtail's frontend cache (wagtail.contrib.frontend_cache),
sent to every backend in WAGTAILFRONTENDCACHE (a site's own page cache, a CDN) once the
change is committed, so no reader can cache the old content again in between. Nothing is
done when no backend is configured.

What shows a page:
- the page itself, at every route it answers (PressReleaseIndexPage.get_cached_paths);
- its parent, which lists it, and for a press release the media centre's "Latest news"
  and every year archive the release was ever dated in;
- its descendants, whose breadcrumbs carry its title and whose URLs carry its slug;
- the media-centre navigation, when the page is the media centre or one of its sections:
  every page of that media centre and the page above it (the language's home page);
- its translations, whose language switchers link to it, and below them, when the page
  has children, the pages whose switchers may fall back to it;
- pages that link to it (related pages, links in rich text), from Wagtail's reference index;
- the site-wide paths in PRESSRELEASES_CACHE_SITE_PATHS, such as the sitemap.

Contacts and topics are found through the reference index, a topic's archives by its slug,
and the boilerplate is shown by every release of its language.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from .snippets import Boilerplate, Contact, Topic

TOPIC_ROUTES = ("topic_archive", "topic_rss_feed", "topic_atom_feed")


def site_paths():
    return getattr(settings, "PRESSRELEASES_CACHE_SITE_PATHS", [])


def referencing_pages(obj):
    """Live pages whose current content refers to `obj`, from Wagtail's reference index."""
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(page_id) for page_id in page_ids])


def pages_showing(page):
    """The live pages other than `page` itself that show something of it (see above)."""
    from .models import MediaCentrePage, PressReleasePage

    tree = Page.objects
    shown_by = [
        tree.parent_of_q(page),
        tree.descendant_of_q(page),
        tree.translation_of_q(page, inclusive=False),
        Q(pk__in=referencing_pages(page).values("pk")),
    ]
    if isinstance(page, PressReleasePage):
        shown_by.append(tree.ancestor_of_q(page) & tree.type_q(MediaCentrePage))
    centre = (
        MediaCentrePage.objects.filter(tree.ancestor_of_q(page, inclusive=True))
        .filter(depth__gte=page.depth - 1)
        .first()
    )
    if centre is not None:
        shown_by += [tree.descendant_of_q(centre, inclusive=True), tree.parent_of_q(centre)]
    if page.numchild:
        shown_by += [
            tree.descendant_of_q(translation)
            for translation in page.get_translations().only("path", "depth")
        ]
    return tree.live().filter(reduce(or_, shown_by)).exclude(pk=page.pk)


def release_year_urls(release, cache_object):
    """Every year archive the release was ever dated in, so a changed date leaves none behind."""
    index = release.get_parent().specific_deferred
    index_url = index.get_full_url(cache_object)
    if index_url is None:
        return []
    dates = {str(release.release_date or "")} | set(
        release.revisions.values_list("content__release_date", flat=True)
    )
    years = {int(date[:4]) for date in dates if date}
    return [index_url + index.reverse_subpage("year_archive", args=[year]) for year in years]


def add_site_paths(batch, page):
    url_parts = page.get_url_parts(batch)
    if url_parts is not None:
        batch.add_urls(url_parts[1] + path for path in site_paths())


def page_batch(page):
    from .models import PressReleasePage

    page = page.specific_deferred
    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_pages(pages_showing(page))
    if isinstance(page, PressReleasePage):
        batch.add_urls(release_year_urls(page, batch))
    add_site_paths(batch, page)
    return batch


def purge_on_commit(batch):
    if batch.urls:
        transaction.on_commit(batch.purge)


def purging_enabled():
    return bool(get_backends())


def purge_page(instance, **kwargs):
    """Published, unpublished (deleting a live page unpublishes it first), or moved: purged
    before a move at its old place and after it at its new one."""
    if purging_enabled():
        purge_on_commit(page_batch(instance))


def purge_old_urls(instance, instance_before, **kwargs):
    """A new slug: the addresses under the old one."""
    if not purging_enabled():
        return
    old_url = instance_before.get_full_url()
    new_url = instance.get_full_url()
    if old_url is None or new_url is None:
        return
    moved = PurgeBatch()
    moved.add_page(instance)
    moved.add_pages(instance.get_descendants().live())
    batch = PurgeBatch(url.replace(new_url, old_url, 1) for url in moved.urls)
    purge_on_commit(batch)


def purge_snippet(sender, instance, **kwargs):
    """A contact, topic or boilerplate saved (or translated) or deleted."""
    from .models import PressReleaseIndexPage, PressReleasePage

    if not purging_enabled():
        return
    batch = PurgeBatch()
    if isinstance(instance, Boilerplate):
        batch.add_pages(PressReleasePage.objects.live().filter(locale_id=instance.locale_id))
    else:
        batch.add_pages(referencing_pages(instance))
    if isinstance(instance, Topic):
        # Its archives and their feeds show its name, and so do the index feeds' categories.
        routes = [(route, [instance.slug]) for route in TOPIC_ROUTES]
        routes += [("rss_feed", []), ("atom_feed", [])]
        for index in PressReleaseIndexPage.objects.live().filter(locale_id=instance.locale_id):
            index_url = index.get_full_url(batch)
            if index_url is not None:
                batch.add_urls(
                    index_url + index.reverse_subpage(route, args=args) for route, args in routes
                )
    purge_on_commit(batch)


def connect():
    for signal in (page_published, page_unpublished, pre_page_move, post_page_move):
        signal.connect(purge_page, dispatch_uid=f"pressreleases.cache.{id(signal)}")
    page_slug_changed.connect(purge_old_urls, dispatch_uid="pressreleases.cache.slug")
    for model in (Contact, Topic, Boilerplate):
        for signal in (post_save, pre_delete):
            signal.connect(
                purge_snippet,
                sender=model,
                dispatch_uid=f"pressreleases.cache.{model.__name__}.{id(signal)}",
            )
