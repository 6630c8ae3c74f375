"""Page-tree look-ups whose cost does not grow with the depth of the page or the size of a listing.

Wagtail routes a request with two queries per path segment and checks view
restrictions and builds ``public()`` listings with queries of their own. Here one
query fetches a request's "lineage" (the pages on its path, their ancestors and
their live translations), which routing, the view-restriction check, breadcrumbs
and the language switcher then share.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction

LINEAGE_ATTRIBUTE = "_pressreleases_lineage"


def exclude_private(queryset):
    """``queryset.public()`` as a subquery, without Wagtail's query for the private sections."""
    page_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted_ancestor = PageViewRestriction.objects.filter(
        StartsWith(page_path, F("page__path"))
    )
    return queryset.exclude(Exists(restricted_ancestor))


def ancestor_paths(page, inclusive=True):
    """Tree paths of the page's ancestors, the root first: no query needed."""
    end = len(page.path) + (1 if inclusive else 0)
    return [page.path[:length] for length in range(Page.steplen, end, Page.steplen)]


class Lineage:
    """The pages on one requested path, the routing root's ancestors, and their live translations."""

    def __init__(self, root, path_components):
        self.target = root.url_path + "".join(f"{slug}/" for slug in path_components)
        url_paths = [
            root.url_path + "".join(f"{slug}/" for slug in path_components[:length])
            for length in range(1, len(path_components) + 1)
        ]
        # Each arm can use an index (path, slug), however large the site.
        on_path = Q(path__in=ancestor_paths(root)) | Q(
            slug__in=path_components, path__startswith=root.path, url_path__in=url_paths
        )
        # Every page sharing a translation key with a page on the path: those pages
        # themselves, live or not, and their live translations. A semi-join on the
        # translation key, not an OR with it, so the database looks up a few keys
        # rather than reading every page.
        keys_on_path = Page.objects.filter(on_path).values("translation_key")
        restricted = PageViewRestriction.objects.filter(
            Q(page_id=OuterRef("pk")) | Q(page_id=OuterRef("alias_of_id"))
        )
        pages = list(
            Page.objects.filter(translation_key__in=Subquery(keys_on_path))
            .filter(Q(live=True) | on_path)
            .select_related("locale")
            .annotate(has_view_restriction=Exists(restricted))
            .order_by("depth", "path")
        )
        self.pages = pages
        self.by_path = {page.path: page for page in pages}

    def covers(self, page, path_components):
        return page.url_path + "".join(f"{slug}/" for slug in path_components) == self.target

    def child(self, parent, slug):
        """The parent's child with this slug, as Page.route() finds it, or None if not fetched."""
        return next(
            (
                page
                for page in self.pages
                if page.slug == slug and page.path[: -Page.steplen] == parent.path
            ),
            None,
        )

    def ancestors(self, page):
        """The page's ancestors, root first, or None when some of them were not fetched."""
        ancestors = [self.by_path.get(path) for path in ancestor_paths(page, inclusive=False)]
        return None if None in ancestors else ancestors

    def has_view_restrictions(self, page):
        """Whether the page or an ancestor (or the page it is an alias of) may be private."""
        ancestors = self.ancestors(page)
        if ancestors is None or page.path not in self.by_path:
            return True
        return any(p.has_view_restriction for p in [*ancestors, self.by_path[page.path]])

    def language_versions(self, page):
        """Live pages, shallowest first, that translate the page or one of its ancestors from depth 2."""
        if self.ancestors(page) is None or page.path not in self.by_path:
            return None
        keys = {
            self.by_path[path].translation_key
            for path in ancestor_paths(page)
            if len(path) >= 2 * Page.steplen
        }
        return [p for p in self.pages if p.live and p.translation_key in keys]


def lineage_for(request, page):
    """The lineage fetched while routing this request, if it holds the page; else None."""
    lineage = getattr(request, LINEAGE_ATTRIBUTE, None) if request is not None else None
    if lineage is None or getattr(page, "path", None) not in lineage.by_path:
        return None
    return lineage


class TreeRoutingMixin:
    """Route through pages fetched for the whole path in one query, not two per path segment.

    The page where routing starts (the site's root page) fetches the request's
    Lineage; each page on the way finds its child there and carries on with that
    child's own route(), so routable pages, withdrawn releases, aliases, unpublished
    pages and 404s behave as with Wagtail's routing. A child that is not found there
    is looked up as Wagtail does.
    """

    # Relations the page's template always shows, fetched with the page when it is served.
    route_select_related = ()

    def route(self, request, path_components):
        lineage = getattr(request, LINEAGE_ATTRIBUTE, None)
        if lineage is None or not lineage.covers(self, path_components):
            lineage = Lineage(self, path_components)
            setattr(request, LINEAGE_ATTRIBUTE, lineage)
            result = self._route_through(request, lineage, path_components)
            self._finish_route(lineage, result.page)
            return result
        return self._route_through(request, lineage, path_components)

    def _route_through(self, request, lineage, path_components):
        child = lineage.child(self, path_components[0]) if path_components else None
        if child is None:
            return super().route(request, path_components)
        child = child.specific_deferred
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    @staticmethod
    def _finish_route(lineage, page):
        # The routed page came from the lineage with only its Page fields: fetch the rest.
        deferred = page.get_deferred_fields()
        if deferred:
            related = getattr(page, "route_select_related", ())
            parent = getattr(page, "_cached_parent_obj", None)
            page.refresh_from_db(
                fields=deferred,
                from_queryset=type(page)._base_manager.select_related(*related),
            )
            # Treebeard forgets the parent on a refresh; routing found it already.
            if parent is not None:
                page._cached_parent_obj = parent
        page._known_public = not lineage.has_view_restrictions(page)

    def get_view_restrictions(self):
        if getattr(self, "_known_public", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
