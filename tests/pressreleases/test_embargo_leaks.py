"""An embargoed draft stays hidden from editors without rights to it, in every admin view."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from .. import factories

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Embargoed figures on child poverty"


@pytest.fixture
def embargoed(django_user_model, client):
    english_index = factories.release_index(factories.media_centre("en"))
    factories.release_index(factories.media_centre("kk"))
    call_command("setup_mediacentre", stdout=io.StringIO())
    page = factories.release(english_index, 1, title=SECRET_TITLE, slug="figures", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    first = page.save_revision()
    first.publish()
    page.refresh_from_db()
    page.summary = "An edited lead."
    latest = page.save_revision()
    kazakh_editor = django_user_model.objects.create_user("editor-kk", password="pw")
    kazakh_editor.groups.add(Group.objects.get(name="Editors (Қазақша)"))
    client.force_login(kazakh_editor)
    return english_index, page, first, latest


def admin_urls(index, page, first, latest):
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "preview": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, first.pk]),
        "compare": reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, latest.pk]
        ),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.pk]),
        "chooser": reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q=Embargoed",
        "admin API detail": f"/admin/api/main/pages/{page.pk}/",
        "admin API listing": f"/admin/api/main/pages/?child_of={index.pk}",
        "explorer": reverse("wagtailadmin_explore", args=[index.pk]),
    }


@pytest.mark.parametrize(
    "view",
    [
        "edit",
        "preview",
        "revisions",
        "revision",
        "compare",
        "history",
        "copy",
        "chooser",
        "chooser search",
        "admin API detail",
        "admin API listing",
        "explorer",
    ],
)
def test_an_editor_of_another_language_cannot_see_the_embargoed_draft(client, embargoed, view):
    response = client.get(admin_urls(*embargoed)[view])
    assert SECRET_TITLE not in response.content.decode(), (view, response.status_code)


def test_those_who_may_edit_it_still_find_it_in_the_chooser(client, embargoed, django_user_model):
    index = embargoed[0]
    reviewer = django_user_model.objects.create_user("reviewer", password="pw")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    client.force_login(reviewer)
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[index.pk]))
    assert SECRET_TITLE in response.content.decode()
