"""An editor writes a release, a reviewer approves it through both tasks, a reader reads it."""

import re

import pytest
from playwright.sync_api import expect

from pressreleases.models import PressReleaseIndexPage, PressReleasePage

from .conftest import log_in

pytestmark = pytest.mark.django_db

TITLE = "School meals reach every village in Naryn"


def write_and_submit(page, index):
    page.goto(f"/admin/pages/{index.pk}/add_subpage/")
    page.wait_for_load_state("networkidle")
    page.get_by_placeholder("Page title*").fill(TITLE)
    page.get_by_placeholder("Page title*").press("Tab")  # leaving the title fills in the slug
    expect(page.locator("#id_slug")).to_have_value("school-meals-reach-every-village-in-naryn")
    page.locator("#id_dateline").fill("Naryn")
    page.locator("#id_release_date").fill("2026-05-04")
    page.locator("#id_summary").fill("Every pupil in the region now gets a hot lunch at school.")
    page.locator("#body-root").get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = page.locator("#body-root [contenteditable=true]")
    paragraph.click()
    paragraph.press_sequentially("Kitchens opened in 120 schools.")
    expect(paragraph).to_have_text("Kitchens opened in 120 schools.")
    # Draftail writes the text into the form's hidden input when the editor loses focus.
    page.locator("#id_summary").click()
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("Kitchens"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Media centre review").click()
    expect(
        page.get_by_text(f"Page '{TITLE}' created and submitted for moderation.")
    ).to_be_visible()


def wait_for_admin_scripts(page):
    """The editor's buttons work through scripts; clicked earlier, a workflow action button
    only saves the draft."""
    expect(page.get_by_role("button", name="More actions")).to_be_visible()
    page.wait_for_load_state("networkidle")


def open_from_dashboard(page):
    page.goto("/admin/")
    page.get_by_role("link", name=TITLE).click()
    wait_for_admin_scripts(page)


def approve_review(page, index):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    # Wagtail goes back to the release's index after each workflow action.
    expect(page).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))


def approve_safeguarding_check(page, index):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve after the safeguarding check").click()
    dialog = page.get_by_role("dialog")
    for field in ("no_identifying_details", "consent_recorded", "names_changed"):
        dialog.locator(f"#id_{field}").check()
    dialog.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))


def test_a_release_goes_live_after_review_and_safeguarding_check(new_page, live_site):
    index = PressReleaseIndexPage.objects.get(locale__language_code="en")
    editor = new_page()
    log_in(editor, "editor")
    write_and_submit(editor, index)
    release = PressReleasePage.objects.get(title=TITLE)
    reader = new_page()
    assert reader.goto(release.url).status == 404

    reviewer = new_page()
    log_in(reviewer, "reviewer")
    open_from_dashboard(reviewer)
    approve_review(reviewer, index)
    workflow_state = release.current_workflow_state
    assert workflow_state.current_task_state.task.name == "Safeguarding check"
    release.refresh_from_db()
    assert not release.live

    open_from_dashboard(reviewer)
    approve_safeguarding_check(reviewer, index)

    release.refresh_from_db()
    assert release.live
    response = reader.goto(release.url)
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.locator(".press-release-body")).to_contain_text(
        "Kitchens opened in 120 schools."
    )
    reader.goto(index.url)
    expect(reader.get_by_role("link", name=TITLE)).to_have_attribute("href", release.url)
