"""Reading legacy media-centre pages: pure parsing, no database."""

import datetime
from pathlib import Path

import pytest

from pressreleases.legacy import LegacyBlock, LegacyContact, LegacyParseError, parse_legacy

FIXTURES = Path(__file__).parent / "legacy_fixtures"
CHROME = [
    "Media centre",
    "Latest news",
    "Press releases 2017",
    "Contact information",
    "Email this article",
    "unite for children",
    "Pro-Children Media Club",
    "Медиа-центр",
    "Последние новости",
    "Пресс-релизы 2016",
    "Контактная информация",
    "Отправить статью",
    "вместе ради детей",
    "_gaq",
    "document.write",
    "Share",
]


def parse_fixture(name):
    path = FIXTURES / name
    return parse_legacy(path.read_bytes(), html=path.suffix == ".html")


def page(dateline_paragraph, title="A title"):
    """A minimal legacy text page with the given dateline paragraph."""
    return f"Media centre\n\n{title}\n\n{dateline_paragraph}\n\nThe second paragraph.\n".encode()


def all_text(release):
    blocks = [" ".join([b.text, *b.items, b.attribution, b.role]) for b in release.body]
    contacts = [" ".join(vars(contact).values()) for contact in release.contacts]
    return " ".join([release.title, release.dateline, release.summary, *blocks, *contacts])


def test_an_english_text_page_is_read_field_by_field():
    release = parse_fixture("en_young_reporters.txt")

    assert release.title == "Young reporters in Osh launch a newspaper about children's rights"
    assert release.dateline == "Bishkek, Kyrgyzstan"
    assert release.release_date == datetime.date(2017, 11, 3)
    assert release.summary == (
        "Thirty young reporters from Osh and Batken presented the first issue of their "
        "newspaper on children's rights today, after a month of training supported by UNICEF."
    )
    assert release.credits == (
        "© UNICEF/Kyrgyzstan/2017/Temirov",
        "© UNICEF/Kyrgyzstan/2017/Osmonova",
    )
    assert release.body == (
        LegacyBlock(
            "paragraph",
            text="The reporters, aged 14 to 17, wrote about school meals, safe roads to school "
            "and the lives of children whose parents work abroad.",
        ),
        LegacyBlock("heading", text="What the reporters learnt", level="h2"),
        LegacyBlock(
            "paragraph",
            text="Each reporter interviewed at least one official and one child, and learnt to "
            "protect the identity of children who tell difficult stories.",
        ),
        LegacyBlock(
            "quote",
            text="Children know best what matters to them, and they can tell it in a way "
            "adults will listen to",
            attribution="Aida Temirova",
            role="UNICEF Communication Officer",
        ),
        # A quotation with no one to attribute it to stays a paragraph.
        LegacyBlock("paragraph", text="“We will print the next issue in spring.”"),
        LegacyBlock(
            "paragraph",
            text="The newspaper will be handed out in schools and youth centres across the "
            "south of the country.",
        ),
    )
    assert release.contacts == (
        LegacyContact(
            name="Aida Temirova",
            role="Communication Officer",
            organisation="UNICEF Kyrgyzstan",
            phone="+996 312 611 211",
            email="atemirova@example.org",
        ),
        LegacyContact(
            name="Nurlan Osmonov",
            role="Programme Assistant",
            organisation="UNICEF Kyrgyzstan",
            phone="(+996 3222) 5 56 78",
        ),
    )


def test_a_russian_text_page_is_read_field_by_field():
    release = parse_fixture("ru_disability_reporting.txt")

    assert release.title == "Казахстанские журналисты учатся рассказывать о детях с инвалидностью"
    assert release.dateline == "Алматы"
    assert release.release_date == datetime.date(2016, 11, 19)
    assert release.summary.startswith("Двадцать журналистов из пяти областей Казахстана")
    assert release.credits == ("© UNICEF/Kazakhstan/2016/Ivanova",)
    assert [block.kind for block in release.body] == ["paragraph", "quote", "paragraph"]
    assert release.body[1] == LegacyBlock(
        "quote",
        text="Каждый ребёнок имеет право на то, чтобы о нём говорили как о человеке, "
        "а не как о диагнозе",
        attribution="Анна Иванова",
        role="специалист ЮНИСЕФ по коммуникациям",
    )
    assert release.contacts == (
        LegacyContact(
            name="Анна Иванова",
            role="специалист по коммуникациям",
            organisation="ЮНИСЕФ Казахстан",
            phone="+7 (7172) 32 17 97",
            email="aivanova@example.org",
        ),
    )


def test_a_windows_1251_page_reads_the_same_as_its_utf8_twin():
    assert parse_fixture("ru_disability_reporting_cp1251.txt") == parse_fixture(
        "ru_disability_reporting.txt"
    )


def test_an_html_page_is_read_field_by_field():
    release = parse_fixture("en_naryn_schools.html")

    assert release.title == "Schools in Naryn get clean water and new toilets"
    assert release.dateline == "New York/Bishkek"
    assert release.release_date == datetime.date(2017, 12, 11)
    assert release.summary.startswith("Twelve village schools in Naryn province now have safe")
    assert release.summary.endswith("funded by the people of Japan.")
    assert release.credits == ("© UNICEF/Kyrgyzstan/2017/Bekova",)
    assert release.body == (
        LegacyBlock(
            "paragraph",
            text="Before the project, pupils queued at a single outdoor tap and many girls "
            "stayed at home during their periods.",
        ),
        LegacyBlock("heading", text="What changed", level="h2"),
        LegacyBlock(
            "list",
            items=(
                "Running water in every school kitchen",
                "Separate toilets for girls and boys",
                "Hand-washing stations by every classroom",
            ),
        ),
        LegacyBlock(
            "quote",
            text="Now nobody is late for the second lesson because of the queue outside.",
            attribution="Gulnara Bekova",
            role="head teacher in At-Bashy",
        ),
        LegacyBlock(
            "paragraph", text="The schools' own committees will look after the new facilities."
        ),
    )
    assert release.contacts == (
        LegacyContact(
            name="Timur Askarov",
            role="Communication Officer",
            organisation="UNICEF Kyrgyzstan",
            phone="+996 312 611 211",
            email="taskarov@example.org",
        ),
    )


@pytest.mark.parametrize(
    "fixture",
    [
        "en_young_reporters.txt",
        "ru_disability_reporting.txt",
        "en_naryn_schools.html",
    ],
)
def test_site_chrome_and_scripts_are_left_out(fixture):
    text = all_text(parse_fixture(fixture))

    for chrome in CHROME:
        assert chrome not in text


@pytest.mark.parametrize(
    ("paragraph", "place", "date"),
    [
        ("Almaty, 19 November 2005. – The lead.", "Almaty", datetime.date(2005, 11, 19)),
        (
            "Kyrgyzstan, Bishkek, 20 April 2012 – The lead.",
            "Kyrgyzstan, Bishkek",
            datetime.date(2012, 4, 20),
        ),
        (
            "BISHKEK, Kyrgyzstan, 3 November 2017 – The lead.",
            "Bishkek, Kyrgyzstan",
            datetime.date(2017, 11, 3),
        ),
        (
            "New York/Bishkek, 11 December 2017 – The lead.",
            "New York/Bishkek",
            datetime.date(2017, 12, 11),
        ),
        ("Bishkek, 17 November 2016: The lead.", "Bishkek", datetime.date(2016, 11, 17)),
        ("Osh, 5 May 2014 - The lead.", "Osh", datetime.date(2014, 5, 5)),
        ("Astana, November 19, 2005 — The lead.", "Astana", datetime.date(2005, 11, 19)),
        ("Алматы, 19 ноября 2016 г. – The lead.", "Алматы", datetime.date(2016, 11, 19)),
        ("Бишкек, 3 марта 2015 года – The lead.", "Бишкек", datetime.date(2015, 3, 3)),
        # Kazakh: the year first, in the genitive or abbreviated.
        ("Алматы, 2016 жылғы 19 қараша – The lead.", "Алматы", datetime.date(2016, 11, 19)),
        ("Астана, 2017 ж. 1 желтоқсан – The lead.", "Астана", datetime.date(2017, 12, 1)),
        # The place and date alone on a line, the dash opening the next line or paragraph.
        ("Osh, 5 May 2014\n– The lead.", "Osh", datetime.date(2014, 5, 5)),
        ("Osh, 5 May 2014\n\n– The lead.", "Osh", datetime.date(2014, 5, 5)),
    ],
)
def test_every_form_of_dateline_gives_place_date_and_a_clean_lead(paragraph, place, date):
    release = parse_legacy(page(paragraph))

    assert release.dateline == place
    assert release.release_date == date
    assert release.summary == "The lead."
    assert release.body == (LegacyBlock("paragraph", text="The second paragraph."),)


def test_a_dateline_alone_takes_the_next_paragraph_as_the_lead():
    release = parse_legacy(page("Almaty, 19 November 2005 –\n\nThe lead."))

    assert release.summary == "The lead."
    assert release.body == (LegacyBlock("paragraph", text="The second paragraph."),)


def test_menu_lines_above_the_title_are_dropped_even_when_unknown():
    release = parse_legacy(
        b"Our partners\n\nAnnual reports\n\nThe real title\n\n"
        b"Osh, 5 May 2014 - The lead.\n\nMore.\n"
    )

    assert release.title == "The real title"
    assert "Annual reports" not in all_text(release)


@pytest.mark.parametrize(
    ("paragraph", "attribution", "role"),
    [
        (
            "“Every child counts,” said Jane Doe, UNICEF Representative.",
            "Jane Doe",
            "UNICEF Representative",
        ),
        ("“Every child counts,” Jane Doe said.", "Jane Doe", ""),
        ("“Every child counts.” – Jane Doe, a teacher", "Jane Doe", "a teacher"),
        ("Jane Doe, a teacher, said: “Every child counts.”", "Jane Doe", "a teacher"),
        ("«Каждый ребёнок важен», – отметила Анна Иванова.", "Анна Иванова", ""),
    ],
)
def test_a_quotation_with_a_clear_speaker_becomes_a_quote(paragraph, attribution, role):
    release = parse_legacy(
        page("Osh, 5 May 2014 – The lead.", title="Title") + f"\n{paragraph}\n".encode()
    )

    quote = release.body[-1]
    assert quote.kind == "quote"
    assert quote.text.startswith(("Every child counts", "Каждый ребёнок важен"))
    assert (quote.attribution, quote.role) == (attribution, role)


@pytest.mark.parametrize(
    "paragraph",
    [
        "“Every child counts,” said the director of the school.",
        "The Mission Statement reads: “We mobilize our efforts for every child.”",
        "She said: “Every child counts.” Then she left.",
    ],
)
def test_a_quotation_without_a_clear_speaker_stays_a_paragraph(paragraph):
    release = parse_legacy(page("Osh, 5 May 2014 – The lead.") + f"\n{paragraph}\n".encode())

    assert release.body[-1] == LegacyBlock("paragraph", text=paragraph)


def test_contacts_on_separate_lines_are_one_person_and_a_missing_email_is_fine():
    release = parse_legacy(
        page("Osh, 5 May 2014 – The lead.")
        + b"\nFor more information, please contact:\n\nAida Temirova\nCommunication Officer\n"
        b"UNICEF Kyrgyzstan\nTel.: +996 312 611 211\n\n"
        b"Nurlan Osmonov, UNICEF Kyrgyzstan\n"
    )

    assert release.contacts == (
        LegacyContact(
            name="Aida Temirova",
            role="Communication Officer",
            organisation="UNICEF Kyrgyzstan",
            phone="+996 312 611 211",
        ),
        LegacyContact(name="Nurlan Osmonov", organisation="UNICEF Kyrgyzstan"),
    )
    assert "Aida" not in " ".join(block.text for block in release.body)


@pytest.mark.parametrize(
    ("fixture", "reason", "line"),
    [
        ("broken_no_dateline.txt", "no dateline", None),
        ("broken_no_title.txt", "no title before the dateline", 5),
        ("broken_binary.txt", "binary content", None),
        ("broken_encoding.txt", "unreadable encoding", None),
    ],
)
def test_a_page_that_cannot_be_understood_says_why(fixture, reason, line):
    with pytest.raises(LegacyParseError) as error:
        parse_fixture(fixture)

    assert error.value.reason.startswith(reason)
    assert error.value.line == line


def test_an_impossible_date_is_refused_with_its_line():
    with pytest.raises(LegacyParseError) as error:
        parse_legacy(page("Osh, 31 February 2014 – The lead."))

    assert error.value.reason == "the dateline's date “31 February 2014” is not a valid date"
    assert error.value.line == 5
    assert str(error.value).endswith("(line 5)")


def test_a_release_with_nothing_after_its_lead_is_refused():
    with pytest.raises(LegacyParseError, match="only a lead paragraph"):
        parse_legacy(b"A title\n\nOsh, 5 May 2014 - The lead.\n\nunite for children\n")


def test_an_html_page_without_a_dateline_reports_it():
    with pytest.raises(LegacyParseError, match="no dateline"):
        parse_legacy(b"<html><body><h1>Title</h1><p>No date here.</p></body></html>", html=True)


def test_an_html_page_in_a_declared_charset_is_decoded():
    html = (
        '<html><head><meta charset="windows-1251"></head><body><h1>Заголовок</h1>'
        "<p>Бишкек, 3 марта 2015 г. – Начало.</p><p>Дальше.</p></body></html>"
    ).encode("cp1251")

    release = parse_legacy(html, html=True)

    assert (release.title, release.dateline, release.summary) == ("Заголовок", "Бишкек", "Начало.")
