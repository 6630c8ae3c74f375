"""Readers never meet English on a Russian, Kazakh or Kyrgyz page, nor a date in the wrong order."""

import datetime
from pathlib import Path

import polib
import pytest
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for folder in ("locale", "pressreleases/locale")
    for path in (ROOT / folder).glob("*/LC_MESSAGES/django.po")
)


@pytest.mark.parametrize("language", ["ru", "kk", "ky"])
@pytest.mark.parametrize("folder", ["locale", "pressreleases/locale"])
def test_every_language_has_a_catalogue(folder, language):
    assert ROOT / folder / language / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled_strings = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled}
    for entry in catalogue.translated_entries():
        if not entry.msgid_plural:
            assert compiled_strings.get((entry.msgctxt, entry.msgid)) == entry.msgstr, (
                f"{po_path.with_suffix('.mo')} is stale: run `make messages`"
            )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "19 November 2005"),
        ("ru", "19 ноября 2005 г."),
        ("kk", "2005 ж. 19 қараша"),
        ("ky", "2005-ж., 19-ноябрь"),
    ],
)
def test_long_dates_read_natively(language, expected):
    with translation.override(language):
        assert formats.date_format(datetime.date(2005, 11, 19)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "unite for children"),
        ("ru", "вместе ради детей"),
        ("kk", "балалар үшін бірігейік"),
        ("ky", "балдар үчүн биригели"),
    ],
)
def test_tagline_is_translated(language, expected):
    with translation.override(language):
        assert translation.gettext("unite for children") == expected


# Russian has three plural forms (1, 2–4, 5+ with the teens apart); Kazakh and Kyrgyz
# nouns after a number stay singular, but CLDR still gives them "one" and "other".
PLURAL_FORMS = {
    "ru": (
        3,
        "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
    ),
    "kk": (2, "(n != 1)"),
    "ky": (2, "(n != 1)"),
}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_declares_its_languages_plural_rule(po_path):
    catalogue = polib.pofile(str(po_path))
    nplurals, rule = PLURAL_FORMS[po_path.parent.parent.name]
    assert catalogue.metadata["Plural-Forms"] == f"nplurals={nplurals}; plural={rule};"
    for entry in catalogue:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == nplurals, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        (
            "ru",
            {1: "1 проект", 3: "3 проекта", 5: "5 проектов", 11: "11 проектов", 21: "21 проект"},
        ),
        ("kk", {1: "1 жоба", 5: "5 жоба"}),
        ("ky", {1: "1 долбоор", 5: "5 долбоор"}),
    ],
)
def test_plurals_agree_with_the_number(language, counts):
    with translation.override(language):
        for number, expected in counts.items():
            phrase = translation.ngettext("%(counter)s project", "%(counter)s projects", number)
            assert phrase % {"counter": number} == expected
