"""Faults the site survives: PostgreSQL restarting under the web processes, a mail server that
refuses, and two web processes sharing one cache and one database.

The site runs under gunicorn in processes of its own, against a private PostgreSQL cluster
and a private Redis that the fixtures start and remove (tests/servers.py); the machine's
shared servers are never touched.
"""

import hashlib
import io
import logging
import shutil
import threading
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from . import factories
from .servers import (
    ROOT,
    PrivatePostgres,
    PrivateRedis,
    WebServer,
    free_port,
    manage,
    site_environment,
    why_no_private_postgres,
)

# A migrated database with the four-language site, kept between runs while no migration
# changes: migrating from nothing takes a minute or more.
SCHEMA_CACHE = ROOT / "var" / "test-cache"
RELEASE_TITLE = "Wells dug in Naryn"
# Run in a site process: a media centre with one live release; prints the release's URL.
CREATE_RELEASE = f"""
from tests import factories
release = factories.release(
    factories.release_index(factories.media_centre("en")), title={RELEASE_TITLE!r}
)
print(release.pk, release.get_url())
"""


def migrations_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.read_bytes())
    digest.update((ROOT / "requirements.txt").read_bytes())
    return digest.hexdigest()[:16]


def load_site_schema(cluster, database):
    """The session's own PostgreSQL test database when there is one, else a cached dump."""
    dump = cluster.directory / "site.sql"
    if connection.vendor == "postgresql":
        source = connection.settings_dict
        cluster.run_as_postgres(
            "pg_dump", "-h", source["HOST"] or "127.0.0.1", "-p", str(source["PORT"] or 5432),
            "-U", source["USER"] or "postgres", "--no-owner", "-f", str(dump), source["NAME"],
        )  # fmt: skip
    else:
        cached = SCHEMA_CACHE / f"site-{migrations_fingerprint()}.sql"
        if not cached.exists():
            build_schema_dump(cluster, cached)
        shutil.copyfile(cached, dump)
        shutil.chown(dump, "postgres")
    cluster.run_as_postgres(
        "psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(cluster.port),
        "-U", "postgres", "-d", database, "-f", str(dump),
    )  # fmt: skip


def build_schema_dump(cluster, cached):
    url = cluster.create_database("schema")
    environment = site_environment(url, cluster.directory / "media")
    manage(environment, "migrate", "--no-input")
    manage(environment, "setup_site")
    dump = cluster.directory / "schema.sql"
    cluster.run_as_postgres(
        "pg_dump", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "--no-owner",
        "-f", str(dump), "schema",
    )  # fmt: skip
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dump, cached)


@pytest.fixture(scope="module")
def private_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A private PostgreSQL cluster holding the site and one live release."""
    reason = why_no_private_postgres()
    if reason:
        pytest.skip(f"PostgreSQL fault tests skipped: {reason}")
    cluster = PrivatePostgres()
    try:
        cluster.start()
        url = cluster.create_database("mediacentre")
        with django_db_blocker.unblock():
            load_site_schema(cluster, "mediacentre")
        media = tmp_path_factory.mktemp("private-site-media")
        output = manage(site_environment(url, media), "shell", "-c", CREATE_RELEASE)
        release_pk, release_url = output.splitlines()[-1].split()
        yield SimpleNamespace(
            cluster=cluster, url=url, media=media, release_pk=int(release_pk), path=release_url
        )
    finally:
        cluster.stop()


@pytest.fixture
def web_servers(tmp_path):
    """Starts site processes on demand and stops every one at the end."""
    started = []

    def start(environment, workers=1):
        server = WebServer(environment, tmp_path / f"web-{len(started)}.log", workers=workers)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def private_redis():
    redis = PrivateRedis()
    try:
        redis.start()
        yield redis
    finally:
        redis.close()


def status_or_error(server, path):
    try:
        return server.get(path, timeout=10)[0]
    except OSError as error:
        return error


def test_pages_are_served_again_after_postgresql_restarts(private_site, web_servers):
    # Two workers, each keeping its database connection between requests (CONN_MAX_AGE).
    server = web_servers(
        site_environment(private_site.url, private_site.media, PAGE_CACHE_SECONDS=0), workers=2
    )
    for _ in range(6):
        status, body = server.get(private_site.path)
        assert status == 200 and RELEASE_TITLE in body

    private_site.cluster.restart()

    # Every kept connection died with the restart; each worker checks before using it.
    statuses = [status_or_error(server, private_site.path) for _ in range(10)]
    assert statuses == [200] * 10, server.log()


def test_a_restart_under_load_fails_only_requests_in_flight_and_never_hangs(
    private_site, web_servers
):
    server = web_servers(
        site_environment(private_site.url, private_site.media, PAGE_CACHE_SECONDS=0), workers=2
    )
    outcomes = []
    stop = threading.Event()

    def read_continuously():
        while not stop.is_set():
            outcomes.append(status_or_error(server, private_site.path))

    readers = [threading.Thread(target=read_continuously) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        private_site.cluster.restart()
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
    assert not any(reader.is_alive() for reader in readers)

    assert 200 in outcomes
    # A request caught by the restart gets an error page or a closed connection, at once.
    failures = [outcome for outcome in outcomes if outcome != 200]
    assert not [outcome for outcome in failures if isinstance(outcome, TimeoutError)]
    assert all(
        isinstance(outcome, ConnectionError) or outcome in (500, 502, 503) for outcome in failures
    ), failures
    assert server.process.poll() is None
    assert [status_or_error(server, private_site.path) for _ in range(6)] == [200] * 6


def test_a_publish_through_one_process_reaches_readers_of_every_process(
    private_site, private_redis, web_servers
):
    environment = site_environment(
        private_site.url,
        private_site.media,
        REDIS_URL=private_redis.url,
        PAGE_CACHE_SECONDS=600,
    )
    servers = [web_servers(environment), web_servers(environment)]
    for server in servers:
        for _ in range(2):
            status, body = server.get(private_site.path)
            assert status == 200 and RELEASE_TITLE in body

    # A change made behind Wagtail's back is not seen: both serve the page from the cache.
    manage(
        environment,
        "shell",
        "-c",
        "from wagtail.models import Page; "
        f"Page.objects.filter(pk={private_site.release_pk}).update(title='Unseen change')",
    )
    for server in servers:
        body = server.get(private_site.path)[1]
        assert RELEASE_TITLE in body and "Unseen change" not in body

    manage(
        environment,
        "shell",
        "-c",
        "from wagtail.models import Page; "
        f"page = Page.objects.get(pk={private_site.release_pk}).specific; "
        "page.title = 'Wells dug in Naryn and Talas'; page.save_revision().publish()",
    )

    for server in servers:
        status, body = server.get(private_site.path)
        assert status == 200
        assert "Wells dug in Naryn and Talas" in body


# The mail server refuses while an editor submits a page for review.


@pytest.fixture
def club_page_in_review_workflow(django_user_model):
    page = factories.standard_page(factories.media_centre("en"))
    call_command("setup_mediacentre", stdout=io.StringIO())
    people = []
    for username, group in [("editor", "Editors"), ("reviewer", "Reviewers")]:
        user = django_user_model.objects.create_user(
            username, email=f"{username}@example.org", password="a-long-test-password-42"
        )
        user.groups.add(Group.objects.get(name=group))
        people.append(user)
    return page, *people


@pytest.mark.django_db
def test_submitting_for_review_while_the_mail_server_refuses(
    client, club_page_in_review_workflow, caplog
):
    page, editor, _reviewer = club_page_in_review_workflow
    client.force_login(editor)
    form = nested_form_data(
        {
            "title": "Youth media club meets in Osh",
            "slug": page.slug,
            "intro": rich_text("<p>Every Saturday.</p>"),
            "body": streamfield([]),
            "action-submit": "Submit for review",
        }
    )
    # Nothing listens on this port: every connection to it is refused.
    closed_port = free_port()
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=closed_port,
            EMAIL_TIMEOUT=5,
        ),
        caplog.at_level(logging.ERROR),
    ):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().title == "Youth media club meets in Osh"
    assert mail.outbox == []
    assert any(
        "mail" in record.getMessage().lower() and record.exc_info for record in caplog.records
    ), [record.getMessage() for record in caplog.records]
