"""An editor's draft keeps every word they typed, and a page they abandon leaves nothing."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Revision, WorkflowState

from pressreleases.models import PressReleaseIndexPage, PressReleasePage

from .conftest import log_in

pytestmark = pytest.mark.django_db

PARAGRAPH = "Water points now reach 40 schools in Batken."


def start_release(page, index, title):
    """A title and a first paragraph: the dateline, date and summary can wait for a draft."""
    page.goto(f"/admin/pages/{index.pk}/add_subpage/")
    page.wait_for_load_state("networkidle")
    page.get_by_placeholder("Page title*").fill(title)
    page.get_by_placeholder("Page title*").press("Tab")  # leaving the title fills in the slug
    page.locator("#body-root").get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.locator("#body-root [contenteditable=true]")
    paragraph.click()
    paragraph.press_sequentially(PARAGRAPH)
    expect(paragraph).to_have_text(PARAGRAPH)


def test_a_draft_saved_at_once_keeps_the_paragraph_just_typed(new_page, live_site):
    title = "Clean water for schools in Batken"
    index = PressReleaseIndexPage.objects.get(locale__language_code="en")
    editor = new_page()
    log_in(editor, "editor")

    start_release(editor, index, title)
    editor.get_by_role("button", name="Save draft").click()

    expect(editor.get_by_text(f"Page '{title}' created.")).to_be_visible()
    expect(editor.get_by_text("could not be created")).to_have_count(0)
    release = PressReleasePage.objects.get(title=title)
    assert not release.live
    assert release.release_date is None
    assert PARAGRAPH in str(release.get_latest_revision_as_object().body)
    editor.goto(f"/admin/pages/{release.pk}/edit/")
    expect(editor.locator("#body-root [contenteditable=true]")).to_have_text(PARAGRAPH)

    # What may wait for a draft is asked for when it goes to review.
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Media centre review").click()
    expect(
        editor.get_by_text("The page could not be saved due to validation errors")
    ).to_be_visible()
    expect(editor.locator("[data-field-wrapper]:has(#id_release_date)")).to_contain_text(
        "This field is required."
    )
    assert not WorkflowState.objects.filter(object_id=str(release.pk)).exists()


def test_a_new_page_left_unsaved_leaves_nothing_behind(new_page, live_site):
    title = "A release nobody saved"
    index = PressReleaseIndexPage.objects.get(locale__language_code="en")
    pages_before = index.get_children().count()
    revisions_before = Revision.objects.count()
    editor = new_page()
    log_in(editor, "editor")

    start_release(editor, index, title)
    # Longer than any background save would wait before sending the form.
    editor.wait_for_timeout(3000)
    editor.locator("#id_summary").click()
    editor.wait_for_load_state("networkidle")
    # Wagtail warns of unsaved changes when leaving; the editor leaves anyway.
    editor.on("dialog", lambda dialog: dialog.accept())
    editor.goto("/admin/")
    expect(editor).to_have_url(re.compile(r"/admin/$"))

    assert not PressReleasePage.objects.filter(title=title).exists()
    assert index.get_children().count() == pages_before
    assert Revision.objects.count() == revisions_before
