"""Save parsed legacy releases as press release pages, one transaction per file.

A release is known again by its source key, its date and title in the target locale, and
the key is kept in the page's history (an "import from the legacy archive" log entry)
rather than in any field readers see. A page whose legacy content has not changed since
it was last imported is skipped, so an editor's later changes stay; one whose content has
changed gets a new revision.

Wagtail updates the search index and the reference index on every save, several times
per file. During an import run (LegacyImporter.deferred_indexing) those updates wait and
are made in bulk every INDEX_BATCH_SIZE files and when the run ends, for what the files
that were saved whole have saved; a file that fails leaves nothing in either index.

Parsing is pure and costs a fifth to a third of a file's time, so a long run
(read_legacy_files) parses a few files ahead in another process while this one saves; and
earlier imports of the coming files are looked up LOOK_UP_BATCH at a time.
"""

import hashlib
import json
import logging
import multiprocessing
import os
import signal
from collections import defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from html import escape
from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Subquery
from django.db.models.signals import post_save
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_all_child_relations
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import LogFormatter, log
from wagtail.models import PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backends_with_name
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..models import Contact, PressReleaseContact, PressReleasePage
from .parser import HTML_SUFFIXES, LegacyParseError, LegacyRelease, parse_legacy_file

IMPORT_ACTION = "pressreleases.import_legacy"
SUFFIXES = (".txt", *HTML_SUFFIXES)
CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"
MAX_SLUG_LENGTH = 80
MAX_CREDIT_LENGTH = 255
# Fields a page gets from its place in the tree, which a dry run never has.
TREE_FIELDS = ["path", "depth", "url_path", "content_type", "slug", "locale", "translation_key"]
# Files saved between two bulk index updates: few enough that a run cut short leaves
# little unindexed, many enough that each update is worth its fixed cost.
INDEX_BATCH_SIZE = 100
# What an import saves that Wagtail's search index holds.
SEARCH_INDEXED_MODELS = (PressReleasePage, Contact)
# Runs of this many files are parsed in another process: a shorter one would spend more
# on starting that process than it saves.
PARALLEL_MIN_FILES = 50
# Files parsed ahead of the one being saved: enough to keep the parsing process busy,
# few enough that memory stays flat however long the run.
PARSE_AHEAD = 16
# Files whose earlier imports are looked up in one query.
LOOK_UP_BATCH = 50

logger = logging.getLogger(__name__)


class ImportLogFormatter(LogFormatter):
    label = _("Import from the legacy archive")

    def format_message(self, log_entry):
        return _("Imported from the legacy archive: %(source)s") % {
            "source": log_entry.data.get("source", "")
        }


@dataclass(frozen=True)
class ImportOutcome:
    action: str  # CREATED, UPDATED or SKIPPED
    title: str
    page_id: int | None = None
    new_contacts: int = 0
    reused_contacts: int = 0


def source_key(release):
    """What makes two legacy files the same release: its date and title."""
    return f"{release.release_date.isoformat()} {' '.join(release.title.casefold().split())}"


def checksum(release):
    content = json.dumps(asdict(release), default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()


def body_stream(blocks):
    """StreamField data for the body: runs of paragraphs and lists share one rich-text block."""
    stream, rich_text = [], []

    def close_rich_text():
        if rich_text:
            stream.append(("paragraph", "".join(rich_text)))
            rich_text.clear()

    for block in blocks:
        if block.kind == "paragraph":
            rich_text.append(f"<p>{escape(block.text, quote=False)}</p>")
        elif block.kind == "list":
            items = "".join(f"<li>{escape(item, quote=False)}</li>" for item in block.items)
            rich_text.append(f"<ul>{items}</ul>")
        elif block.kind == "heading":
            close_rich_text()
            stream.append(("heading", {"text": block.text, "level": block.level, "anchor": ""}))
        elif block.kind == "quote":
            close_rich_text()
            stream.append(
                (
                    "quote",
                    {"text": block.text, "attribution": block.attribution, "role": block.role},
                )
            )
    close_rich_text()
    return stream


def credit_text(credits):
    """All photo credits in one line, as many as the field holds."""
    kept = []
    for credit in dict.fromkeys(credits):
        if len("; ".join([*kept, credit])) > MAX_CREDIT_LENGTH:
            break
        kept.append(credit)
    return "; ".join(kept)


def read_legacy_files(paths):
    """Each file's LegacyRelease, or the LegacyParseError or OSError it failed with, in order."""
    if len(paths) < PARALLEL_MIN_FILES or (os.cpu_count() or 1) < 2:
        for path in paths:
            yield release_or_error(parse_legacy_file, path)
        return
    pool = ProcessPoolExecutor(
        max_workers=1,
        # Not forked: a forked child would share this process's database connections.
        mp_context=multiprocessing.get_context("spawn"),
        # Ctrl-C is for this process to handle, which then stops the pool.
        initializer=signal.signal,
        initargs=(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        remaining = iter(paths)
        parsing = deque(
            pool.submit(parse_legacy_file, path) for path in islice(remaining, PARSE_AHEAD)
        )
        while parsing:
            parsed = parsing.popleft()
            for path in islice(remaining, 1):
                parsing.append(pool.submit(parse_legacy_file, path))
            yield release_or_error(parsed.result)
    finally:
        pool.shutdown(cancel_futures=True)


def release_or_error(read, *args):
    try:
        return read(*args)
    except (LegacyParseError, OSError) as error:
        return error


@contextmanager
def search_auto_update_paused(models):
    """Wagtail's search index update on save, switched off for these models meanwhile."""
    paused = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)


def update_search_index(model, pks):
    objects = list(model.get_indexed_objects().filter(pk__in=pks))
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            # As Wagtail does on save: an external search service being down must not
            # lose what was imported; the database backends raise.
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Could not add %s to the '%s' search backend", model, name)


def update_reference_index(model, pks):
    if not ReferenceIndex.is_indexed(model):
        return
    # The index reads every child relation of each object: fetched for all at once.
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    with transaction.atomic():
        for instance in model.objects.filter(pk__in=pks).prefetch_related(*child_relations):
            ReferenceIndex.create_or_update_for_object(instance)


class LegacyImporter:
    """Imports legacy pages under one press release index, in that index's locale."""

    def __init__(self, parent, *, publish=False, dry_run=False):
        self.parent = parent
        self.locale = parent.locale
        self.publish = publish
        self.dry_run = dry_run
        # Contacts found or created by the files saved so far (planned ones in a dry run),
        # by e-mail or name; those of the file being saved join them once it is saved.
        self.known_contacts = {}
        self.contacts_in_file = {}
        # While indexing is deferred: model -> pks of what was saved since the last update.
        self.indexing_deferred = False
        self.unindexed = defaultdict(set)
        self.files_unindexed = 0
        self.saved_in_file = []
        # Source key -> (page id, checksum) of its latest import, or None if there is none,
        # for the files about to be saved; the file being saved joins them once it is saved.
        self.imported = {}
        self.imported_in_file = {}

    @contextmanager
    def deferred_indexing(self):
        """Search and reference index updates in bulk, not on each save; complete at the end."""
        with (
            disable_reference_index_auto_update(),
            search_auto_update_paused(SEARCH_INDEXED_MODELS),
        ):
            self.indexing_deferred = True
            try:
                yield self
            finally:
                self.indexing_deferred = False
                self.update_indexes()

    def update_indexes(self):
        for model, pks in self.unindexed.items():
            update_search_index(model, pks)
            update_reference_index(model, pks)
        self.unindexed.clear()
        self.files_unindexed = 0

    def import_releases(self, sourced_releases):
        """(source, ImportOutcome or the error that stopped it) for each (source, release) in
        order, a release being a LegacyRelease or the error that stopped its parsing."""
        sourced_releases = iter(sourced_releases)
        while batch := list(islice(sourced_releases, LOOK_UP_BATCH)):
            self.look_up(
                source_key(release)
                for _source, release in batch
                if isinstance(release, LegacyRelease)
            )
            for source, release in batch:
                if not isinstance(release, LegacyRelease):
                    yield source, release  # the error that stopped its parsing
                    continue
                try:
                    outcome = self.import_release(release, source)
                except (ValidationError, DatabaseError) as error:
                    outcome = error
                yield source, outcome

    def import_release(self, release, source):
        """Save one parsed file (source: where it came from, for the page history)."""
        self.saved_in_file, self.contacts_in_file, self.imported_in_file = [], {}, {}
        try:
            with transaction.atomic():
                outcome = self.save(release, source)
        except Exception:
            # Contacts this file changed in memory are not so in the database.
            self.known_contacts.clear()
            raise
        self.known_contacts.update(self.contacts_in_file)
        self.imported.update(self.imported_in_file)
        # Only now that the file is saved whole do its objects wait for the indexes.
        if self.indexing_deferred and self.saved_in_file:
            for instance in self.saved_in_file:
                self.unindexed[type(instance)].add(instance.pk)
            self.files_unindexed += 1
            if self.files_unindexed >= INDEX_BATCH_SIZE:
                self.update_indexes()
        return outcome

    def save(self, release, source):
        key, digest = source_key(release), checksum(release)
        page, previous_digest = self.find_imported(key)
        if page is not None and previous_digest == digest and (page.live or not self.publish):
            return ImportOutcome(SKIPPED, page.title, page.pk)

        contacts, new_contacts = [], 0
        for parsed in release.contacts:
            contact, created = self.contact(parsed)
            contacts.append(contact)
            new_contacts += created
        action = CREATED if page is None else UPDATED
        if page is None:
            page = PressReleasePage(locale=self.locale, live=False, has_unpublished_changes=True)
        else:
            page = page.get_latest_revision_as_object()
        self.fill(page, release, contacts)

        if self.dry_run:
            # Field checks only: the page has no place in the tree to check its slug against.
            page.draft_title = page.title
            page.clean_fields(exclude=TREE_FIELDS)
        else:
            if action == CREATED:
                page.slug = self.slug(release.title)
                # A new page is no site's root: Wagtail need not ask on each save.
                page._is_site_root = False
                contact_links = list(page.contact_links.all())
                # add_child has validated the page, so save_revision need not again.
                self.parent.add_child(instance=page)
                # add_child leaves the child relations to be read back from the database;
                # they hold what it has just saved, and a new page has no other children.
                # In memory, the first revision is made without a query for each.
                for relation in get_all_child_relations(page):
                    name = relation.get_accessor_name()
                    setattr(page, name, contact_links if name == "contact_links" else [])
            revision = page.save_revision(clean=action == UPDATED)
            if self.publish:
                revision.publish()
            self.saved_in_file.append(page)
            self.imported_in_file[key] = (page.pk, digest)
            # The page's history records the import in place of a plain "edited" entry.
            log(
                page,
                IMPORT_ACTION,
                data={"source_key": key, "checksum": digest, "source": source},
                content_changed=True,
            )
        return ImportOutcome(
            action,
            page.title,
            page.pk,
            new_contacts=new_contacts,
            reused_contacts=len(contacts) - new_contacts,
        )

    def look_up(self, keys):
        """The latest import of each of these source keys, found in one query."""
        self.imported = dict.fromkeys(keys)
        entries = PageLogEntry.objects.filter(
            action=IMPORT_ACTION,
            data__source_key__in=list(self.imported),
            # Pages since deleted or moved to another language do not count.
            page_id__in=Subquery(PressReleasePage.objects.filter(locale=self.locale).values("pk")),
        ).order_by("timestamp", "pk")
        for page_id, key, digest in entries.values_list(
            "page_id", "data__source_key", "data__checksum"
        ):
            self.imported[key] = (page_id, digest)

    def find_imported(self, key):
        """The page a release with this key was imported into, and that import's checksum."""
        if key not in self.imported:
            self.look_up([key])
        if self.imported[key] is None:
            return None, None
        page_id, digest = self.imported[key]
        return PressReleasePage.objects.get(pk=page_id), digest

    def fill(self, page, release, contacts):
        page.title = release.title
        page.dateline = release.dateline
        page.release_date = release.release_date
        page.summary = release.summary
        page.hero_credit = credit_text(release.credits)
        page.body = body_stream(release.body)
        page.contact_links = [
            PressReleaseContact(contact=contact, locale=self.locale, sort_order=position)
            for position, contact in enumerate(contacts)
        ]

    def slug(self, title):
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        slug = slugify(title, allow_unicode=allow_unicode)[:MAX_SLUG_LENGTH].strip("-")
        return find_available_slug(self.parent, slug or "press-release")

    def contact(self, parsed):
        """(Contact, created): the same person, matched by e-mail, else by name, or a new one."""
        keys = [("email", parsed.email.casefold())] if parsed.email else []
        keys.append(("name", parsed.name.casefold()))
        # A dry run saves no contact, so one it plans is known by every key it has.
        known_by = keys if self.dry_run else keys[:1]
        contact = self.known_contact(known_by) or self.find_contact(parsed)
        if contact is None:
            contact = Contact(locale=self.locale, **asdict(parsed))
            contact.full_clean()
            if not self.dry_run:
                contact.save()
                self.saved_in_file.append(contact)
            self.contacts_in_file.update(dict.fromkeys(known_by, contact))
            return contact, True

        missing = {
            field: value
            for field, value in asdict(parsed).items()
            if value and not getattr(contact, field)
        }
        if missing and not self.dry_run:
            for field, value in missing.items():
                setattr(contact, field, value)
            contact.full_clean()
            contact.save(update_fields=list(missing))
            self.saved_in_file.append(contact)
        self.contacts_in_file.update(dict.fromkeys(known_by, contact))
        return contact, False

    def known_contact(self, keys):
        for key in keys:
            for known in (self.contacts_in_file, self.known_contacts):
                if key in known:
                    return known[key]
        return None

    def find_contact(self, parsed):
        contacts = Contact.objects.filter(locale=self.locale).order_by("pk")
        if parsed.email:
            by_email = contacts.filter(email__iexact=parsed.email).first()
            if by_email is not None:
                return by_email
            # Someone of that name with another address is another person.
            return contacts.filter(name__iexact=parsed.name, email="").first()
        return contacts.filter(name__iexact=parsed.name).first()
