from django.core.management.base import BaseCommand
from django.db import transaction

from pressreleases.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Load a demo media centre in English, Russian, Kazakh and Kyrgyz under each language's "
        "home page: press releases, project proposals, ethical guidelines, a contact page and "
        "the Pro-Children Media Club, with contacts, topics, a boilerplate and generated "
        "images. Idempotent: a second run creates and changes nothing. Run setup_site first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Delete the demo media centres, demo snippets and demo images first, then "
                "build them again. Edits made to the demo content are lost, and so are page "
                "permissions and workflows set on the media centres: run setup_mediacentre "
                "again afterwards."
            ),
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        log = self.stdout.write if verbosity >= 2 else (lambda message: None)
        with transaction.atomic():
            builder = DemoBuilder(log=log)  # raises CommandError before setup_site
            if force:
                self.stdout.write("Removing the demo content (--force)…")
                builder.remove()
            builder.build()

        report = builder.report()
        for kind, (created, existing) in report.items():
            self.stdout.write(f"{kind.capitalize()}: {created} created, {existing} already there")
        if force:
            self.stdout.write(
                "Page permissions and workflows on the old media centres went with them: "
                "run `python manage.py setup_mediacentre` to set them up again."
            )
        if any(created for created, _existing in report.values()):
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo content was already loaded; nothing changed.")
            )
