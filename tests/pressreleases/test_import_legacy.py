"""The import_legacy command end to end: files in, press release pages and contacts out."""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from pressreleases.legacy import importer
from pressreleases.legacy.importer import IMPORT_ACTION
from pressreleases.models import Contact, PressReleaseIndexPage, PressReleasePage

from .. import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "legacy_fixtures"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
REPORTERS = "en_young_reporters.txt"
SCHOOLS = "en_naryn_schools.html"
REPORTERS_TITLE = "Young reporters in Osh launch a newspaper about children's rights"
CHROME = ["Media centre", "Latest news", "Press releases", "Contact information", "unite for"]


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def archive(tmp_path):
    """A folder to copy legacy pages into; returns a function that copies one."""

    def add(name, as_name=None, folder="."):
        target = tmp_path / "archive" / folder / (as_name or name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / name, target)
        return target

    return add


def run(*args):
    """(stdout, error) of the command; error is the CommandError it ended with, if any."""
    out = io.StringIO()
    try:
        call_command("import_legacy", *map(str, args), stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def imported(title=REPORTERS_TITLE):
    return PressReleasePage.objects.get(title=title)


def contact_names(page):
    return [link.contact.name for link in page.contact_links.order_by("sort_order")]


def body_text(html):
    return BeautifulSoup(html, "html.parser").select_one(".press-release-body").get_text(" ")


def snapshot():
    return {
        "pages": Page.objects.count(),
        "contacts": Contact.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "search index entries": IndexEntry.objects.count(),
        "references": ReferenceIndex.objects.count(),
    }


def found(query, model=PressReleasePage):
    return list(get_search_backend().search(query, model))


def used_by(contact):
    """The pages an editor sees on the contact's usage page."""
    return {
        reference.object_id
        for reference in ReferenceIndex.get_references_to(contact).filter(
            base_content_type__model="page"
        )
    }


def with_long_role(path):
    """The page made to fail while saving: a contact's role too long for the field."""
    text = path.read_text().replace(
        "Programme Assistant", "Programme Assistant " + "and much more " * 30
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_a_text_page_becomes_a_draft_release_with_every_field(index, archive):
    out, error = run(archive(REPORTERS), "--locale", "en")

    assert error is None
    page = imported()
    assert page.get_parent().specific == index
    assert page.locale.language_code == "en"
    assert page.slug == "young-reporters-in-osh-launch-a-newspaper-about-childrens-rights"
    assert not page.live
    assert page.has_unpublished_changes
    assert page.dateline == "Bishkek, Kyrgyzstan"
    assert page.release_date == datetime.date(2017, 11, 3)
    assert page.summary.startswith("Thirty young reporters from Osh and Batken presented")
    assert (
        page.hero_credit == "© UNICEF/Kyrgyzstan/2017/Temirov; © UNICEF/Kyrgyzstan/2017/Osmonova"
    )
    assert [block.block_type for block in page.body] == [
        "paragraph",
        "heading",
        "paragraph",
        "quote",
        "paragraph",
    ]
    assert page.body[1].value["text"] == "What the reporters learnt"
    assert page.body[3].value["attribution"] == "Aida Temirova"
    assert page.body[3].value["role"] == "UNICEF Communication Officer"
    # Paragraphs in a row share one rich-text block; the unattributed quotation is one of them.
    assert page.body[4].value.source == (
        "<p>“We will print the next issue in spring.”</p>"
        "<p>The newspaper will be handed out in schools and youth centres across the south of "
        "the country.</p>"
    )
    assert contact_names(page) == ["Aida Temirova", "Nurlan Osmonov"]
    aida = Contact.objects.get(name="Aida Temirova")
    assert (aida.role, aida.organisation, aida.phone, aida.email, aida.locale.language_code) == (
        "Communication Officer",
        "UNICEF Kyrgyzstan",
        "+996 312 611 211",
        "atemirova@example.org",
        "en",
    )
    assert Contact.objects.get(name="Nurlan Osmonov").email == ""
    assert "created: 1, updated: 0, skipped: 0, failed: 0." in out
    assert "Contacts: 2 new, 0 reused." in out


def test_the_history_says_where_the_release_came_from(index, archive):
    path = archive(REPORTERS)
    run(path, "--locale", "en")

    entry = PageLogEntry.objects.get(page=imported(), action=IMPORT_ACTION)

    assert entry.message == f"Imported from the legacy archive: {path}"


def test_publish_makes_the_release_live_on_its_original_date_without_chrome(
    client, index, archive
):
    out, error = run(archive(SCHOOLS), "--locale", "en", "--publish")

    assert error is None
    page = imported("Schools in Naryn get clean water and new toilets")
    assert page.live
    assert not page.has_unpublished_changes
    assert page.release_date == datetime.date(2017, 12, 11)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    body = body_text(html)
    assert "What changed" in body
    assert "Separate toilets for girls and boys" in body
    assert "Gulnara Bekova" in body
    for chrome in [*CHROME, "Email this article", "_gaq", "document.write", "Share"]:
        assert chrome not in body
    assert "Timur Askarov" in BeautifulSoup(html, "html.parser").select_one(".contacts").text
    assert "New York/Bishkek, 11 December 2017 – Twelve village schools" in " ".join(
        BeautifulSoup(html, "html.parser").select_one(".lead").get_text().split()
    )


def test_importing_the_same_file_again_skips_it(index, archive):
    path = archive(REPORTERS)
    run(path, "--locale", "en")
    before = snapshot()

    out, error = run(path, "--locale", "en")

    assert error is None
    assert "created: 0, updated: 0, skipped: 1, failed: 0." in out
    assert snapshot() == before


def test_a_changed_file_updates_its_page_and_never_duplicates_it(index, archive):
    path = archive(REPORTERS)
    run(path, "--locale", "en", "--publish")
    page = imported()
    path.write_text(path.read_text().replace("school meals", "school lunches"), encoding="utf-8")

    out, error = run(path, "--locale", "en")

    assert error is None
    assert "created: 0, updated: 1, skipped: 0, failed: 0." in out
    assert "Contacts: 0 new, 2 reused." in out
    assert PressReleasePage.objects.count() == 1
    assert Contact.objects.count() == 2
    page.refresh_from_db()
    # Without --publish the change waits as a draft; readers still see the published text.
    assert page.live and page.has_unpublished_changes
    assert "school meals" in page.body[0].value.source
    assert "school lunches" in page.get_latest_revision_as_object().body[0].value.source


def test_the_same_release_under_another_file_name_is_the_same_page(index, archive):
    run(archive(REPORTERS), "--locale", "en")

    out, _error = run(archive(REPORTERS, as_name="copy-of-reporters.txt"), "--locale", "en")

    assert "skipped: 1" in out
    assert PressReleasePage.objects.count() == 1


def test_contacts_are_reused_by_email_then_by_name_and_attached_in_order(index, archive):
    known = factories.contact(
        "en", name="Aida Temirova-Sultanova", email="ATemirova@example.org", phone=""
    )
    nurlan = factories.contact("en", name="Nurlan Osmonov", email="", phone="")
    factories.contact("ru", name="Nurlan Osmonov", email="")

    out, _error = run(archive(REPORTERS), "--locale", "en")

    page = imported()
    assert [link.contact for link in page.contact_links.order_by("sort_order")] == [known, nurlan]
    assert "Contacts: 0 new, 2 reused." in out
    assert Contact.objects.count() == 3
    # A reused contact gains the details it lacked and keeps those an editor gave it.
    known.refresh_from_db()
    assert (known.name, known.phone) == ("Aida Temirova-Sultanova", "+996 312 611 211")


def test_someone_of_the_same_name_with_another_email_is_another_contact(index, archive):
    factories.contact("en", name="Aida Temirova", email="someone.else@example.org")

    run(archive(REPORTERS), "--locale", "en")

    assert Contact.objects.filter(name="Aida Temirova").count() == 2


def test_a_contact_in_two_files_is_created_once(index, archive):
    archive(REPORTERS)
    other = archive("ru_disability_reporting.txt", as_name="other.txt")
    other.write_text(
        "Media centre\n\nWater for Naryn\n\nNaryn, 4 May 2018 – The lead.\n\nMore.\n\n"
        "For more information\n\nAida Temirova, Communication Officer, UNICEF Kyrgyzstan, "
        "email: atemirova@example.org\n",
        encoding="utf-8",
    )

    out, _error = run(other.parent, "--locale", "en")

    assert "created: 2, updated: 0, skipped: 0, failed: 0." in out
    assert "Contacts: 2 new, 1 reused." in out
    assert Contact.objects.filter(email="atemirova@example.org").count() == 1


def test_a_russian_page_imports_into_the_russian_index_with_russian_contacts(archive):
    factories.release_index(factories.media_centre("ru"))
    factories.contact("en", name="Анна Иванова", email="aivanova@example.org")

    out, error = run(archive("ru_disability_reporting_cp1251.txt"), "--locale", "ru")

    assert error is None
    page = PressReleasePage.objects.get(locale__language_code="ru")
    assert page.title == "Казахстанские журналисты учатся рассказывать о детях с инвалидностью"
    assert (page.dateline, page.release_date) == ("Алматы", datetime.date(2016, 11, 19))
    assert page.body[1].value["attribution"] == "Анна Иванова"
    [contact] = [link.contact for link in page.contact_links.all()]
    assert (contact.locale.language_code, contact.organisation) == ("ru", "ЮНИСЕФ Казахстан")
    assert "Contacts: 1 new, 0 reused." in out


def test_broken_files_are_reported_and_the_others_still_import(index, archive):
    archive(REPORTERS)
    archive(SCHOOLS, folder="2017")
    no_title = archive("broken_no_title.txt", folder="2017")
    no_dateline = archive("broken_no_dateline.txt")
    binary = archive("broken_binary.txt")
    archive("broken_encoding.txt", as_name="notes.pdf")  # not a legacy page: not even read

    out, error = run(no_title.parent.parent, "--locale", "en")

    assert str(error) == "3 of 5 files failed; nothing from them was saved."
    assert PressReleasePage.objects.count() == 2
    assert "created: 2, updated: 0, skipped: 0, failed: 3." in out
    # The line survives the trip from the parsing process.
    assert f"  {no_title}:5: no title before the dateline" in out
    assert f"  {no_dateline}: no dateline: no paragraph opens with a place and a date" in out
    assert f"  {binary}: binary content, not a text or HTML page" in out


def test_a_file_that_fails_while_saving_leaves_nothing_behind(index, archive):
    path = with_long_role(archive(REPORTERS))
    before = snapshot()

    out, error = run(path, "--locale", "en")

    assert error is not None
    assert snapshot() == before
    assert not Contact.objects.filter(name="Aida Temirova").exists()
    assert f"  {path}: role: Ensure this value has at most 255 characters" in out


def test_a_dry_run_saves_nothing_and_says_what_it_would_do(index, archive):
    reporters = archive(REPORTERS)
    archive(SCHOOLS)
    before = snapshot()

    out, error = run(reporters.parent, "--locale", "en", "--dry-run", "--publish")

    assert error is None
    assert snapshot() == before
    assert "Dry run: nothing was saved." in out
    assert f"Would create: {reporters} ({REPORTERS_TITLE})" in out
    assert "would create: 2, would update: 0, would skip: 0, failed: 0." in out
    assert "Contacts: 3 new, 0 reused." in out

    run(reporters, "--locale", "en")
    out, _error = run(reporters, "--locale", "en", "--dry-run")
    assert f"Would skip: {reporters} ({REPORTERS_TITLE})" in out


def test_a_dry_run_reports_broken_files_too(index, archive):
    path = archive("broken_no_dateline.txt")

    out, error = run(path, "--locale", "en", "--dry-run")

    assert error is not None
    assert "failed: 1." in out


def test_the_parent_can_be_named_by_id_or_url_path(index, archive):
    factories.release_index(factories.media_centre("ru"))
    path = archive(REPORTERS)

    _out, by_id = run(path, "--locale", "en", "--parent", index.pk)
    assert by_id is None
    assert imported().get_parent().pk == index.pk

    _out, by_url = run(path, "--locale", "en", "--parent", "/en/media-centre/press-releases/")
    assert by_url is None

    _out, wrong_locale = run(path, "--locale", "ru", "--parent", index.pk)
    assert "is in 'en', not 'ru'" in str(wrong_locale)

    _out, nowhere = run(path, "--locale", "en", "--parent", "/en/nowhere/")
    assert str(nowhere) == "No press release index at '/en/nowhere/'."


def test_without_a_press_release_index_the_command_says_so(archive):
    _out, error = run(archive(REPORTERS), "--locale", "kk")

    assert "There is no press release index in 'kk'" in str(error)
    assert not PressReleasePage.objects.exists()


def test_with_two_indexes_in_the_locale_the_parent_must_be_named(index, archive):
    factories.add_page(index.get_parent(), PressReleaseIndexPage(title="Archive", slug="archive"))

    _out, error = run(archive(REPORTERS), "--locale", "en")

    assert "There are 2 press release indexes in 'en': choose one with --parent" in str(error)


def test_a_missing_path_stops_before_anything_is_imported(index, archive, tmp_path):
    _out, error = run(archive(REPORTERS), tmp_path / "missing", "--locale", "en")

    assert str(error) == f"No such file or folder: {tmp_path / 'missing'}"
    assert not PressReleasePage.objects.exists()


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed pages at {SEEDS}")
def test_the_seed_pages_import_with_title_place_date_and_contact(index):
    out, error = run(SEEDS, "--locale", "en")

    assert error is None
    assert "created: 2, updated: 0, skipped: 0, failed: 0." in out
    films = imported("One-minute films on “Children and Justice”")
    assert (films.dateline, films.release_date) == (
        "Kyrgyzstan, Bishkek",
        datetime.date(2012, 4, 20),
    )
    assert films.hero_credit == "© UNICEF/Kyrgyzstan"
    assert films.summary.startswith("A presentation of 20 one-minute films")
    mission = imported("Kazakh media adopt mission statement on child rights")
    assert (mission.dateline, mission.release_date) == ("Almaty", datetime.date(2005, 11, 19))
    assert mission.summary.startswith("The National Information Network “Children of Kazakhstan”")
    [contact] = [link.contact for link in mission.contact_links.all()]
    assert (contact.name, contact.role, contact.organisation, contact.phone, contact.email) == (
        "Gauhar Abdygaliyeva",
        "Communication Officer",
        "UNICEF Kazakhstan",
        "(+7 31 72) 32 83 07",
        "",
    )


def test_imported_releases_and_contacts_are_searchable_and_contacts_show_their_use(index, archive):
    run(archive(REPORTERS), "--locale", "en", "--publish")

    page = imported()
    assert found("newspaper") == [page]
    aida = Contact.objects.get(name="Aida Temirova")
    assert found("Temirova", Contact) == [aida]
    assert used_by(aida) == {str(page.pk)}
    assert used_by(Contact.objects.get(name="Nurlan Osmonov")) == {str(page.pk)}


def test_indexes_are_updated_batch_by_batch_and_a_failing_file_adds_nothing_to_them(
    index, archive, monkeypatch
):
    monkeypatch.setattr(importer, "INDEX_BATCH_SIZE", 1)
    folder = archive(SCHOOLS, as_name="1.html").parent
    with_long_role(archive(REPORTERS, as_name="2.txt"))
    archive("ru_disability_reporting.txt", as_name="3.txt").write_text(
        "Media centre\n\nWater for Naryn\n\nNaryn, 4 May 2018 – Wells reach the valley.\n\n"
        "More will follow next year.\n\n"
        "For more information\n\nAida Temirova, Communication Officer, UNICEF Kyrgyzstan, "
        "email: atemirova@example.org\n",
        encoding="utf-8",
    )

    out, _error = run(folder, "--locale", "en")

    assert "created: 2, updated: 0, skipped: 0, failed: 1." in out
    schools = imported("Schools in Naryn get clean water and new toilets")
    water = imported("Water for Naryn")
    assert found("toilets") == [schools]
    assert found("wells") == [water]
    # The failing file's own contact is nowhere; the one the next file made has its use.
    assert not Contact.objects.filter(name="Nurlan Osmonov").exists()
    assert not found("Osmonov", Contact)
    assert used_by(Contact.objects.get(name="Aida Temirova")) == {str(water.pk)}
    assert not PressReleasePage.objects.filter(title=REPORTERS_TITLE).exists()
    assert not found("reporters")


def test_a_run_cut_short_still_leaves_what_it_saved_indexed(index, archive, monkeypatch):
    folder = archive(SCHOOLS, as_name="1.html").parent
    archive(REPORTERS, as_name="2.txt")
    fill = importer.LegacyImporter.fill

    def fill_then_stop(self, page, release, contacts):
        if release.title == REPORTERS_TITLE:
            raise KeyboardInterrupt
        fill(self, page, release, contacts)

    monkeypatch.setattr(importer.LegacyImporter, "fill", fill_then_stop)

    with pytest.raises(KeyboardInterrupt):
        run(folder, "--locale", "en")

    assert found("toilets") == [imported("Schools in Naryn get clean water and new toilets")]
    assert not PressReleasePage.objects.filter(title=REPORTERS_TITLE).exists()


def test_after_an_import_pages_are_indexed_on_save_again(index, archive):
    run(archive(REPORTERS), "--locale", "en", "--publish")
    page = imported()

    page.title = "Young reporters print a second issue"
    page.save_revision().publish()

    assert found("issue") == [page]


def test_a_dry_run_leaves_the_indexes_untouched(index, archive):
    path = archive(REPORTERS)
    before = snapshot()

    run(path, "--locale", "en", "--dry-run", "--publish")

    assert snapshot() == before
    assert not found("newspaper")


def test_a_new_page_has_one_revision_holding_it_as_saved_and_both_history_entries(index, archive):
    run(archive(REPORTERS), "--locale", "en")

    page = imported()
    [revision] = page.revisions.all()
    assert page.latest_revision == revision
    # Every child relation (contacts, topics, comments, …) as the database holds it.
    as_saved = page.serializable_data()
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(page)]
    assert {name: revision.content[name] for name in relations} == {
        name: as_saved[name] for name in relations
    }
    assert [link["contact"] for link in revision.content["contact_links"]] == [
        link.contact_id for link in page.contact_links.order_by("sort_order")
    ]
    assert len(revision.content["contact_links"]) == 2
    assert revision.as_object().summary == page.summary
    assert set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)) == {
        "wagtail.create",
        IMPORT_ACTION,
    }


def test_a_long_run_parsed_in_another_process_saves_in_file_order_and_reports_failures(
    index, archive, monkeypatch
):
    monkeypatch.setattr(importer, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(importer, "PARSE_AHEAD", 2)
    monkeypatch.setattr(importer.os, "cpu_count", lambda: 2)
    submitted = []
    submit = importer.ProcessPoolExecutor.submit

    def counted_submit(pool, function, *args):
        submitted.append(args)
        return submit(pool, function, *args)

    monkeypatch.setattr(importer.ProcessPoolExecutor, "submit", counted_submit)
    reporters = archive(REPORTERS, as_name="1.txt")
    no_title = archive("broken_no_title.txt", as_name="2.txt")
    schools = archive(SCHOOLS, as_name="3.html")
    binary = archive("broken_binary.txt", as_name="4.txt")
    copy = archive(REPORTERS, as_name="5.txt")

    out, error = run(reporters.parent, "--locale", "en", "--verbosity", "2")

    assert len(submitted) == 5
    assert str(error) == "2 of 5 files failed; nothing from them was saved."
    assert [line.split(":")[0] for line in out.splitlines()[:3]] == [
        "Created",
        "Created",
        "Skipped",
    ]
    assert f"Created: {reporters} ({REPORTERS_TITLE})" in out
    assert f"Created: {schools} (Schools in Naryn get clean water and new toilets)" in out
    # The copy comes after its original, so it finds the page the original made.
    assert f"Skipped: {copy} ({REPORTERS_TITLE})" in out
    # The line survives the trip from the parsing process.
    assert f"  {no_title}:5: no title before the dateline" in out
    assert f"  {binary}: binary content, not a text or HTML page" in out
    assert PressReleasePage.objects.count() == 2
    assert found("toilets") == [imported("Schools in Naryn get clean water and new toilets")]
