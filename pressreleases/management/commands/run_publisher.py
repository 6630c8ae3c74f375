"""Publish and withdraw on time: run Wagtail's `publish_scheduled` every minute.

Embargoed releases go live, and expired ones come down, only when `publish_scheduled`
runs. `make worker` runs this loop in the foreground; in production run it as a service
(see README: systemd unit) or call `publish_scheduled` from cron every minute instead.
"""

import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between runs.")
        parser.add_argument(
            "--max-runs", type=int, default=0, help="Stop after this many runs (0: never)."
        )

    def handle(self, *args, interval, max_runs, **options):
        stop = threading.Event()
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        runs = 0
        self.stdout.write(f"Publishing scheduled pages every {interval:g} s; stop with Ctrl+C.")
        while not stop.is_set():
            try:
                call_command("publish_scheduled", stdout=self.stdout)
            except Exception:
                # One failed run (say, the database restarting) must not stop the schedule.
                logger.exception("publish_scheduled failed; trying again in %s s", interval)
            runs += 1
            if max_runs and runs >= max_runs:
                break
            stop.wait(interval)
        self.stdout.write(f"Stopped after {runs} run(s).")
