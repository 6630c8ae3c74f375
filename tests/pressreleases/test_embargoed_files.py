"""A report or photo attached to an embargoed or draft release is not the public's until the
release is: the API neither lists nor finds it, and its download address answers 404."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from .. import factories
from ..security.accounts import sign_in_as_member

pytestmark = pytest.mark.django_db


def make_document(title):
    slug = title.lower().replace(" ", "-")
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 " + slug.encode(), name=f"{slug}.pdf")
    )


def with_document(document):
    return [("document", {"document": document, "label": ""})]


@pytest.fixture
def documents():
    """A report on a live release, one on an embargoed release, one on a draft, one on no
    page yet (uploaded for a release still being written)."""
    index = factories.release_index(factories.media_centre("en"))
    public = make_document("Annual report")
    embargoed = make_document("Embargoed survey")
    drafted = make_document("Draft findings")
    unattached = make_document("Coming soon")
    factories.release(index, 1, body=with_document(public))
    page = factories.release(index, 2, body=with_document(embargoed), live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()
    factories.release(index, 3, body=with_document(drafted), live=False)
    return public, embargoed, drafted, unattached


def listed(client, query=""):
    response = client.get(f"/api/v2/documents/{query}")
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_only_documents_of_live_pages_are_listed_found_or_downloaded(client, documents):
    public, *hidden = documents

    assert listed(client) == {"Annual report"}
    assert client.get(f"/api/v2/documents/{public.pk}/").status_code == 200
    response = client.get(public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 annual-report"
    for document in hidden:
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
        assert client.get(document.url).status_code == 404


def test_the_embargoed_report_becomes_public_with_its_release(client, documents):
    _public, embargoed, *_ = documents
    page = factories.PressReleasePage.objects.get(slug="release-2")
    page.go_live_at = None
    page.save_revision().publish()

    assert "Embargoed survey" in listed(client)
    assert client.get(embargoed.url).status_code == 200


def test_the_editor_who_attached_it_still_downloads_it(client, django_user_model, documents):
    call_command("setup_mediacentre", stdout=io.StringIO())
    _public, embargoed, drafted, unattached = documents
    sign_in_as_member(client, django_user_model, "editor", "Editors")

    for document in (embargoed, drafted, unattached):
        assert client.get(document.url).status_code == 200


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_the_media_endpoints_can_be_searched(client, documents, endpoint):
    index = factories.PressReleaseIndexPage.objects.get()
    factories.release(index, 4, image=factories.make_image("Annual school photo"))

    response = client.get(f"/api/v2/{endpoint}/?search=annual")

    assert response.status_code == 200, response.content
    [item] = response.json()["items"]
    assert item["title"] in {"Annual report", "Annual school photo"}
    assert client.get(f"/api/v2/{endpoint}/?search=embargoed").json()["items"] == []
