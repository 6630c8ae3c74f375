"""Images and documents are the public's once a live, public page shows them.

The library also holds the photos and reports of drafts and embargoed releases, and of
releases still being written. Wagtail's reference index records what each page's live row
shows, so a file is public exactly while some live page without a view restriction uses it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry


def shown_on_public_pages(model):
    """The primary keys of `model`'s objects a live, public page shows, as a subquery."""
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=Page.objects.live().public().values(key=Cast("pk", CharField())),
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(shown_pk=Cast("to_object_id", IntegerField()))
        .values("shown_pk")
    )


def refuse_unpublished_document(document, request):
    """`before_serve_document`: a document no public page shows yet is not found, except by
    those who work with documents. A restricted collection keeps its own rule, applied first
    by Wagtail."""
    if document.collection.get_view_restrictions().exists():
        return None
    policy = policy_registry.get_by_type(type(document))
    if policy.user_has_any_permission_for_instance(
        request.user, ["add", "change", "choose"], document
    ):
        return None
    if (
        not type(document)
        .objects.filter(pk=document.pk, pk__in=shown_on_public_pages(type(document)))
        .exists()
    ):
        raise Http404
    return None
