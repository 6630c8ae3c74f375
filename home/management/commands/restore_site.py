from django.core.management.base import BaseCommand

from home.backups import restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the configured database, which must be "
        "empty (create it first), and put its media files back under MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder, e.g. var/backups/20260101T020000Z")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already has tables",
        )

    def handle(self, *args, backup, replace, **options):
        counts = restore(backup, replace=replace)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Restored {backup}: {summary}")
