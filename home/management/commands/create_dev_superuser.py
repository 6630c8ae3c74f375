from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "mediacentre-dev"  # noqa: S105 (printed to the developer; dev only)


class Command(BaseCommand):
    help = (
        "Create the development superuser if it does not exist, and print how to log in. "
        "Never changes an existing user's password. Refuses to run with DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEFAULT_USERNAME)
        parser.add_argument("--password", default=DEFAULT_PASSWORD)

    def handle(self, *args, username, password, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_superuser is for development only (DEBUG is off).")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Development superuser: {username} / {password} "
                "(unchanged since it was created; if you changed it, use yours)"
            )
            return
        User.objects.create_superuser(username, email=f"{username}@localhost", password=password)
        self.stdout.write(f"Development superuser created: {username} / {password}")
