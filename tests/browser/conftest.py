"""Browser tests: Debian's Chromium, driven by Playwright, against a live server.

The demo site (`load_demo`, `setup_mediacentre`, an editor and a reviewer) is loaded once
for this package and committed, because the live server's requests must see it (on
PostgreSQL they run on their own connections). Afterwards the database goes back to what
the rest of the suite expects: the four-language site from `setup_site`, nothing more.
Without Chromium at /usr/bin/chromium every test here is skipped.
"""

import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from wagtail.models import Site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PASSWORD = "browser-test-password"  # noqa: S105 (test users of a throw-away database)
TIMEOUT_MS = 30_000
# Test artefacts, kept out of git with the rest of var/.
ARTEFACTS = Path(settings.BASE_DIR) / "var"


@dataclass
class LiveSite:
    url: str

    def __call__(self, path):
        return self.url + path


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium).")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Generous waits: CI runs these on two shared cores, and the admin does a lot per click.
    sync_api.expect.set_options(timeout=TIMEOUT_MS)
    # Playwright's sync API keeps an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop; the loop here never runs Django code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def finish_requests_in_flight():
    """Let requests the browser left behind end before the test database is touched again:
    the in-memory SQLite connection is shared with the live server's request threads."""
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)


def demo_user(username, group_name):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, first_name=username
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def forget_sign_ins(*usernames):
    """Remove axes' records of these users' sign-ins, which are not tied to the user rows,
    so a later test's wrong code does not add to an earlier one's."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=usernames).delete()


def log_in(page, username):
    """Sign in through the admin's own login page, as a person does."""
    # Imported here: without Playwright the browser fixture skips instead of failing.
    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.fixture(scope="package")
def live_site(browser, django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        baseline = connection.creation.serialize_db_to_string()
        call_command("load_demo", stdout=io.StringIO())
        call_command("setup_mediacentre", stdout=io.StringIO())
        demo_user("editor", "Editors")
        demo_user("reviewer", "Reviewers")
        server = LiveServer("localhost")
        # Absolute links (canonical, e-mail, feeds) point at the live server.
        Site.objects.filter(is_default_site=True).update(
            hostname="localhost", port=server.thread.port
        )
        cache.clear()
        try:
            yield LiveSite(server.url)
        finally:
            finish_requests_in_flight()
            server.stop()
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(baseline)
            cache.clear()
            # While Playwright runs, this fixture's queries have a connection of their own
            # (Django keeps one per async context): left open, it would keep the test
            # database from being dropped at the end of the run.
            connection.close()


@pytest.fixture
def new_page(browser, live_site):
    """Open a page in a fresh browser context (no cookies), at a given viewport width."""
    contexts = []

    def open_page(width=1280, height=900, **options):
        context = browser.new_context(
            base_url=live_site.url, viewport={"width": width, "height": height}, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    # On SQLite the live server's threads share the test's connection: a request still
    # running when the next test opens its transaction would start one inside it.
    finish_requests_in_flight()


@pytest.fixture
def page(new_page):
    return new_page()
