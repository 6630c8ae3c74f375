import sys
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Locale

from pressreleases.legacy import LegacyParseError
from pressreleases.legacy.importer import (
    CREATED,
    SKIPPED,
    SUFFIXES,
    UPDATED,
    ImportOutcome,
    LegacyImporter,
    read_legacy_files,
)
from pressreleases.models import PressReleaseIndexPage


def content_languages():
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return [code for code, _name in languages]


def legacy_files(paths):
    """(path, name to report) of every .txt and .html page given, folders searched through."""
    files = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            files.extend((p, str(p)) for p in found)
        elif path.is_file():
            files.append((path, given))
        else:
            raise CommandError(f"No such file or folder: {given}")
    if not files:
        raise CommandError("No .txt or .html pages found in " + ", ".join(paths))
    return files


def failure(name, error):
    """(file name, line or None, reason) of a file that could not be imported."""
    return name, getattr(error, "line", None), describe(error)


def describe(error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, LegacyParseError):
        return error.reason
    return str(error)


class Command(BaseCommand):
    help = (
        "Import press releases saved from the legacy media centre (.txt or .html pages) as "
        "press release pages: title, dateline, release date, lead, body, photo credit and "
        "the 'For more information' contacts. Each file is saved whole or not at all; "
        "importing a file again updates its page, or skips it when nothing changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="A page, or a folder searched through."
        )
        parser.add_argument(
            "--locale",
            required=True,
            choices=content_languages(),
            help="The language of the pages.",
        )
        parser.add_argument(
            "--parent",
            help=(
                "The press release index to import into, by id or URL path (e.g. "
                "/en/media-centre/press-releases/). Default: the only one in the locale."
            ),
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the releases; default: drafts."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Save nothing; report what would be done."
        )

    def handle(self, *args, paths, locale, parent, publish, dry_run, verbosity=1, **options):
        try:
            locale = Locale.objects.get(language_code=locale)
        except Locale.DoesNotExist:
            raise CommandError(f"There is no '{locale}' locale; run setup_site first.") from None
        index = self.find_index(parent, locale)
        files = legacy_files(paths)
        importer = LegacyImporter(index, publish=publish, dry_run=dry_run)

        outcomes, failures = [], []
        with (
            closing(read_legacy_files([path for path, _name in files])) as releases,
            importer.deferred_indexing(),
        ):
            progress = tqdm(
                importer.import_releases(
                    zip([name for _path, name in files], releases, strict=True)
                ),
                total=len(files),
                unit="file",
                desc="Importing",
                disable=not sys.stderr.isatty(),
            )
            for name, outcome in progress:
                if not isinstance(outcome, ImportOutcome):
                    failures.append(failure(name, outcome))
                    continue
                outcomes.append(outcome)
                if dry_run or verbosity >= 2:
                    self.stdout.write(
                        f"{self.verb(outcome.action, dry_run)}: {name} ({outcome.title})"
                    )

        self.summarise(index, outcomes, failures, dry_run)
        if failures:
            raise CommandError(
                f"{len(failures)} of {len(files)} files failed; nothing from them was saved."
            )

    def find_index(self, parent, locale):
        indexes = PressReleaseIndexPage.objects.order_by("path")
        if parent is None:
            candidates = list(indexes.filter(locale=locale))
            if not candidates:
                raise CommandError(
                    f"There is no press release index in '{locale.language_code}': "
                    "create one, or name another with --parent."
                )
            if len(candidates) > 1:
                listed = ", ".join(f"{page.pk} ({page.url_path})" for page in candidates)
                raise CommandError(
                    f"There are {len(candidates)} press release indexes in "
                    f"'{locale.language_code}': choose one with --parent: {listed}"
                )
            return candidates[0]

        if parent.isdigit():
            index = indexes.filter(pk=int(parent)).first()
        else:
            wanted = "/" + urlparse(parent).path.strip("/") + "/"
            index = next((page for page in indexes if wanted in self.paths_of(page)), None)
        if index is None:
            raise CommandError(f"No press release index at {parent!r}.")
        if index.locale_id != locale.pk:
            raise CommandError(
                f"The press release index {parent!r} is in '{index.locale.language_code}', "
                f"not '{locale.language_code}'."
            )
        return index

    @staticmethod
    def paths_of(page):
        """The page's public URL path and its path in the page tree."""
        _site, _root, public_path = page.get_url_parts() or (None, None, None)
        return {page.url_path, public_path}

    @staticmethod
    def verb(action, dry_run):
        if not dry_run:
            return action.capitalize()
        return {CREATED: "Would create", UPDATED: "Would update", SKIPPED: "Would skip"}[action]

    def summarise(self, index, outcomes, failures, dry_run):
        counts = Counter(outcome.action for outcome in outcomes)
        new_contacts = sum(outcome.new_contacts for outcome in outcomes)
        reused_contacts = sum(outcome.reused_contacts for outcome in outcomes)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
        self.stdout.write(
            f"Into {index.title} ({index.url_path}): "
            + ", ".join(
                f"{self.verb(action, dry_run).lower()}: {counts[action]}"
                for action in (CREATED, UPDATED, SKIPPED)
            )
            + f", failed: {len(failures)}."
        )
        self.stdout.write(f"Contacts: {new_contacts} new, {reused_contacts} reused.")
        if failures:
            self.stdout.write(self.style.ERROR("Failed:"))
            for name, line, reason in failures:
                self.stdout.write(f"  {name}:{line}: {reason}" if line else f"  {name}: {reason}")
