from django.conf import settings
from django.core.management.base import BaseCommand

from home.backups import back_up


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump custom format; SQLite: a consistent copy) "
        "and the media files into a new folder named by the UTC time, with a manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.VAR_DIR / "backups",
            help="where to create the dated backup folder (default: var/backups)",
        )

    def handle(self, *args, output_dir, **options):
        folder = back_up(output_dir)
        self.stdout.write(f"Backed up to {folder}")
