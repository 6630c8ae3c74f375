"""Whole journeys as the real roles, each signing in through the login page: a Kazakh editor
writes a release with a photo, a reviewer (with an authenticator code) asks for changes and
then approves it, an editor translates it into Russian and English and a reader reads all
three; an editor changes the shared "About us" text, which readers see only once approved.

Screenshots of every step go to var/screenshots/journey-*.png.
"""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils.html import strip_tags
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from pressreleases.models import PressReleaseIndexPage, PressReleasePage
from pressreleases.snippets import Boilerplate, Contact, Topic
from tests.security.accounts import code_for

from .conftest import ARTEFACTS, PASSWORD, demo_user, forget_sign_ins

pytestmark = pytest.mark.django_db

SCREENSHOTS = ARTEFACTS / "screenshots"
KK_EDITOR = "editor-kk"
EDITOR = "editor"
REVIEWER = "reviewer"

TITLES = {
    "kk": "Ауыл мектептерінде енді ыстық тамақ бар",
    "ru": "В сельских школах теперь горячее питание",
    "en": "Village schools now serve hot meals",
}
SUMMARY = "Облыстағы әрбір оқушы мектепте түскі ас алады."
FIXED_SUMMARY = "Облыстағы әрбір оқушы енді мектепте тегін ыстық түскі ас алады."
PARAGRAPH = "Жүз жиырма мектепте асхана ашылды."
CREDIT = "© UNICEF/Kazakhstan"
CAPTION = "Түскі ас кезінде мектеп асханасы"
CHANGES_WANTED = "Түйіндемеде тамақтың тегін екенін жазыңыз."
# What the editor types into the translation editor, source text first.
TRANSLATIONS = {
    "ru": {
        TITLES["kk"]: TITLES["ru"],
        "Алматы": "Алматы",
        FIXED_SUMMARY: "Каждый ученик области теперь получает в школе бесплатный горячий обед.",
    },
    "en": {
        TITLES["kk"]: TITLES["en"],
        "Алматы": "Almaty",
        FIXED_SUMMARY: "Every pupil in the region now gets a free hot lunch at school.",
    },
}
RELEASE = "children-take-over-the-news-on-world-childrens-day"
NEW_ABOUT_US = "UNICEF works in more than 190 countries and territories to save children's lives."


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"journey-{name}.png", full_page=True)


@pytest.fixture(autouse=True)
def without_autosave(settings):
    """As in test_editorial_flow.py: autosave's background saves race with the clicks."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture(scope="module")
def people(live_site, django_db_blocker):
    """The Kazakh editor, and an authenticator app for the reviewer, who must use it here
    as in production. Removed afterwards, with axes' records of their sign-ins."""
    with django_db_blocker.unblock():
        User = get_user_model()
        kk_editor = User.objects.filter(username=KK_EDITOR).first()
        created = kk_editor is None
        if created:
            kk_editor = demo_user(KK_EDITOR, "Editors (Қазақша)")
        reviewer = User.objects.get(username=REVIEWER)
        device = TOTPDevice.objects.create(user=reviewer, name="Authenticator app", confirmed=True)
    try:
        with override_settings(MEDIACENTRE_2FA_REQUIRED=True):
            yield device
    finally:
        with django_db_blocker.unblock():
            TOTPDevice.objects.filter(pk=device.pk).delete()
            if created:
                kk_editor.delete()
            forget_sign_ins(KK_EDITOR, EDITOR, REVIEWER)


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_in_with_code(page, username, device):
    sign_in(page, username)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_role("textbox", name="Code").fill(fresh_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def fresh_code(device):
    """The phone's current code; a code once used is refused, so wait for the next one."""
    device.refresh_from_db()
    while True:
        step = int(time.time() - device.t0) // device.step
        if device.last_t is None or step > device.last_t:
            break
        time.sleep(1)
    return code_for(device)


def wait_for_admin_scripts(page):
    """Clicked before the editor's scripts run, a workflow button only saves the draft."""
    expect(page.get_by_role("button", name="More actions")).to_be_visible()
    page.wait_for_load_state("networkidle")


def workflow_action(page, name, exact=True):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name, exact=exact if isinstance(name, str) else None).click()


def approve_review(page, parent):
    workflow_action(page, "Approve")
    # Wagtail goes back to the page's parent after each workflow action.
    expect(page).to_have_url(re.compile(rf"/admin/pages/{parent.pk}/$"))


def approve_safeguarding_check(page, parent):
    # The last task's button reads "… and Publish".
    workflow_action(page, "Approve after the safeguarding check", exact=False)
    dialog = page.get_by_role("dialog")
    for field in ("no_identifying_details", "consent_recorded", "names_changed"):
        dialog.locator(f"#id_{field}").check()
    dialog.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{parent.pk}/$"))


def open_from_dashboard(page, title):
    page.goto("/admin/")
    page.get_by_role("link", name=title, exact=True).first.click()
    wait_for_admin_scripts(page)


def photo(tmp_path):
    path = tmp_path / "school-canteen.jpg"
    Image.new("RGB", (1600, 900), (30, 120, 200)).save(path, "JPEG")
    return path


def shared_snippets(*languages):
    """What readers of those languages see of the shared contacts and topics."""
    return {
        model.__name__: sorted(
            model.objects.filter(locale__language_code__in=languages).values_list(
                "pk", "locale__language_code", "name", "live"
            )
        )
        for model in (Contact, Topic)
    }


@pytest.fixture
def kazakh_release_cleanup(django_db_blocker):
    """The journey's release and its translations are deleted afterwards, so the demo is
    as other browser tests expect it."""
    yield
    with django_db_blocker.unblock():
        for release in PressReleasePage.objects.filter(title__in=TITLES.values()):
            TranslationSource.objects.filter(object_id=release.translation_key).delete()
            Page.objects.filter(pk=release.pk).delete()
        get_image_model().objects.filter(credit=CREDIT).delete()


def write_kazakh_release(page, index, tmp_path, kk_contact, kk_topic):
    page.goto(f"/admin/pages/{index.pk}/")
    shot(page, "1-01-kazakh-releases")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_placeholder("Page title*").fill(TITLES["kk"])
    page.get_by_placeholder("Page title*").press("Tab")
    page.locator("#id_dateline").fill("Алматы")
    page.locator("#id_release_date").fill("2026-05-06")
    page.locator("#id_summary").fill(SUMMARY)

    page.get_by_role("button", name="Choose an image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.locator("input[type=file]").set_input_files(photo(tmp_path))
    chooser.get_by_label("Caption", exact=True).fill(CAPTION)
    chooser.get_by_label("Credit", exact=True).fill(CREDIT)
    chooser.get_by_role("radio", name="No", exact=True).check()
    shot(page, "1-02-upload-photo")
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()

    page.locator("#body-root").get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.locator("#body-root [contenteditable=true]")
    paragraph.click()
    paragraph.press_sequentially(PARAGRAPH)
    # Draftail writes the text into the form's hidden input when the editor loses focus.
    page.locator("#id_summary").click()
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("асхана"))

    page.get_by_role("button", name="Add For more information").click()
    page.locator("#id_contact_links-0-contact").locator("..").get_by_role(
        "button", name="Choose contact"
    ).click()
    page.get_by_role("dialog").get_by_role("link", name=str(kk_contact)).click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.get_by_role("button", name="Add Topic").click()
    page.locator("#id_topic_links-0-topic").locator("..").get_by_role(
        "button", name="Choose topic"
    ).click()
    page.get_by_role("dialog").get_by_role("link", name=kk_topic.name).click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    shot(page, "1-03-kazakh-release-written")

    workflow_action(page, "Submit to Media centre review")
    expect(
        page.get_by_text(f"Page '{TITLES['kk']}' created and submitted for moderation.")
    ).to_be_visible()
    shot(page, "1-04-submitted")


def test_a_kazakh_release_is_reviewed_translated_and_read_in_three_languages(
    new_page, live_site, people, tmp_path, kazakh_release_cleanup
):
    index = PressReleaseIndexPage.objects.get(locale__language_code="kk")
    kk_contact = Contact.objects.filter(locale__language_code="kk", live=True).first()
    kk_topic = Topic.objects.filter(locale__language_code="kk", live=True).first()
    before = shared_snippets("en", "ru")

    # 1. The Kazakh editor writes the release and submits it.
    kk_editor = new_page()
    sign_in(kk_editor, KK_EDITOR)
    expect(kk_editor).to_have_url(re.compile(r"/admin/$"))
    write_kazakh_release(kk_editor, index, tmp_path, kk_contact, kk_topic)
    release = PressReleasePage.objects.get(title=TITLES["kk"])
    assert release.locale.language_code == "kk"
    assert release.hero_image.credit == CREDIT
    assert not release.hero_image.shows_identifiable_child
    assert [link.contact for link in release.contact_links.all()] == [kk_contact]
    assert [link.topic for link in release.topic_links.all()] == [kk_topic]

    # 2. The reviewer, signed in with a code from the app, asks for a change.
    reviewer = new_page()
    sign_in_with_code(reviewer, REVIEWER, people)
    shot(reviewer, "1-05-reviewer-dashboard")
    open_from_dashboard(reviewer, TITLES["kk"])
    workflow_action(reviewer, "Request changes")
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_label("Comment").fill(CHANGES_WANTED)
    shot(reviewer, "1-06-request-changes")
    dialog.locator("button[type=submit]").click()
    expect(reviewer).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    release.refresh_from_db()
    assert release.workflow_states.get().status == "needs_changes"

    # 3. The Kazakh editor signs in again, reads the comment, fixes the summary, resubmits.
    kk_editor = new_page()
    sign_in(kk_editor, KK_EDITOR)
    open_from_dashboard(kk_editor, TITLES["kk"])
    expect(kk_editor.get_by_text(CHANGES_WANTED).first).to_be_attached()
    kk_editor.locator("#id_summary").fill(FIXED_SUMMARY)
    shot(kk_editor, "1-07-summary-fixed")
    workflow_action(kk_editor, "Resubmit to Review by a reviewer")
    expect(kk_editor).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    release.refresh_from_db()
    assert release.workflow_states.get().status == "in_progress"
    assert release.get_latest_revision_as_object().summary == FIXED_SUMMARY

    # 4. The reviewer approves the review, then the safeguarding check.
    open_from_dashboard(reviewer, TITLES["kk"])
    approve_review(reviewer, index)
    assert release.current_workflow_state.current_task_state.task.name == "Safeguarding check"
    open_from_dashboard(reviewer, TITLES["kk"])
    approve_safeguarding_check(reviewer, index)
    shot(reviewer, "1-08-kazakh-release-approved")
    release.refresh_from_db()
    assert release.live
    assert release.summary == FIXED_SUMMARY

    # 5. An editor of every language translates it into Russian, then English; the reviewer
    # approves the Russian through both tasks from the dashboard, the English from the
    # translation editor itself.
    editor = new_page()
    sign_in(editor, EDITOR)
    for language, approve in (("ru", approve_from_dashboard), ("en", approve_in_editor)):
        translate(editor, release, language)
        translated = release.get_translation(Locale.objects.get(language_code=language))
        assert translated.get_latest_revision_as_object().title == TITLES[language]
        approve(reviewer, translated, language)
        translated.refresh_from_db()
        assert translated.live, language

    # 6. Nothing the other languages' readers see of the shared snippets changed, and each
    # translation links its own language's contact and topic.
    assert shared_snippets("en", "ru") == before
    for language in ("ru", "en"):
        translated = PressReleasePage.objects.get(title=TITLES[language])
        assert translated.locale.language_code == language
        assert [link.contact for link in translated.contact_links.all()] == [
            kk_contact.get_translation(translated.locale)
        ]
        assert [link.topic for link in translated.topic_links.all()] == [
            kk_topic.get_translation(translated.locale)
        ]

    reader = new_page()
    for language, title in TITLES.items():
        translated = PressReleasePage.objects.get(title=title)
        assert reader.goto(translated.url).status == 200
        expect(reader.locator("html")).to_have_attribute("lang", language)
        expect(reader.get_by_role("heading", level=1)).to_have_text(title)
        shot(reader, f"1-12-reader-{language}")
    reader.goto(release.url)
    hero = reader.locator("figure.hero")
    expect(hero.locator("img")).to_be_visible()
    expect(hero.locator(".credit")).to_have_text(CREDIT)
    assert hero.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")


def translate(page, release, language):
    """ "Translate this page" from the release's header, one language, then the translation
    editor: the title and two segments, and "Save and submit for review"."""
    page.goto(f"/admin/pages/{release.pk}/edit/")
    header = page.get_by_role("navigation", name="Actions", exact=True)
    header.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Translate this page").click()
    locale = Locale.objects.get(language_code=language)
    page.get_by_label(locale.get_display_name(), exact=True).check()
    shot(page, f"1-09-translate-into-{language}")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_role("button", name="Save and submit for review")).to_be_visible()
    page.wait_for_load_state("networkidle")
    for source, translation in TRANSLATIONS[language].items():
        # wagtail-localize marks each segment's item "incomplete" until it is translated.
        segment = page.locator("li.incomplete").filter(has_text=source).last
        segment.get_by_role("button", name="Translate", exact=True).click()
        segment.locator("textarea").fill(translation)
        segment.get_by_role("button", name="Save", exact=True).click()
        saved = page.locator("li.complete").filter(has_text=translation).last
        expect(saved.get_by_text("Translated manually")).to_be_visible()
    shot(page, f"1-10-translated-into-{language}")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("The translation is saved and waits for a reviewer")).to_be_visible()


def approve_from_dashboard(page, translated, language):
    """Both tasks from the row of the reviewer's dashboard."""
    for action in ("Approve", "Approve after the safeguarding check"):
        page.goto("/admin/")
        shot(page, f"1-11-dashboard-{language}")
        row = page.locator("#awaiting-review-section tr").filter(
            has=page.get_by_role("link", name=translated.title, exact=True)
        )
        row.get_by_role("button", name="Actions").click()
        # Either way Wagtail's script goes back to the dashboard once the task is approved.
        with page.expect_navigation():
            row.get_by_role("button", name=action, exact=True).click()
            confirm_action(page, action, language)


def approve_in_editor(page, translated, language):
    """Both tasks from the review bar above wagtail-localize's translation editor."""
    for action in ("Approve", "Approve after the safeguarding check"):
        page.goto(f"/admin/pages/{translated.pk}/edit/")
        bar = page.locator(".translation-review")
        expect(bar).to_contain_text("This translation waits for a reviewer")
        # The editor left the paragraph and the photo's wording to the source's Kazakh.
        expect(bar).to_contain_text("sentences are not translated yet")
        shot(page, f"1-11-translation-editor-{language}")
        with page.expect_navigation():
            bar.get_by_role("button", name=action, exact=True).click()
            confirm_action(page, action, language)


def confirm_action(page, action, language):
    """A plain approval is sent at once; the safeguarding check asks for its checklist."""
    if action == "Approve":
        return
    dialog = page.get_by_role("dialog")
    for field in ("no_identifying_details", "consent_recorded", "names_changed"):
        dialog.locator(f"#id_{field}").check()
    shot(page, f"1-11-safeguarding-{language}")
    dialog.locator("button[type=submit]").click()


@pytest.fixture
def about_us(django_db_blocker):
    """The English "About us" text, put back afterwards as a published revision, so the
    snippet's editor and its readers show the demo's text again."""
    boilerplate = Boilerplate.objects.get(locale__language_code="en")
    text = boilerplate.text
    yield boilerplate
    with django_db_blocker.unblock():
        boilerplate.refresh_from_db()
        for state in boilerplate.workflow_states.filter(status="in_progress"):
            state.cancel()
        boilerplate.text = text
        boilerplate.save_revision().publish()


def test_a_new_about_us_text_reaches_readers_only_once_a_reviewer_approves_it(
    new_page, live_site, people, about_us
):
    old_text = strip_tags(about_us.text)
    russian = Boilerplate.objects.get(locale__language_code="ru")
    russian_before = (russian.title, russian.text, russian.live, russian.latest_revision_id)
    release = PressReleasePage.objects.live().get(locale__language_code="en", slug=RELEASE)
    listing = re.compile(r"/admin/snippets/pressreleases/boilerplate/(\?.*)?$")

    editor = new_page()
    sign_in(editor, EDITOR)
    editor.goto("/admin/snippets/pressreleases/boilerplate/")
    shot(editor, "2-01-boilerplates")
    editor.get_by_role("link", name=about_us.title, exact=True).click()
    wait_for_admin_scripts(editor)
    text = editor.locator("[contenteditable=true]")
    text.click()
    text.press("Control+A")
    text.press_sequentially(NEW_ABOUT_US)
    editor.locator("#id_title").click()  # Draftail fills its hidden input on leaving
    expect(editor.locator("input[name='text']")).to_have_value(re.compile("save children"))
    shot(editor, "2-02-new-about-us")
    workflow_action(editor, "Submit to Shared content review")
    expect(editor).to_have_url(listing)
    about_us.refresh_from_db()
    assert about_us.current_workflow_state.status == "in_progress"

    reader = new_page()
    reader.goto(release.url)
    about = reader.locator(".boilerplate")
    expect(about).to_contain_text(old_text[:60])
    expect(about).not_to_contain_text(NEW_ABOUT_US)
    shot(reader, "2-03-reader-before-approval")

    reviewer = new_page()
    sign_in_with_code(reviewer, REVIEWER, people)
    open_from_dashboard(reviewer, about_us.title)
    shot(reviewer, "2-04-reviewer-opens-about-us")
    # The only task, so its button reads "Approve and Publish".
    workflow_action(reviewer, re.compile(r"^Approve( and Publish)?$"))
    expect(reviewer).to_have_url(listing)
    about_us.refresh_from_db()
    assert about_us.live and NEW_ABOUT_US in about_us.text

    reader.reload()
    expect(about).to_contain_text(NEW_ABOUT_US)
    expect(about).not_to_contain_text(old_text[:60])
    shot(reader, "2-05-reader-after-approval")
    russian.refresh_from_db()
    assert (russian.title, russian.text, russian.live, russian.latest_revision_id) == (
        russian_before
    )
    reader.goto(release.get_translation(russian.locale).url)
    expect(reader.locator(".boilerplate")).to_contain_text(strip_tags(russian.text)[:60])
