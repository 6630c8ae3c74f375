"""The translation status report and the dashboard panel of out-of-date translations."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from pressreleases.translation_status import translation_status

from .. import factories
from ..html import text
from ..localize import fill_segments, translate
from ..security.accounts import sign_in_as_member

pytestmark = pytest.mark.django_db

STATUS_URL = reverse("pressreleases_translation_status")
RUSSIAN = {
    "Media centre": "Медиацентр",
    "Press releases": "Пресс-релизы",
    "Schools reopen": "Школы открылись",
    "Almaty": "Алматы",
    "Classes start again.": "Занятия возобновились.",
    "Pupils are back.": "Ученики вернулись.",
    "schools-reopen": "shkoly-otkrylis",
}


@pytest.fixture
def tree():
    """An English release: up to date in Russian, half done in Kazakh, missing in Kyrgyz."""
    centre = factories.media_centre("en")
    index = factories.release_index(centre)
    release = factories.release(
        index,
        title="Schools reopen",
        slug="schools-reopen",
        summary="Classes start again.",
        body=[("paragraph", "<p>Pupils are back.</p>")],
    )
    for language in ["ru", "kk"]:
        translate(centre, language, RUSSIAN, fallback=str)
        translate(index, language, RUSSIAN, fallback=str)
    translate(release, "ru", RUSSIAN)
    translate_object(release, [factories.locale("kk")])
    kazakh = Translation.objects.get(
        source__object_id=release.translation_key, target_locale__language_code="kk"
    )
    fill_segments(kazakh, {"Schools reopen": "Мектептер ашылды"})
    return centre, index, release


def cells(html, title):
    """{language code: (state, cell text)} of the report row whose page is `title`."""
    row = next(row for row in html.split("<tr>") if f">{title}</a>" in row)
    return {
        language: (state, text(body))
        for state, language, body in re.findall(
            r'data-state="([a-z_]+)" data-language="([a-z]+)">(.*?)</td>', row, re.S
        )
    }


def test_report_shows_each_language_state(admin_client, tree):
    html = admin_client.get(STATUS_URL).content.decode()
    row = cells(html, "Schools reopen")
    assert row["en"][0] == "source"
    assert row["ru"] == ("up_to_date", "Up to date")
    assert row["kk"][0] == "in_progress"
    kazakh_percent = int(re.search(r"\((\d+)%\)", row["kk"][1]).group(1))
    assert 0 < kazakh_percent < 100
    assert "not published" in row["kk"][1]
    assert row["ky"] == ("missing", "Missing")
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[tree[2].pk])
    assert f'href="{submit_url}"' in html


def test_editing_the_source_puts_its_translations_out_of_date(admin_client, tree):
    _centre, _index, release = tree
    release.summary = "Classes start again in every region."
    factories.publish(release)
    changed_at = release.last_published_at

    row = cells(admin_client.get(STATUS_URL).content.decode(), "Schools reopen")
    assert row["ru"][0] == "out_of_date"
    assert "source changed" in row["ru"][1]
    assert str(changed_at.astimezone(datetime.UTC).year) in row["ru"][1]
    [status] = [s for s in translation_status() if s.source_page.pk == release.pk]
    russian = status.state_in(factories.locale("ru"))
    assert russian.source_changed_at == changed_at
    assert russian.action_url == reverse(
        "wagtail_localize:update_translations",
        args=[
            Translation.objects.get(
                target_locale=russian.locale, source__object_id=release.translation_key
            ).source_id
        ],
    )


def test_report_filters_by_language_and_state(admin_client, tree):
    html = admin_client.get(STATUS_URL, {"language": "ky", "state": "missing"}).content.decode()
    assert ">Schools reopen</a>" in html
    assert ">Media centre</a>" in html
    assert 'data-language="en"' not in html

    html = admin_client.get(
        STATUS_URL, {"language": "kk", "state": "in_progress"}
    ).content.decode()
    assert ">Schools reopen</a>" in html
    assert ">Media centre</a>" not in html

    html = admin_client.get(STATUS_URL, {"state": "out_of_date"}).content.decode()
    assert "No media-centre page matches these filters." in html


def test_unknown_filters_are_ignored(admin_client, tree):
    response = admin_client.get(STATUS_URL, {"language": "xx", "state": "<script>", "p": "z"})
    assert response.status_code == 200
    assert ">Schools reopen</a>" in response.content.decode()


def test_dashboard_lists_out_of_date_translations(admin_client, tree):
    assert "Translations out of date" not in admin_client.get("/admin/").content.decode()
    release = tree[2]
    release.title = "Schools reopen on Monday"
    factories.publish(release)
    html = admin_client.get("/admin/").content.decode()
    assert "Translations out of date" in html
    assert "Schools reopen on Monday" in html


def test_queries_do_not_grow_with_the_number_of_pages(tree):
    def count():
        with CaptureQueriesContext(connection) as queries:
            translation_status()
        return len(queries)

    before = count()
    index = tree[1]
    for number in range(2, 7):
        translate(factories.release(index, number), "ru", {}, fallback=str)
    assert count() == before


def test_editors_see_the_report_and_readers_do_not(client, tree, django_user_model):
    response = client.get(STATUS_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    clerk = django_user_model.objects.create_user("clerk", password="pw")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    response = client.get(STATUS_URL)
    assert response.status_code == 302
    assert ">Schools reopen</a>" not in client.get(response["Location"]).content.decode()

    call_command("setup_mediacentre", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(STATUS_URL)
    assert response.status_code == 200
    assert ">Schools reopen</a>" in response.content.decode()


def test_a_source_change_still_in_review_leaves_translations_up_to_date(admin_client, tree):
    release = tree[2]
    release.summary = "Classes start again in every region."
    release.save_revision()

    row = cells(admin_client.get(STATUS_URL).content.decode(), "Schools reopen")
    assert row["ru"][0] == "up_to_date"
    assert "Translations out of date" not in admin_client.get("/admin/").content.decode()


def test_a_language_editor_sees_no_draft_of_a_tree_they_cannot_edit(
    client, tree, django_user_model
):
    index = tree[1]
    factories.release(index, 9, title="Embargoed: new vaccine programme", live=False)
    call_command("setup_mediacentre", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("editor-kk", password="pw")
    editor.groups.add(Group.objects.get(name="Editors (Қазақша)"))
    client.post("/admin/login/", {"username": "editor-kk", "password": "pw"})

    report = client.get(STATUS_URL)
    assert report.status_code == 200
    assert ">Schools reopen</a>" in report.content.decode()
    assert "Embargoed" not in report.content.decode()
    assert "Embargoed" not in client.get("/admin/").content.decode()
    localize_report = reverse("wagtail_localize:translations_report")
    assert client.get(localize_report).status_code == 302
    assert localize_report not in client.get(STATUS_URL).content.decode()


def test_an_editor_of_every_language_keeps_wagtail_localizes_report(
    client, tree, django_user_model
):
    call_command("setup_mediacentre", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.post("/admin/login/", {"username": "editor", "password": "pw"})

    assert client.get(reverse("wagtail_localize:translations_report")).status_code == 200


def test_the_page_types_report_names_no_draft_of_a_tree_the_editor_cannot_edit(
    client, tree, django_user_model
):
    index = tree[1]
    factories.release(index, 9, title="Embargoed: new vaccine programme", live=False)
    release = tree[2]
    release.title = "Draft headline still in review"
    release.save_revision()
    call_command("setup_mediacentre", stdout=io.StringIO())
    sign_in_as_member(client, django_user_model, "editor-kk", "Editors (Қазақша)")
    report = reverse("wagtailadmin_reports:page_types_usage")

    html = client.get(report).content.decode()

    assert "Embargoed" not in html and "Draft headline" not in html
    # The live release is named by its published title.
    assert "Schools reopen" in html
    # Their own language's draft is theirs to see.
    kazakh_index = index.get_translation(factories.locale("kk"))
    factories.release(
        kazakh_index, 10, title="Мектептерге жаңа кітаптар", live=False
    ).save_revision()
    assert "Мектептерге жаңа кітаптар" in client.get(report).content.decode()


def test_the_page_types_report_names_the_last_edit_to_an_editor_of_its_language(
    client, tree, django_user_model
):
    factories.release(
        tree[1], 9, title="Embargoed: new vaccine programme", live=False
    ).save_revision()
    call_command("setup_mediacentre", stdout=io.StringIO())
    sign_in_as_member(client, django_user_model, "editor", "Editors")

    html = client.get(reverse("wagtailadmin_reports:page_types_usage")).content.decode()

    assert "Embargoed: new vaccine programme" in html
