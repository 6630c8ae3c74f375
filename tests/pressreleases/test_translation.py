"""Press releases translated through wagtail-localize, as editors do it in the admin."""

import datetime

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import translate_object

from .. import factories
from ..html import links, text
from ..localize import fill_segments, save_target, sync, translate

pytestmark = pytest.mark.django_db

SECTIONS = {
    "ru": {"Media centre": "Медиацентр", "Press releases": "Пресс-релизы"},
    "kk": {"Media centre": "Медиаорталық", "Press releases": "Баспасөз хабарламалары"},
    "ky": {"Media centre": "Медиаборбор", "Press releases": "Пресс-релиздер"},
}
RELEASE = {
    "ru": {
        "Vaccines reach every district": "Вакцины дошли до каждого района",
        "Almaty": "Алматы",
        "Ten thousand children were vaccinated.": "Десять тысяч детей получили прививки.",
        "Teams travelled to remote villages.": "Бригады выезжали в отдалённые сёла.",
        "vaccines-reach-every-district": "vakciny-doshli-do-kazhdogo-rajona",
    },
    "kk": {
        "Vaccines reach every district": "Вакциналар әр ауданға жетті",
        "Almaty": "Алматы",
        "Ten thousand children were vaccinated.": "Он мың бала екпе алды.",
        "Teams travelled to remote villages.": "Топтар шалғай ауылдарға барды.",
        "vaccines-reach-every-district": "vakcinalar-ar-audanga-zhetti",
    },
    "ky": {
        "Vaccines reach every district": "Вакциналар ар бир районго жетти",
        "Almaty": "Алматы",
        "Ten thousand children were vaccinated.": "Он миң бала эмделди.",
        "Teams travelled to remote villages.": "Топтор алыскы айылдарга барышты.",
        "vaccines-reach-every-district": "vakcinalar-ar-bir-rajongo-zhetti",
    },
}
FOR_MORE_INFORMATION = {
    "ru": "Дополнительная информация",
    "kk": "Қосымша ақпарат",
    "ky": "Кошумча маалымат",
}
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша", "ky": "Кыргызча"}
NATIVE_DATE = {
    "ru": "19 ноября 2005 г.",
    "kk": "2005 ж. 19 қараша",
    "ky": "2005-ж., 19-ноябрь",
}


@pytest.fixture
def english_release():
    centre = factories.media_centre("en")
    index = factories.release_index(centre)
    page = factories.release(
        index,
        title="Vaccines reach every district",
        slug="vaccines-reach-every-district",
        date=datetime.date(2005, 11, 19),
        summary="Ten thousand children were vaccinated.",
        body=[("paragraph", "<p>Teams travelled to remote villages.</p>")],
    )
    factories.attach(page, contacts=[factories.contact()])
    return centre, index, page


def translate_tree(centre, index, page, language):
    translate(centre, language, SECTIONS[language])
    translate(index, language, SECTIONS[language])
    return translate(page, language, RELEASE[language], fallback=str)


@pytest.mark.parametrize("language", ["ru", "kk", "ky"])
def test_release_translated_from_english_reads_natively(client, english_release, language):
    translated = translate_tree(*english_release, language)
    assert translated.live
    assert translated.url_path.endswith(f"/{RELEASE[language]['vaccines-reach-every-district']}/")

    response = client.get(translated.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert f"<h1>{RELEASE[language]['Vaccines reach every district']}</h1>" in html
    page_text = text(html)
    assert f"Алматы, {NATIVE_DATE[language]} –" in page_text
    assert RELEASE[language]["Ten thousand children were vaccinated."] in page_text
    assert FOR_MORE_INFORMATION[language] in page_text
    assert "For more information" not in page_text
    assert "Email this article" not in page_text

    head = html[: html.index("</head>")]
    english_url = "http://testserver/en/media-centre/press-releases/vaccines-reach-every-district/"
    assert f'<link rel="alternate" hreflang="en" href="{english_url}">' in head
    assert f'hreflang="{language}" href="http://testserver{translated.url}"' in head

    switcher = html[html.index('class="language-switcher"') :]
    switcher_links = dict(links(switcher))
    assert switcher_links[translated.url] == LANGUAGE_NAMES[language]
    english_link = reverse("choose_language", args=["en"]) + "?next=" + english_release[2].url
    assert english_link in switcher_links


def test_switcher_round_trips_between_the_four_versions(client, english_release):
    versions = {"en": english_release[2]}
    for language in ["ru", "kk", "ky"]:
        versions[language] = translate_tree(*english_release, language)
    for page in versions.values():
        html = client.get(page.url).content.decode()
        switcher = html[html.index('class="language-switcher"') :]
        hrefs = [href for href, _label in links(switcher)]
        for code, version in versions.items():
            assert any(href.endswith(version.url) for href in hrefs), (page.url, code)


def test_sync_brings_source_changes_and_keeps_finished_translations(client, english_release):
    centre, index, page = english_release
    russian = translate_tree(centre, index, page, "ru")

    # As in the editor: the existing paragraph keeps its block id, a new one is added.
    page.body.append(("paragraph", RichText("<p>A second round starts in spring.</p>")))
    page.summary = "Twelve thousand children were vaccinated."
    factories.publish(page)
    source = sync(page)
    translation = Translation.objects.get(source=source, target_locale__language_code="ru")
    fill_segments(
        translation,
        {
            "A second round starts in spring.": "Второй тур начнётся весной.",
            "Twelve thousand children were vaccinated.": "Двенадцать тысяч детей получили прививки.",
        },
    )
    save_target(translation)

    page_text = text(client.get(russian.url).content.decode())
    assert "Второй тур начнётся весной." in page_text
    assert "Двенадцать тысяч детей получили прививки." in page_text
    assert "Бригады выезжали в отдалённые сёла." in page_text
    assert "Десять тысяч детей" not in page_text
    assert "A second round" not in page_text


def test_a_release_written_in_russian_translates_into_english(client):
    russian_centre = factories.media_centre("ru")
    russian_index = factories.release_index(russian_centre)
    russian = factories.release(
        russian_index,
        title="Школы Оша получили учебники",
        slug="shkoly-osha",
        dateline="Ош",
        date=datetime.date(2016, 11, 17),
        summary="Сто школ получили новые учебники.",
        body=[("paragraph", "<p>Учебники напечатаны на кыргызском и русском языках.</p>")],
    )
    english_words = {
        "Медиа-центр": "Media centre",
        "Media centre": "Media centre",
        "Press releases": "Press releases",
        "Школы Оша получили учебники": "Osh schools receive textbooks",
        "Ош": "Osh",
        "Сто школ получили новые учебники.": "One hundred schools received new textbooks.",
        "Учебники напечатаны на кыргызском и русском языках.": "The textbooks are printed in Kyrgyz and Russian.",
        "shkoly-osha": "osh-schools",
    }
    translate(russian_centre, "en", english_words)
    translate(russian_index, "en", english_words)
    english = translate(russian, "en", english_words)

    assert english.locale.language_code == "en"
    assert english.url == "/en/media-centre/press-releases/osh-schools/"
    page_text = text(client.get(english.url).content.decode())
    assert "Osh, 17 November 2016 –" in page_text
    assert "One hundred schools received new textbooks." in page_text
    assert "Учебники" not in page_text


def test_translating_a_release_builds_the_missing_sections_of_the_other_tree(english_release):
    _centre, _index, page = english_release
    kyrgyz = translate(page, "ky", RELEASE["ky"], fallback=str)

    parents = [ancestor.specific for ancestor in kyrgyz.get_ancestors().filter(depth__gt=1)]
    assert [type(parent).__name__ for parent in parents] == [
        "HomePage",
        "MediaCentrePage",
        "PressReleaseIndexPage",
    ]
    assert all(parent.locale.language_code == "ky" for parent in parents)
    assert parents[2].get_parent().pk == parents[1].pk
    assert parents[1].get_parent().pk == parents[0].pk
    assert not parents[1].live and not parents[2].live


def test_a_new_translation_of_a_live_page_stays_a_draft_until_translated(english_release):
    _centre, _index, page = english_release
    translate(english_release[0], "kk", SECTIONS["kk"])
    translate(english_release[1], "kk", SECTIONS["kk"])
    translate_object(page, [factories.locale("kk")])
    draft = page.get_translation(factories.locale("kk"))
    assert not draft.live


@override_settings(
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
)
def test_machine_translation_fills_the_strings_when_configured(admin_client, english_release):
    _centre, _index, page = english_release
    translate_object(page, [factories.locale("ru")])
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="ru"
    )
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": "/admin/"},
    )
    assert response.status_code == 302
    translated = StringTranslation.objects.filter(
        locale__language_code="ru", translation_type="machine"
    ).values_list("data", flat=True)
    # The dummy translator reverses the words.
    assert "district every reach Vaccines" in translated


def test_machine_translation_is_off_by_default(settings):
    assert not hasattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")


def test_sync_screen_explains_what_a_sync_brings_and_keeps(admin_client, english_release):
    centre, index, page = english_release
    translate_tree(centre, index, page, "ru")
    source = sync(page)
    html = admin_client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))
    page_text = text(html.content.decode())
    assert "What a sync brings over" in page_text
    assert "What a sync keeps" in page_text


def test_an_outside_translator_works_through_a_po_file(admin_client, english_release):
    centre, index, page = english_release
    translate(centre, "ru", SECTIONS["ru"], fallback=str)
    translate(index, "ru", SECTIONS["ru"], fallback=str)
    translate_object(page, [factories.locale("ru")])
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="ru"
    )

    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    catalogue = polib.pofile(response.content.decode())
    assert "Vaccines reach every district" in [entry.msgid for entry in catalogue]
    for entry in catalogue:
        entry.msgstr = RELEASE["ru"].get(entry.msgid, entry.msgid)

    upload = SimpleUploadedFile("release-ru.po", str(catalogue).encode(), "text/x-gettext")
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    save_target(translation)
    russian = page.get_translation(factories.locale("ru"))
    assert russian.title == "Вакцины дошли до каждого района"


def test_a_po_file_for_another_translation_is_refused(admin_client, english_release):
    centre, index, page = english_release
    translate_object(page, [factories.locale("ru"), factories.locale("kk")])
    russian, kazakh = (
        Translation.objects.get(
            source__object_id=page.translation_key, target_locale__language_code=code
        )
        for code in ["ru", "kk"]
    )
    russian_po = admin_client.get(reverse("wagtail_localize:download_pofile", args=[russian.pk]))
    upload = SimpleUploadedFile("wrong.po", russian_po.content, "text/x-gettext")
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[kazakh.pk]),
        {"file": upload, "next": "/admin/"},
        follow=True,
    )
    assert "different translation" in response.content.decode()
    assert not StringTranslation.objects.filter(locale__language_code="kk").exists()
