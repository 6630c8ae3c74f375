"""Serve the site for development: runserver and the scheduler (run_publisher), together.

`make run` runs this after setting up, so that embargoes lift on time in development as the
production service makes them. Each child runs in a process group of its own: Ctrl+C reaches
this command only, which stops both groups (runserver's autoreloader child included), and
when either child stops, the other is stopped with it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.management.commands.create_demo_users import DEMO_PASSWORD, DEMO_USERS
from home.management.commands.create_dev_superuser import DEFAULT_PASSWORD, DEFAULT_USERNAME
from mediacentre.site_url import site_address

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
POLL_SECONDS = 0.2
# runserver and run_publisher both stop within a second of SIGTERM; this is for a stuck one.
STOP_TIMEOUT_SECONDS = 10


class Command(BaseCommand):
    help = (
        "Serve the site at SITE_URL with runserver and run the scheduler (run_publisher) "
        "beside it; print the addresses and demo users once the server answers. Ctrl+C "
        "stops both, and either stops the other when it ends. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--publisher-log",
            default=settings.VAR_DIR / "publisher.log",
            help="where run_publisher's report of each run goes (default: var/publisher.log)",
        )

    def handle(self, *args, publisher_log, **options):
        if not settings.DEBUG:
            raise CommandError("serve_dev is for development only (DEBUG is off).")
        address = site_address(settings.SITE_URL)
        if address.scheme != "http":
            raise CommandError(f"runserver speaks plain HTTP; SITE_URL is {address.url}.")
        received = []
        for signum in STOP_SIGNALS:
            signal.signal(signum, lambda signum, _frame: received.append(signum))

        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        with open(publisher_log, "ab") as log:
            publisher = subprocess.Popen(  # noqa: S603
                [*manage, "run_publisher"], stdout=log, process_group=0
            )
        server = subprocess.Popen(  # noqa: S603
            [*manage, "runserver", f"{address.allowed_host}:{address.port}"], process_group=0
        )
        try:
            announced = False
            while not received and server.poll() is None and publisher.poll() is None:
                if not announced and accepts_connections(address):
                    self.stdout.write(summary(address, publisher_log))
                    announced = True
                time.sleep(POLL_SECONDS)
            server_ended = server.poll() is not None
        finally:
            for process in (server, publisher):
                stop(process)

        if received:
            self.stdout.write("Stopped the server and the scheduler.")
        elif server_ended:
            message = f"runserver stopped (exit status {server.returncode}); so did the scheduler."
            if server.returncode:
                raise CommandError(message)
            self.stderr.write(message)
        else:
            raise CommandError(
                f"The scheduler stopped (exit status {publisher.returncode}); so did the server."
            )


def accepts_connections(address):
    try:
        with socket.create_connection((address.hostname, address.port), timeout=POLL_SECONDS):
            return True
    except OSError:
        return False


def stop(process):
    """Stop the process's whole group: SIGTERM, then SIGKILL if it is still there."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


def shown(path):
    """The path from the working directory when it is inside it, else in full."""
    path = Path(path).resolve()
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def summary(address, publisher_log):
    users = [(DEFAULT_USERNAME, DEFAULT_PASSWORD, "superuser", True)] + [
        (
            username,
            DEMO_PASSWORD,
            role,
            bool(set(groups) & set(settings.MEDIACENTRE_2FA_REQUIRED_GROUPS)),
        )
        for username, _name, groups, role in DEMO_USERS
    ]
    second_factor = settings.MEDIACENTRE_2FA_REQUIRED
    width = max(len(username) for username, *_ in users)
    lines = [
        "",
        f"Public site  {address.url}/",
        f"Admin        {address.url}/admin/",
        "Sign in as   (username / password: role)",
        *(
            f"  {username:<{width}} / {password}: {role}{' *' if second_factor and ask else ''}"
            for username, password, role, ask in users
        ),
    ]
    if second_factor:
        lines.append(
            "  * sets up an authenticator app at first sign-in (README: Logging in safely)"
        )
    lines += [
        "Scheduler    running: embargoes lift and expiries happen each minute "
        f"(log: {shown(publisher_log)})",
        "Ctrl+C stops the server and the scheduler.",
        "",
    ]
    return "\n".join(lines)
