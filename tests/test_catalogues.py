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
