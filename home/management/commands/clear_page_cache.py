from django.core.management.base import BaseCommand

from mediacentre.page_cache import clear_page_cache


class Command(BaseCommand):
    help = (
        "Empty the full-page cache: each page is rendered afresh on its next request. "
        "Reaches other processes only through a shared cache (REDIS_URL)."
    )

    def handle(self, *args, **options):
        clear_page_cache()
        self.stdout.write("Page cache cleared.")
