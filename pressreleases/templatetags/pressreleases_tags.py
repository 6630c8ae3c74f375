"""Template tags of the media-centre add-on: its navigation, breadcrumbs and small helpers.

Every tag works on the page it is given, so it follows that page's locale; none
runs a query per item.
"""

from django import template
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.models import Page

from pressreleases.models import HONEYPOT_FIELD, MediaCentrePage
from pressreleases.snippets import tel_uri
from pressreleases.tree import lineage_for

register = template.Library()
register.filter("tel_uri", tel_uri)


def _current_page(context, page):
    page = context.get("page") if page is None else page
    return page if isinstance(page, Page) else None


def media_centre_pages(page, lineage=None):
    """The page's media centre, then its live, in-menu sections, in tree order.

    The media centre is the page itself or its ancestor or, for a page above
    any media centre such as a language's home page, its child. The request's
    lineage, when it holds the page, may have it among the ancestors; otherwise a
    query finds it.
    """
    centre = _centre_in_lineage(page, lineage) if lineage is not None else None
    if centre is None:
        # Two plain queries, not one with the centre as a subquery: PostgreSQL takes
        # several milliseconds to plan that one, on every request.
        tree = Page.objects
        centre = (
            tree.live()
            .type(MediaCentrePage)
            .filter(locale_id=page.locale_id)
            .filter(tree.ancestor_of_q(page, inclusive=True) | tree.child_of_q(page))
            # An ancestor's path is shorter than a child's, so an ancestor wins.
            .order_by("depth", "path")
            .first()
        )
    if centre is None:
        return []
    return [centre, *Page.objects.child_of(centre).live().in_menu().order_by("path")]


def _centre_in_lineage(page, lineage):
    """The shallowest live media centre among the page and its ancestors, as fetched."""
    ancestors = lineage.ancestors(page) or []
    for candidate in [*ancestors, lineage.by_path[page.path]]:
        if candidate.live and issubclass(candidate.specific_class, MediaCentrePage):
            return candidate
    return None


@register.inclusion_tag("pressreleases/includes/navigation.html", takes_context=True)
def media_centre_navigation(context, page=None):
    """The media centre and its sections, with the reader's place marked by aria-current."""
    page = _current_page(context, page)
    if page is None or not page.pk:
        return {"links": []}
    request = context.get("request")
    links = []
    for position, item in enumerate(media_centre_pages(page, lineage_for(request, page))):
        if item.pk == page.pk:
            current = "page"
        elif position and page.path.startswith(item.path):
            current = "true"
        else:
            current = None
        links.append({"title": item.title, "url": item.get_url(request), "current": current})
    return {"links": links}


@register.inclusion_tag("pressreleases/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_label=None):
    """Links from the language's home page down to the page (at most one query).

    With current_label (e.g. a year on an archive) the page itself becomes a
    link and the label is shown as where the reader is.
    """
    page = _current_page(context, page)
    if page is None or not page.pk or page.depth <= 2:
        return {"ancestors": [], "current": None}
    request = context.get("request")
    lineage = lineage_for(request, page)
    if lineage is not None:
        pages = [a for a in lineage.ancestors(page) if a.depth >= 2 and a.live]
    else:
        pages = Page.objects.ancestor_of(page).filter(depth__gte=2).live().order_by("depth")
    ancestors = [{"title": ancestor.title, "url": ancestor.get_url(request)} for ancestor in pages]
    if current_label:
        ancestors.append({"title": page.title, "url": page.get_url(request)})
        current = current_label
    else:
        current = page.title
    return {"ancestors": ancestors, "current": current}


@register.simple_tag
def page_range(page_obj):
    """Page numbers around the current one, with an ellipsis for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag
def video_embed(video):
    """The embed for a video block's address, or None when it cannot be fetched.

    Wagtail's own embed template wraps the player in an inline style, which a
    strict Content-Security-Policy forbids, so templates render embed.html in
    their own wrapper instead.
    """
    if not video or not getattr(video, "url", None):
        return None
    try:
        return embeds.get_embed(
            video.url, getattr(video, "max_width", None), getattr(video, "max_height", None)
        )
    except EmbedException:
        return None


@register.filter
def choice_label(bound_block):
    """The reader-facing label of a ChoiceBlock's value, e.g. {{ value.bound_blocks.kind|choice_label }}."""
    choices = dict(bound_block.block.field.choices)
    return choices.get(bound_block.value, bound_block.value or "")


@register.filter
def is_honeypot(field):
    return field.name == HONEYPOT_FIELD
