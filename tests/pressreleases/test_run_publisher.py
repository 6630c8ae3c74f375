import datetime
import io
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from .. import factories

pytestmark = pytest.mark.django_db


def test_publisher_loop_publishes_an_embargoed_release_when_its_hour_comes():
    index = factories.release_index(factories.media_centre("en"))
    page = factories.release(index, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()

    call_command("run_publisher", interval=0, max_runs=1, stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live

    with time_machine.travel(page.go_live_at + datetime.timedelta(seconds=30)):
        out = io.StringIO()
        call_command("run_publisher", interval=0, max_runs=2, stdout=out)
    page.refresh_from_db()
    assert page.live
    assert "Stopped after 2 run(s)." in out.getvalue()


def test_a_failed_run_is_logged_and_the_loop_goes_on(caplog):
    calls = []

    def flaky(name, **kwargs):
        calls.append(name)
        if len(calls) == 1:
            raise RuntimeError("database restarting")

    with mock.patch("pressreleases.management.commands.run_publisher.call_command", flaky):
        call_command("run_publisher", interval=0, max_runs=3, stdout=io.StringIO())
    assert calls == ["publish_scheduled"] * 3
    assert "publish_scheduled failed" in caplog.text
