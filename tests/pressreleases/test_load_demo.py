"""The demo content command: a whole media centre in four languages, loaded once."""

import datetime
import io
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from pressreleases.demo import content
from pressreleases.models import (
    Boilerplate,
    Contact,
    ContactPage,
    EthicalGuidelinesPage,
    MediaCentrePage,
    PressReleaseIndexPage,
    PressReleasePage,
    ProjectIndexPage,
    ProjectProposalPage,
    StandardPage,
    Topic,
)

from ..html import text

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru", "kk", "ky"]
SECTION_TYPES = {
    PressReleaseIndexPage,
    ProjectIndexPage,
    EthicalGuidelinesPage,
    ContactPage,
    StandardPage,
}
FILMS = "one-minute-films-on-children-and-justice"
MISSION = "kazakh-media-adopt-mission-statement-on-child-rights"


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for this module, and roll it back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load_demo()
        yield output
        transaction.set_rollback(True)


def centre(language):
    return MediaCentrePage.objects.get(locale__language_code=language, slug="media-centre")


def releases(language):
    return PressReleasePage.objects.filter(locale__language_code=language)


def snapshot():
    """What a run could change: every row count and every page's latest revision."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        "contacts": Contact.objects.count(),
        "topics": Topic.objects.count(),
        "boilerplates": Boilerplate.objects.count(),
        "images": get_image_model().objects.count(),
    }


def test_the_first_run_reports_what_it_created(demo):
    assert "Images: 6 created, 0 already there" in demo
    assert "Snippets: 28 created, 0 already there" in demo
    assert "Pages: 56 created, 0 already there" in demo


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_live_media_centre_with_every_section(language):
    media_centre = centre(language)
    assert media_centre.live and media_centre.show_in_menus
    assert media_centre.latest_news_count == 5
    assert media_centre.get_parent().specific == (
        Site.objects.get(is_default_site=True)
        .root_page.get_translation(Locale.objects.get(language_code=language))
        .specific
    )
    sections = media_centre.get_children().live().specific()
    assert {type(page) for page in sections} == SECTION_TYPES
    assert all(page.show_in_menus and page.listing_summary for page in sections)
    assert {page.slug for page in sections} == {
        "press-releases",
        "project-proposals",
        "ethical-guidelines",
        "contact",
        "pro-children-media-club",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_six_live_releases_over_at_least_three_years(language):
    live = releases(language).live()
    assert live.count() >= 6
    assert len({release.release_date.year for release in live}) >= 3
    for release in live:
        assert release.dateline and release.summary and release.hero_image
        block_types = {block.block_type for block in release.body}
        assert {"paragraph", "heading"} <= block_types and len(block_types) >= 4
        assert release.contact_links.count() in (1, 2)
        assert release.topic_links.exists()
        release.body.stream_block.clean(release.body)  # valid as an editor would save it


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_two_complete_project_proposals(language):
    projects = ProjectProposalPage.objects.filter(locale__language_code=language).live()
    assert projects.count() == 2
    sectors = dict(ProjectProposalPage.SECTORS)
    for project in projects:
        assert project.sector in sectors
        assert project.start_date < project.end_date
        assert project.budget_amount > 0 and project.funding_gap is not None
        assert len(project.partner_list) >= 3
        assert [block.value["kind"] for block in project.body] == [
            "problem",
            "objectives",
            "activities",
            "results",
        ]
        assert project.contact.locale == project.locale


@pytest.mark.parametrize("language", ["ru", "kk", "ky"])
def test_translated_pages_share_the_english_translation_key(language):
    for english in Page.objects.descendant_of(centre("en"), inclusive=True):
        translation = english.get_translation_or_none(Locale.objects.get(language_code=language))
        assert translation is not None, english.url_path
        assert translation.slug == english.slug
        assert translation.live
        assert translation.title != english.title, english.url_path


@pytest.mark.parametrize("language", ["ru", "kk", "ky"])
def test_translated_snippets_share_the_english_translation_key(language):
    locale = Locale.objects.get(language_code=language)
    english = Locale.objects.get(language_code="en")
    for model in (Contact, Topic, Boilerplate):
        source = model.objects.filter(locale=english)
        translated = model.objects.filter(locale=locale)
        assert source.count() == translated.count() > 0
        assert set(source.values_list("translation_key", flat=True)) == set(
            translated.values_list("translation_key", flat=True)
        )
    assert set(Topic.objects.filter(locale=locale).values_list("slug", flat=True)) == set(
        content.TOPICS
    )


@pytest.mark.parametrize("language", ["ru", "kk", "ky"])
def test_translated_pages_point_to_contacts_topics_and_pages_in_their_own_locale(language):
    for release in releases(language):
        links = [
            *(link.contact for link in release.contact_links.all()),
            *(link.topic for link in release.topic_links.all()),
            *(link.related_page for link in release.related_links.all()),
        ]
        assert links and all(item.locale_id == release.locale_id for item in links)
        english = release.get_translation(Locale.objects.get(language_code="en"))
        assert [link.translation_key for link in release.contact_links.all()] == [
            link.translation_key for link in english.contact_links.all()
        ]
        for block in release.body:
            if block.block_type == "call_to_action" and block.value["page"]:
                assert block.value["page"].locale_id == release.locale_id
    contact_page = ContactPage.objects.get(locale__language_code=language)
    press = [link.contact for link in contact_page.press_contact_links.all()]
    assert len(press) == 2 and all(c.locale_id == contact_page.locale_id for c in press)


def test_the_contact_page_form_is_translated_but_stores_the_same_field_names():
    fields = {
        language: list(
            ContactPage.objects.get(locale__language_code=language).form_fields.values_list(
                "clean_name", "label", "field_type", "required"
            )
        )
        for language in LANGUAGES
    }
    assert fields["en"] == [
        ("name", "Your name", "singleline", True),
        ("email", "E-mail", "email", True),
        ("organisation", "Media outlet or organisation", "singleline", False),
        ("message", "Your question", "multiline", True),
    ]
    for language in ["ru", "kk", "ky"]:
        assert [f[0] for f in fields[language]] == ["name", "email", "organisation", "message"]
        assert [f[2:] for f in fields[language]] == [f[2:] for f in fields["en"]]
        assert not {f[1] for f in fields[language]} & {f[1] for f in fields["en"]}
    page = ContactPage.objects.get(locale__language_code="en")
    assert page.to_address == "press@example.org" and page.from_address and page.subject
    assert len(page.offices) == 2


def test_the_guidelines_and_the_media_club_have_their_content():
    for language in LANGUAGES:
        guidelines = EthicalGuidelinesPage.objects.get(locale__language_code=language)
        assert guidelines.intro and len(guidelines.body) == 3
        assert all(len(block.value["guidelines"]) >= 3 for block in guidelines.body)
        club = StandardPage.objects.get(locale__language_code=language)
        videos = [block.value for block in club.body if block.block_type == "video"]
        assert len(videos) == 3
        assert all(video["video"].url.startswith("https://www.youtube.com/") for video in videos)


def test_the_two_legacy_stories_are_told():
    films = releases("en").get(slug=FILMS)
    assert films.title == "One-minute films on “Children and Justice”"
    assert (films.dateline, films.release_date) == ("Bishkek", datetime.date(2012, 4, 20))

    mission = releases("en").get(slug=MISSION)
    assert mission.title == "Kazakh media adopt mission statement on child rights"
    assert (mission.dateline, mission.release_date) == ("Almaty", datetime.date(2005, 11, 19))
    [press_officer] = [link.contact for link in mission.contact_links.all()]
    assert press_officer.name == "Gauhar Abdygaliyeva"
    assert press_officer.role == "Communication Officer"
    assert press_officer.organisation == "UNICEF Kazakhstan"
    assert press_officer.phone == "+7 7172 32 83 07"

    kazakh = releases("kk").get(slug=MISSION)
    assert kazakh.dateline == "Алматы"
    assert kazakh.contact_links.get().contact.name == "Гауһар Абдығалиева"
    assert releases("ky").get(slug=FILMS).dateline == "Бишкек"


def test_images_are_generated_jpegs_with_credits_and_no_identifiable_child():
    images = get_image_model().objects.filter(title__startswith="Demo: ")
    assert images.count() == 6
    for image in images:
        assert (image.width, image.height) == (1600, 900)
        assert image.description and image.caption and image.credit.startswith("© UNICEF/")
        assert not image.shows_identifiable_child
        with image.open_file() as f:
            assert PILImage.open(f).format == "JPEG"
    # One set of images serves every language.
    assert {release.hero_image_id for release in releases("en")} == {
        release.hero_image_id for release in releases("ky")
    }


def test_a_second_run_creates_and_changes_nothing():
    before = snapshot()
    output = load_demo()
    assert snapshot() == before
    assert "Pages: 0 created, 56 already there" in output
    assert "nothing changed" in output


def test_a_second_run_fills_in_a_missing_translation():
    releases("ky").get(slug=FILMS).delete()
    output = load_demo()
    assert "Pages: 1 created, 55 already there" in output
    restored = releases("ky").get(slug=FILMS)
    assert restored.translation_key == releases("en").get(slug=FILMS).translation_key
    assert restored.live


def test_force_rebuilds_the_demo():
    before = snapshot()
    old_release = releases("en").get(slug=MISSION).pk
    output = load_demo("--force")
    assert "Pages: 56 created, 0 already there" in output
    after = snapshot()
    assert len(after["pages"]) == len(before["pages"])
    assert {key: after[key] for key in after if key != "pages"} == {
        key: before[key] for key in before if key != "pages"
    }
    assert not Page.objects.filter(pk=old_release).exists()


def test_refuses_to_run_before_setup_site():
    Site.objects.all().delete()
    with pytest.raises(CommandError, match="setup_site"):
        load_demo()


def test_refuses_to_run_when_a_language_has_no_home_page():
    home = Site.objects.get(is_default_site=True).root_page
    home.get_translation(Locale.objects.get(language_code="ky")).delete()
    with pytest.raises(CommandError, match="“ky”.*setup_site"):
        load_demo()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_media_centre_and_its_pages_respond(client, language):
    assert client.get(f"/{language}/media-centre/").status_code == 200
    for page in Page.objects.descendant_of(centre(language)).live().not_type(StandardPage):
        # The media club embeds videos, which would reach for the network.
        assert client.get(page.url).status_code == 200, page.url


def test_refuses_to_add_a_second_media_centre_beside_another_one():
    home = centre("ky").get_parent()
    centre("ky").delete()
    home.add_child(instance=MediaCentrePage(title="Медиа", slug="media"))
    with pytest.raises(CommandError, match="already has a media centre at .*/media/"):
        load_demo()


def test_every_language_fills_in_the_same_text_table():
    def shape(value):
        if isinstance(value, dict):
            return {key: shape(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [shape(item) for item in value]
        return type(value)

    english = shape(content.TEXTS["en"])
    for language in ["ru", "kk", "ky"]:
        assert shape(content.TEXTS[language]) == english, language


def test_translated_releases_describe_their_main_image_in_their_own_language():
    for code in ("ru", "kk", "ky"):
        releases = PressReleasePage.objects.filter(locale__language_code=code)
        assert all(page.hero_alt_text for page in releases)
        assert not any(page.hero_alt_text.startswith("Placeholder") for page in releases)


def english_interface_strings():
    """The English text of every translated interface string of several words."""
    root = Path(__file__).resolve().parents[2]
    strings = set()
    for po_path in [
        root / "locale/ru/LC_MESSAGES/django.po",
        root / "pressreleases/locale/ru/LC_MESSAGES/django.po",
    ]:
        for entry in polib.pofile(str(po_path)):
            if "%" not in entry.msgid and "{" not in entry.msgid and " " in entry.msgid:
                strings.add(entry.msgid)
    return strings


@pytest.mark.parametrize("language", ["ru", "kk", "ky"])
def test_demo_pages_carry_no_english_interface_text(client, settings, language):
    settings.WAGTAILEMBEDS_FINDERS = []  # the media club's films fall back to links
    english = english_interface_strings()
    pages = Page.objects.descendant_of(centre(language), inclusive=True).live()
    for page in pages:
        page_text = text(client.get(page.url).content.decode())
        assert [phrase for phrase in english if phrase in page_text] == [], page.url
