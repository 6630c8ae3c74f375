"""`make backup` / `make restore`: the demo site backed up from one real PostgreSQL database
and restored into a new one is the same site: pages, revisions, users, images and files.

pytest-django's own test database lives inside a transaction, so this test makes two real
databases of its own and runs manage.py in separate processes, as an operator would."""

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Page

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the backup round trip needs PostgreSQL (pg_dump/pg_restore); "
    "run with DATABASE_URL=postgres://…",
)

PAGES = "SELECT id, title, url_path, live FROM wagtailcore_page ORDER BY id"
REVISIONS = "SELECT count(*) FROM wagtailcore_revision"
USERS = "SELECT username, password, is_superuser FROM auth_user ORDER BY username"
IMAGES = "SELECT id, title, file, file_hash FROM pressreleases_creditedimage ORDER BY id"


def server_settings():
    database = settings.DATABASES["default"]
    return {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"],
    }


def database_url(name):
    server = server_settings()
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    return f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"


@contextlib.contextmanager
def maintenance_cursor():
    with contextlib.closing(psycopg2.connect(dbname="postgres", **server_settings())) as db:
        db.autocommit = True
        with db.cursor() as cursor:
            yield cursor


@pytest.fixture
def empty_databases():
    """Two new databases, dropped afterwards whatever happens."""
    suffix = uuid.uuid4().hex[:10]
    names = (f"mc_backup_src_{suffix}", f"mc_backup_dst_{suffix}")
    with maintenance_cursor() as cursor:
        for name in names:
            cursor.execute(f'CREATE DATABASE "{name}"')
    yield names
    with maintenance_cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*arguments, database, media_root, check=True):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mediacentre.settings.dev",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
    }
    environment.pop("AWS_STORAGE_BUCKET_NAME", None)
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=check,
    )


def snapshot(name, media_root):
    found = {}
    queries = {"pages": PAGES, "revisions": REVISIONS, "users": USERS, "images": IMAGES}
    with (
        contextlib.closing(psycopg2.connect(dbname=name, **server_settings())) as db,
        db.cursor() as cursor,
    ):
        for key, query in queries.items():
            cursor.execute(query)
            found[key] = cursor.fetchall()
    found["files"] = {
        image_file: hashlib.sha256((Path(media_root) / image_file).read_bytes()).hexdigest()
        for _, _, image_file, _ in found["images"]
    }
    return found


@needs_postgresql
def test_a_backup_of_the_demo_site_restores_into_an_empty_database(empty_databases, tmp_path):
    source, target = empty_databases
    source_media, target_media = tmp_path / "media", tmp_path / "restored-media"
    for command in (
        "migrate",
        "setup_site",
        "load_demo",
        "setup_mediacentre",
        "create_demo_users",
    ):
        manage(command, database=source, media_root=source_media)
    before = snapshot(source, source_media)
    assert len(before["pages"]) > 20 and before["images"] and len(before["users"]) >= 3

    manage(
        "backup_site",
        f"--output-dir={tmp_path / 'backups'}",
        database=source,
        media_root=source_media,
    )
    [backup] = (tmp_path / "backups").iterdir()
    assert (backup / "database.dump").read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert (backup / "manifest.json").is_file()

    result = manage("restore_site", str(backup), database=target, media_root=target_media)
    assert f"{len(before['pages'])} pages" in result.stdout
    assert snapshot(target, target_media) == before

    # Restoring over a database that already has a site is refused.
    again = manage(
        "restore_site", str(backup), database=target, media_root=target_media, check=False
    )
    assert again.returncode != 0
    assert f"The database {target} is not empty" in again.stderr


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="is not a backup: it has no manifest.json"):
        call_command("restore_site", str(tmp_path))


@pytest.mark.django_db
def test_restoring_over_a_site_is_refused_and_changes_nothing(tmp_path):
    manifest = {"database": {"vendor": connection.vendor, "name": "elsewhere"}, "counts": {}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=r"is not empty \(\d+ tables\)"):
        call_command("restore_site", str(tmp_path))
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_a_backup_of_another_database_engine_is_refused(tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    manifest = {"database": {"vendor": other, "name": "elsewhere"}, "counts": {}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=f"This backup is of a {other} database"):
        call_command("restore_site", str(tmp_path))
