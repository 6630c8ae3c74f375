"""generate_site: the benchmark's large site, here with three releases per language."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from wagtail.models import Page

from pressreleases.models import PressReleaseIndexPage, PressReleasePage

from ..html import text

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru", "kk", "ky"]
RELEASES = 3


def generate(*args):
    out = io.StringIO()
    call_command("generate_site", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def generated(django_db_setup, django_db_blocker):
    """The demo plus three generated releases per language, once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        output = generate("--releases", str(RELEASES))
        yield output
        transaction.set_rollback(True)


def index(language):
    return PressReleaseIndexPage.objects.get(locale__language_code=language)


def generated_releases(language):
    return (
        PressReleasePage.objects.child_of(index(language))
        .filter(slug__startswith="generated-release-")
        .order_by("slug")
    )


def release(language, number):
    return generated_releases(language).get(slug=f"generated-release-{number:05d}")


def test_each_language_gets_the_asked_number_of_live_releases(generated):
    assert "3 generated releases in each of 4 languages (12 new)" in generated
    for language in LANGUAGES:
        releases = generated_releases(language)
        assert [page.slug for page in releases] == [
            "generated-release-00001",
            "generated-release-00002",
            "generated-release-00003",
        ]
        assert all(page.live and page.locale.language_code == language for page in releases)


def test_the_page_tree_stays_consistent():
    assert Page.find_problems() == ([], [], [], [], [])
    for language in LANGUAGES:
        parent = index(language)
        assert parent.numchild == parent.get_children().count() == 6 + RELEASES
        for page in generated_releases(language):
            assert page.get_parent().pk == parent.pk
            assert page.url_path == f"{parent.url_path}{page.slug}/"


def test_a_release_is_linked_to_its_translations():
    english = release("en", 2)
    translations = {
        page.locale.language_code: page.specific for page in english.get_translations()
    }
    assert set(translations) == {"ru", "kk", "ky"}
    for page in translations.values():
        assert page.slug == english.slug
        assert page.release_date == english.release_date
        assert page.hero_image_id == english.hero_image_id
        assert page.title != english.title
        assert [link.topic.slug for link in page.topic_links.all()] == [
            link.topic.slug for link in english.topic_links.all()
        ]
        assert [link.contact.email for link in page.contact_links.all()] == [
            link.contact.email for link in english.contact_links.all()
        ]
        # The links point at the snippets of the page's own language.
        assert {link.topic.locale_id for link in page.topic_links.all()} == {page.locale_id}
        assert {link.contact.locale_id for link in page.contact_links.all()} == {page.locale_id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_generated_release_is_served_in_its_language(client, language):
    page = release(language, 1)
    response = client.get(page.url)
    assert response.status_code == 200
    shown = text(response.content.decode())
    assert page.title in shown
    assert "MC00001" in shown
    assert page.contact_links.first().contact.name in shown
    assert page.topic_links.first().topic.name in shown
    # It is listed on its index, newest first among the rest.
    listing = client.get(index(language).url)
    assert listing.status_code == 200
    assert page.url in listing.content.decode()


def test_search_finds_a_release_by_its_reference_in_the_language_read(client):
    response = client.get("/ru/search/", {"q": "MC00002"})
    assert response.status_code == 200
    hits = [hit["page"] for hit in response.context["hits"]]
    assert [hit.pk for hit in hits] == [release("ru", 2).pk]


def test_a_second_run_adds_nothing():
    before = list(PressReleasePage.objects.values_list("pk", "title", "release_date"))
    output = generate("--releases", str(RELEASES))
    assert "(0 new)" in output
    assert list(PressReleasePage.objects.values_list("pk", "title", "release_date")) == before


def test_more_releases_keep_the_old_ones_and_add_the_rest():
    kept = {language: release(language, 3).pk for language in LANGUAGES}
    output = generate("--releases", "5")
    assert "(8 new)" in output
    for language in LANGUAGES:
        assert generated_releases(language).count() == 5
        assert release(language, 3).pk == kept[language]
    assert Page.find_problems() == ([], [], [], [], [])


def test_fewer_releases_than_there_are_needs_force():
    with pytest.raises(CommandError, match="numbered up to 3.*--force"):
        generate("--releases", "2")


def test_force_generates_the_same_content_again():
    before = {page.slug: (page.title, page.release_date) for page in generated_releases("kk")}
    old_pks = set(generated_releases("kk").values_list("pk", flat=True))
    output = generate("--releases", str(RELEASES), "--force")
    assert "Deleted 12 generated releases" in output
    assert {page.slug: (page.title, page.release_date) for page in generated_releases("kk")} == (
        before
    )
    assert not old_pks & set(generated_releases("kk").values_list("pk", flat=True))


def test_another_seed_generates_other_content():
    before = [(page.title, page.release_date) for page in generated_releases("en")]
    generate("--releases", str(RELEASES), "--force", "--seed", "7")
    assert [(page.title, page.release_date) for page in generated_releases("en")] != before


def test_refuses_to_run_without_the_demo_media_centre():
    index("en").delete()
    with pytest.raises(CommandError, match="load_demo"):
        generate("--releases", "1")


def test_refuses_a_negative_number_of_releases():
    with pytest.raises(CommandError, match="0 or more"):
        generate("--releases", "-1")


def test_the_query_planner_knows_the_generated_rows():
    """Statistics are gathered after the bulk load, so pages are planned for the site's size."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'wagtailcore_page'")
            assert cursor.fetchone()[0] >= Page.objects.count()
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
            assert cursor.fetchall()
