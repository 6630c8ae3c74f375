"""Back up and restore the whole site: the database and the uploaded media.

A backup is a folder var/backups/<UTC stamp>/ holding
  database.dump      PostgreSQL: pg_dump's custom format (restored with pg_restore), or
  database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API;
  media/             the files under MEDIA_ROOT (absent when media live in an S3 bucket,
                     which keeps its own history through bucket versioning);
  manifest.json      when, from which database, the applied migrations and a few counts,
                     checked again after a restore.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"


def site_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def back_up(destination_root):
    """Write a new backup folder under `destination_root` and return its path."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination_root) / stamp
    folder.mkdir(parents=True)
    if connection.vendor == "postgresql":
        _run_postgres_tool(
            "pg_dump", "--format=custom", "--no-owner", f"--file={folder / POSTGRES_DUMP}"
        )
    elif connection.vendor == "sqlite":
        _copy_sqlite(settings.DATABASES["default"]["NAME"], folder / SQLITE_COPY)
    else:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    media_copied = _media_on_file_system() and Path(settings.MEDIA_ROOT).is_dir()
    if media_copied:
        shutil.copytree(settings.MEDIA_ROOT, folder / MEDIA)
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])},
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "counts": site_counts(),
        "media": "copied" if media_copied else "object storage: not copied",
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder


def restore(folder, *, replace=False):
    """Put the backup in `folder` into the configured database and MEDIA_ROOT. Refuses a
    database that already has tables unless `replace`. Returns the counts after restoring."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(f"{folder} is not a backup: it has no {MANIFEST}.") from error
    if manifest["database"]["vendor"] != connection.vendor:
        raise CommandError(
            f"This backup is of a {manifest['database']['vendor']} database; "
            f"the site is configured for {connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables and not replace:
        raise CommandError(
            f"The database {connection.settings_dict['NAME']} is not empty "
            f"({len(tables)} tables). Restore into a new, empty database, or pass --replace "
            "to overwrite this one."
        )
    # The restore tools need the database to themselves.
    connection.close()
    if connection.vendor == "postgresql":
        options = ["--clean", "--if-exists"] if replace else []
        _run_postgres_tool(
            "pg_restore", "--no-owner", "--exit-on-error", *options, str(folder / POSTGRES_DUMP)
        )
    else:
        _copy_sqlite(folder / SQLITE_COPY, settings.DATABASES["default"]["NAME"])
    if (folder / MEDIA).is_dir():
        if not _media_on_file_system():
            raise CommandError("This backup holds media files but media live in a bucket.")
        shutil.copytree(folder / MEDIA, settings.MEDIA_ROOT, dirs_exist_ok=True)
    counts = site_counts()
    if counts != manifest["counts"]:
        raise CommandError(
            f"Restored counts {counts} differ from the backup's {manifest['counts']}."
        )
    return counts


def _media_on_file_system():
    return isinstance(default_storage, FileSystemStorage)


def _copy_sqlite(source, target):
    with sqlite3.connect(source) as source_db, sqlite3.connect(target) as target_db:
        source_db.backup(target_db)
    source_db.close()
    target_db.close()


def _run_postgres_tool(name, *arguments):
    """Run pg_dump or pg_restore against the configured database; the password goes
    through the environment, never the command line."""
    database = connection.settings_dict
    command = [_postgres_tool_path(name), f"--dbname={database['NAME']}", *arguments]
    if database.get("HOST"):
        command.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        command.append(f"--port={database['PORT']}")
    if database.get("USER"):
        command.append(f"--username={database['USER']}")
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{name} failed: {result.stderr.strip()}")


def _postgres_tool_path(name):
    found = shutil.which(name)
    if found:
        return found
    try:
        bin_dir = subprocess.run(  # noqa: S603
            ["pg_config", "--bindir"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        raise CommandError(
            f"{name} was not found: install the PostgreSQL client tools."
        ) from error
    return str(Path(bin_dir) / name)
