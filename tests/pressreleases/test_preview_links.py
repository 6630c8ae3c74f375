import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from pressreleases.preview_links import PreviewLink, PreviewLinkVisit, new_token

from .. import factories
from ..html import text

pytestmark = pytest.mark.django_db

EMBARGO = datetime.datetime(2030, 5, 17, 10, 0)


@pytest.fixture
def index():
    index = factories.release_index(factories.media_centre("en"))
    call_command("setup_mediacentre", stdout=io.StringIO())
    return index


def scheduled(page, **fields):
    """Approve the page's current content for the embargo hour, as a reviewer's approval does."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def release(index):
    page = factories.release(
        index,
        live=False,
        title="Budget for children doubles",
        summary="The approved lead paragraph.",
        go_live_at=timezone.make_aware(EMBARGO),
    )
    return scheduled(page)


def link_to(page, **fields):
    return PreviewLink.objects.create(
        page=page,
        expires_at=fields.pop("expires_at", timezone.now() + datetime.timedelta(days=1)),
        **fields,
    )


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def assert_private(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_valid_link_shows_the_approved_release_under_an_embargo_banner(client, release):
    assert not release.live and release.scheduled_revision
    link = link_to(release)

    response = client.get(f"/en/preview/{link.token}/")

    assert response.status_code == 200
    page_text = text(response.content.decode())
    assert "EMBARGOED until 17 May 2030, 10:00 (UTC+05:00)" in page_text
    assert "Budget for children doubles" in page_text
    assert "The approved lead paragraph." in page_text
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert_private(response)
    [visit] = PreviewLinkVisit.objects.all()
    assert (visit.link, visit.status_code, visit.language) == (link, 200, "en")


def test_a_draft_edited_after_approval_does_not_leak(client, release):
    release.summary = "An unapproved draft paragraph."
    release.save_revision()
    link = link_to(release)

    page_text = text(client.get(f"/en/preview/{link.token}/").content.decode())

    assert "The approved lead paragraph." in page_text
    assert "unapproved draft" not in page_text


def test_a_release_never_approved_is_not_shown(client, index):
    draft = factories.release(index, live=False, summary="Nobody has reviewed this.")
    draft.save_revision()
    link = link_to(draft)

    response = client.get(f"/en/preview/{link.token}/")

    assert response.status_code == 404
    assert "Nobody has reviewed this." not in response.content.decode()
    assert_private(response)


def test_a_live_release_shows_its_live_version_without_an_embargo(client, index):
    page = factories.release(index, title="Already public", summary="The live lead.")
    link = link_to(page)

    page_text = text(client.get(f"/en/preview/{link.token}/").content.decode())

    assert "The live lead." in page_text
    assert "Advance copy for journalists" in page_text
    assert "EMBARGOED" not in page_text


def test_an_expired_link_shows_a_notice_not_the_release(client, release):
    link = link_to(release, expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = client.get(f"/en/preview/{link.token}/")

    assert response.status_code == 410
    page_text = text(response.content.decode())
    assert "This preview link has expired." in page_text
    assert "Budget for children doubles" not in page_text
    assert "The approved lead paragraph." not in page_text
    assert_private(response)
    assert PreviewLinkVisit.objects.get().status_code == 410


def test_a_revoked_link_shows_a_notice_not_the_release(client, release):
    link = link_to(release)
    link.revoke()

    response = client.get(f"/en/preview/{link.token}/")

    assert response.status_code == 410
    assert "The press office has withdrawn this preview link." in text(response.content.decode())
    assert "The approved lead paragraph." not in response.content.decode()
    assert_private(response)


@pytest.mark.parametrize(
    "path",
    ["/en/preview/not-a-token/", "/en/preview/%00%3Cscript%3E/", "/en/preview/" + "A" * 300 + "/"],
)
def test_an_unknown_or_garbled_token_is_not_found(client, release, path):
    link_to(release)

    response = client.get(path)

    assert response.status_code == 404
    assert "There is no preview at this address." in text(response.content.decode())
    assert "The approved lead paragraph." not in response.content.decode()
    assert_private(response)


def test_a_token_is_long_random_and_unique(release):
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    link = link_to(release)
    # 32 random bytes in URL-safe base64: 43 characters, 256 bits.
    assert len(link.token) >= 43
    assert set(link.token) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    assert link_to(release).token != link.token
    with pytest.raises(IntegrityError):
        PreviewLink.objects.create(page=release, token=link.token, expires_at=link.expires_at)


def test_an_all_translations_link_shows_each_language(client, release):
    russian = release.copy_for_translation(factories.locale("ru"), copy_parents=True)
    scheduled(russian, title="Бюджет для детей удвоился", summary="Одобренный первый абзац.")
    link = link_to(release, all_translations=True)

    english = client.get(f"/en/preview/{link.token}/")
    response = client.get(f"/ru/preview/{link.token}/")

    assert "The approved lead paragraph." in text(english.content.decode())
    assert response.status_code == 200
    page_text = text(response.content.decode())
    assert "Одобренный первый абзац." in page_text
    # The embargo hour in Russian date order (the banner's words follow the catalogue).
    assert "17 мая 2030 г., 10:00 (UTC+05:00)" in page_text
    assert f'href="/en/preview/{link.token}/"' in response.content.decode()
    assert client.get(f"/kk/preview/{link.token}/").status_code == 404
    assert list(PreviewLinkVisit.objects.order_by("pk").values_list("language", flat=True)) == [
        "en",
        "ru",
    ]


def test_a_one_language_link_shows_no_other_language(client, release):
    russian = release.copy_for_translation(factories.locale("ru"), copy_parents=True)
    scheduled(russian, summary="Одобренный первый абзац.")
    link = link_to(release)

    response = client.get(f"/ru/preview/{link.token}/")

    assert response.status_code == 404
    assert "Одобренный первый абзац." not in response.content.decode()


def test_editors_cannot_create_or_revoke_links(client, django_user_model, release):
    link = link_to(release)
    client.force_login(member(django_user_model, "editor", "Editors"))
    url = reverse("pressreleases_preview_links", args=[release.pk])
    revoke = reverse("pressreleases_revoke_preview_link", args=[release.pk, link.pk])

    # Wagtail's admin answers a refused permission with its dashboard and a message.
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission to access this area." in text(
        response.content.decode()
    )
    assert link.token not in response.content.decode()
    # A script asking for it gets a plain 403.
    assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403

    client.post(url, {"expires_at": "2030-05-17 10:00"})
    client.post(revoke)

    assert PreviewLink.objects.get() == link
    link.refresh_from_db()
    assert link.is_active


def test_a_reviewer_creates_lists_and_revokes_links(client, django_user_model, release):
    reviewer = member(django_user_model, "reviewer", "Reviewers")
    client.force_login(reviewer)
    url = reverse("pressreleases_preview_links", args=[release.pk])

    form = client.get(url)
    assert form.status_code == 200
    # The embargo hour is offered as the default expiry.
    assert "2030-05-17 10:00" in form.content.decode()

    response = client.post(url, {"expires_at": "2030-05-17 10:00", "all_translations": "on"})
    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert (link.page_id, link.created_by, link.all_translations) == (release.pk, reviewer, True)
    assert link.expires_at == timezone.make_aware(EMBARGO)

    client.get(f"/en/preview/{link.token}/")
    listing = client.get(url).content.decode()
    assert f"http://localhost/en/preview/{link.token}/" in listing
    assert "17 May 2030, 10:00" in text(listing)
    assert "Active" in text(listing)

    revoke = reverse("pressreleases_revoke_preview_link", args=[release.pk, link.pk])
    assert client.get(revoke).status_code == 405
    assert client.post(revoke).status_code == 302
    link.refresh_from_db()
    assert link.is_revoked
    assert "Revoked" in text(client.get(url).content.decode())


def test_a_link_cannot_expire_in_the_past(client, django_user_model, release):
    client.force_login(member(django_user_model, "reviewer", "Reviewers"))
    url = reverse("pressreleases_preview_links", args=[release.pk])

    response = client.post(url, {"expires_at": "2001-01-01 10:00"})

    assert response.status_code == 200
    assert "Choose a time in the future." in text(response.content.decode())
    assert not PreviewLink.objects.exists()


def test_the_release_menu_offers_preview_links_to_reviewers_only(
    client, django_user_model, release
):
    url = reverse("pressreleases_preview_links", args=[release.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[release.pk])

    client.force_login(member(django_user_model, "reviewer", "Reviewers"))
    assert url in client.get(edit).content.decode()
    client.force_login(member(django_user_model, "editor", "Editors"))
    assert url not in client.get(edit).content.decode()


def test_the_not_found_notice_is_in_the_readers_language(client, release):
    response = client.get("/ru/preview/" + "A" * 300 + "/")
    assert response.status_code == 404
    assert "Предварительный просмотр не найден" in text(response.content.decode())


def test_the_form_has_its_date_picker_and_each_link_a_copy_button(
    client, django_user_model, release
):
    client.force_login(member(django_user_model, "reviewer", "Reviewers"))
    url = reverse("pressreleases_preview_links", args=[release.pk])
    link = link_to(release)

    html = client.get(url).content.decode()

    # The widget starts its picker with the script Wagtail ships for it.
    assert "/static/wagtailadmin/js/date-time-chooser.js" in html
    assert 'initDateTimeChooser("id_expires_at"' in html
    # The whole link, in a field that wraps, and Wagtail's copy button for it.
    assert f">http://localhost/en/preview/{link.token}/</textarea>" in html
    assert 'data-w-clipboard-target="value"' in html
    assert 'data-action="w-clipboard#copy"' in html
    assert "Copy link" in text(html)
