"""Save parsed legacy releases as press release pages, one transaction per file.

A release is known again by its source key, its date and title in the target locale, and
the key is kept in the page's history (an "import from the legacy archive" log entry)
rather than in any field readers see. A page whose legacy content has not changed since
it was last imported is skipped, so an editor's later changes stay; one whose content has
changed gets a new revision.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import LogFormatter, log
from wagtail.models import PageLogEntry
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..models import Contact, PressReleaseContact, PressReleasePage
from .parser import parse_legacy

IMPORT_ACTION = "pressreleases.import_legacy"
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", *HTML_SUFFIXES)
CREATED, UPDATED, SKIPPED = "created", "updated", "skipped"
MAX_SLUG_LENGTH = 80
MAX_CREDIT_LENGTH = 255
# Fields a page gets from its place in the tree, which a dry run never has.
TREE_FIELDS = ["path", "depth", "url_path", "content_type", "slug", "locale", "translation_key"]


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


class LegacyImporter:
    """Imports legacy pages under one press release index, in that index's locale."""

    def __init__(self, parent, *, publish=False, dry_run=False):
        self.parent = parent
        self.locale = parent.locale
        self.publish = publish
        self.dry_run = dry_run
        # In a dry run nothing is saved, so contacts that would be created are kept here.
        self.planned_contacts = {}

    def import_file(self, path, source=None):
        path = Path(path)
        release = parse_legacy(path.read_bytes(), html=path.suffix.lower() in HTML_SUFFIXES)
        if self.dry_run:
            return self.save(release, source or str(path))
        with transaction.atomic():
            return self.save(release, source or str(path))

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
                # The revision's save just below indexes the references once, and add_child
                # has validated the page, so save_revision need not again.
                with disable_reference_index_auto_update():
                    self.parent.add_child(instance=page)
            revision = page.save_revision(clean=action == UPDATED)
            if self.publish:
                revision.publish()
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

    def find_imported(self, key):
        """The page a release with this key was imported into, and that import's checksum."""
        entry = (
            PageLogEntry.objects.filter(
                action=IMPORT_ACTION,
                data__source_key=key,
                page_id__in=Subquery(
                    PressReleasePage.objects.filter(locale=self.locale).values("pk")
                ),
            )
            .order_by("-timestamp", "-pk")
            .first()
        )
        if entry is None:
            return None, None
        return PressReleasePage.objects.get(pk=entry.page_id), entry.data.get("checksum")

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
        for key in keys:
            if key in self.planned_contacts:
                return self.planned_contacts[key], False

        contact = self.find_contact(parsed)
        if contact is None:
            contact = Contact(locale=self.locale, **asdict(parsed))
            contact.full_clean()
            if not self.dry_run:
                contact.save()
                return contact, True
            for key in keys:
                self.planned_contacts[key] = contact
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
        return contact, False

    def find_contact(self, parsed):
        contacts = Contact.objects.filter(locale=self.locale).order_by("pk")
        if parsed.email:
            by_email = contacts.filter(email__iexact=parsed.email).first()
            if by_email is not None:
                return by_email
            # Someone of that name with another address is another person.
            return contacts.filter(name__iexact=parsed.name, email="").first()
        return contacts.filter(name__iexact=parsed.name).first()
