"""The roles `setup_mediacentre` sets up, cell by cell, as each person's requests to the admin.

Each demo role signs in through the admin's sign-in page (the reviewer with an
authenticator code) and asks for what their work needs; the answer is the cell. The
table itself is in the README ("Who may do what").
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from pressreleases.models import Boilerplate, Topic

from .. import factories
from ..security.accounts import sign_in_as_member
from ..test_uploads import photo_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

LANGUAGES = ["en", "ru", "kk", "ky"]
ROLES = {
    "editor": "Editors",
    "editor-kk": "Editors (Қазақша)",
    "reviewer": "Reviewers",
}


@pytest.fixture
def two_factor_required():
    with override_settings(MEDIACENTRE_2FA_REQUIRED=True):
        yield


@pytest.fixture
def site():
    """A media centre per language with a release, and a topic and boilerplate in each."""
    releases, topics = {}, {}
    for language in LANGUAGES:
        index = factories.release_index(factories.media_centre(language))
        releases[language] = factories.release(index, 1, slug="release")
        topics[language] = Topic.objects.create(
            locale=factories.locale(language),
            name=f"Education ({language})",
            slug="education",
            **({"translation_key": topics["en"].translation_key} if topics else {}),
        )
        Boilerplate.objects.create(
            locale=factories.locale(language), title="About us", text=f"<p>{language}</p>"
        )
    call_command("setup_mediacentre", stdout=io.StringIO())
    return releases, topics


def turned_away(response):
    """Wagtail's admin answers a refused request with its dashboard and "Sorry, you do not
    have permission"."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def upload_image(client):
    client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Pupils in Osh",
            "file": SimpleUploadedFile("pupils.jpg", photo_bytes(), "image/jpeg"),
            "credit": "© UNICEF/Kyrgyzstan",
            "collection": 1,
            "tags": "",
            "alt_text": "Pupils at their desks",
            "shows_identifiable_child": "False",
        },
    )
    return get_image_model().objects.filter(title="Pupils in Osh").exists()


def upload_document(client):
    client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Annual report",
            "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", "application/pdf"),
            "collection": 1,
            "tags": "",
        },
    )
    return get_document_model().objects.filter(title="Annual report").exists()


def delete_image(client):
    """Someone else's image; an editor may change and delete only their own uploads."""
    image = factories.make_image(title="Old photo")
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    return not get_image_model().objects.filter(pk=image.pk).exists()


def edit_own_upload(client):
    image = get_image_model().objects.get(title="Pupils in Osh")
    url = reverse("wagtailimages:edit", args=[image.pk])
    client.post(
        url,
        {
            "title": image.title,
            "credit": image.credit,
            "collection": 1,
            "tags": "",
            "alt_text": image.default_alt_text,
            "shows_identifiable_child": "True",
            "consent_on_record": "on",
        },
    )
    image.refresh_from_db()
    return image.consent_on_record


def offered_translation_languages(client, release):
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[release.pk]))
    if response.status_code != 200:
        return set()
    offered = re.findall(r'name="locales" value="(\d+)"', response.content.decode())
    return set(Locale.objects.filter(pk__in=offered).values_list("language_code", flat=True))


def edits_topic(client, topic):
    url = reverse("wagtailsnippets_pressreleases_topic:edit", args=[topic.pk])
    if client.get(url).status_code != 200:
        return False
    client.post(url, {"name": "Changed", "slug": topic.slug, "action-submit": "Submit"})
    topic.refresh_from_db()
    # Submitted for review: the live row keeps the reader's version.
    assert topic.name != "Changed"
    return topic.latest_revision is not None and (
        topic.latest_revision.content["name"] == "Changed"
    )


def can_publish_topic(client, topic):
    url = reverse("wagtailsnippets_pressreleases_topic:edit", args=[topic.pk])
    return 'name="action-publish"' in client.get(url).content.decode()


def cells(client, site):
    releases, topics = site
    return {
        "images: list": client.get(reverse("wagtailimages:index")).status_code == 200,
        "images: chooser has upload": "upload"
        in (client.get(reverse("wagtailimages_chooser:choose")).content.decode().lower()),
        "images: upload": upload_image(client),
        "images: record consent on own upload": edit_own_upload(client),
        "images: delete another's": delete_image(client),
        "documents: upload": upload_document(client),
        "translate en release into": offered_translation_languages(client, releases["en"]),
        "translate kk release into": offered_translation_languages(client, releases["kk"]),
        "topics: edit en": edits_topic(client, topics["en"]),
        "topics: edit kk": edits_topic(client, topics["kk"]),
        "topics: publish kk": can_publish_topic(client, topics["kk"]),
        "translation status report": (
            client.get(reverse("pressreleases_translation_status")).status_code == 200
        ),
    }


EXPECTED = {
    "editor": {
        "images: list": True,
        "images: chooser has upload": True,
        "images: upload": True,
        "images: record consent on own upload": True,
        "images: delete another's": False,
        "documents: upload": True,
        # The fixture's releases are not translations of one another.
        "translate en release into": {"ru", "kk", "ky"},
        "translate kk release into": {"en", "ru", "ky"},
        "topics: edit en": True,
        "topics: edit kk": True,
        "topics: publish kk": False,
        "translation status report": True,
    },
    "editor-kk": {
        "images: list": True,
        "images: chooser has upload": True,
        "images: upload": True,
        "images: record consent on own upload": True,
        "images: delete another's": False,
        "documents: upload": True,
        "translate en release into": {"kk"},
        "translate kk release into": set(),
        "topics: edit en": False,
        "topics: edit kk": True,
        "topics: publish kk": False,
        "translation status report": True,
    },
    "reviewer": {
        "images: list": True,
        "images: chooser has upload": True,
        "images: upload": True,
        "images: record consent on own upload": True,
        "images: delete another's": True,
        "documents: upload": True,
        "translate en release into": {"ru", "kk", "ky"},
        "translate kk release into": {"en", "ru", "ky"},
        "topics: edit en": True,
        "topics: edit kk": True,
        "topics: publish kk": True,
        "translation status report": True,
    },
}


@pytest.mark.parametrize("username", list(ROLES))
def test_each_role_can_do_its_daily_work_and_no_more(client, django_user_model, site, username):
    sign_in_as_member(client, django_user_model, username, ROLES[username])
    assert cells(client, site) == EXPECTED[username]


@pytest.fixture
def english_only(site):
    """An English release whose other languages do not exist yet."""
    index = site[0]["en"].get_parent()
    return factories.release(index, 2, slug="new-release")


@pytest.mark.parametrize(
    ("username", "languages"),
    [("editor", {"ru", "kk", "ky"}), ("editor-kk", {"kk"}), ("reviewer", {"ru", "kk", "ky"})],
)
def test_translate_offers_only_the_languages_the_person_edits(
    client, django_user_model, english_only, username, languages
):
    sign_in_as_member(client, django_user_model, username, ROLES[username])
    assert offered_translation_languages(client, english_only) == languages


def test_a_kazakh_editor_cannot_translate_into_a_language_they_do_not_edit(
    client, django_user_model, english_only
):
    sign_in_as_member(client, django_user_model, "editor-kk", ROLES["editor-kk"])
    russian = factories.locale("ru")

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[english_only.pk]),
        {"locales": [russian.pk]},
    )

    assert response.status_code == 200
    assert english_only.get_translation_or_none(russian) is None


def test_a_kazakh_editor_asked_for_an_english_topic_form_gets_the_kazakh_one(
    client, django_user_model, site
):
    sign_in_as_member(client, django_user_model, "editor-kk", ROLES["editor-kk"])
    add_url = reverse("wagtailsnippets_pressreleases_topic:add")

    response = client.get(add_url + "?locale=en")
    assert response.status_code == 302
    assert response["Location"] == add_url + "?locale=kk"

    refused = client.post(add_url + "?locale=en", {"name": "Health", "slug": "health"})
    assert turned_away(refused)
    assert not Topic.objects.filter(slug="health").exists()


def test_a_kazakh_editor_cannot_change_or_delete_an_english_topic(client, django_user_model, site):
    _releases, topics = site
    sign_in_as_member(client, django_user_model, "editor-kk", ROLES["editor-kk"])
    edit_url = reverse("wagtailsnippets_pressreleases_topic:edit", args=[topics["en"].pk])

    assert turned_away(client.get(edit_url))
    assert turned_away(client.post(edit_url, {"name": "Білім", "slug": "education"}))

    topics["en"].refresh_from_db()
    assert topics["en"].name == "Education (en)"
    assert topics["en"].latest_revision is None


def test_a_kazakh_editor_lists_the_kazakh_topics_only(client, django_user_model, site):
    sign_in_as_member(client, django_user_model, "editor-kk", ROLES["editor-kk"])

    listing = client.get(reverse("wagtailsnippets_pressreleases_topic:list")).content.decode()

    assert "Education (kk)" in listing
    assert "Education (en)" not in listing and "Education (ru)" not in listing
