from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_PASSWORD = "mediacentre-dev"  # noqa: S105 (printed to the developer; dev only)
# username, full name, groups (made by `setup_mediacentre`), what to try with them
DEMO_USERS = [
    ("editor", "Aigerim Editor", ["Editors"], "writes in any language, submits for review"),
    (
        "editor-kk",
        "Dana Kazakh Editor",
        ["Editors (Қазақша)"],
        "edits only the Kazakh tree, submits for review",
    ),
    ("reviewer", "Bakyt Reviewer", ["Reviewers"], "approves or sends back, publishes"),
]


class Command(BaseCommand):
    help = (
        "Create the demo editor, Kazakh editor and reviewer if they do not exist, and print "
        "how to log in as each. Never changes an existing user. Refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_users is for development only (DEBUG is off).")
        User = get_user_model()
        for username, full_name, group_names, role in DEMO_USERS:
            groups = list(Group.objects.filter(name__in=group_names))
            if len(groups) != len(group_names):
                raise CommandError(
                    f"The groups {', '.join(group_names)} do not exist yet: run "
                    "`python manage.py setup_mediacentre` first."
                )
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.org",
                    "first_name": full_name.split()[0],
                    "last_name": " ".join(full_name.split()[1:]),
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.set(groups)
            status = "created" if created else "unchanged since it was created"
            self.stdout.write(f"Demo {username}: {username} / {DEMO_PASSWORD} ({role}; {status})")
