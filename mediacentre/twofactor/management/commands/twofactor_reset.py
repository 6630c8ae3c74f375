from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mediacentre.twofactor.devices import remove_all


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes, for someone who lost both. "
        "Their next sign-in asks them to set up a new app if their role requires one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f'There is no user "{username}".') from None
        remove_all(user)
        self.stdout.write(f"Two-factor authentication removed for {username}.")
