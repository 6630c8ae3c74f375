"""`make run`'s serve_dev: runserver and the scheduler start together and stop together.

Each test runs the command in a process of its own on a free port, as a terminal would, and
asks it for a page over real HTTP. The database is an empty SQLite file: the server answers
and the scheduler runs (its first run fails and is logged) without 50 s of migrations.
"""

import http.client
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ..servers import ROOT, accepts_connections, free_port, site_environment, wait_until


def children(pid):
    """The ids and command lines of the processes whose parent is `pid`."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name, in parentheses, may hold spaces; the parent id follows it.
            parent = int(stat.read_text().rpartition(")")[2].split()[1])
            if parent == pid:
                cmdline = (stat.parent / "cmdline").read_bytes().split(b"\0")
                found[int(stat.parent.name)] = [part.decode() for part in cmdline if part]
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while we looked
    return found


def is_running(pid):
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


class DevServer:
    def __init__(self, folder):
        self.port = free_port()
        self.output = folder / "output.txt"
        self.environment = site_environment(
            f"sqlite:///{folder / 'db.sqlite3'}",
            folder / "media",
            DEBUG="true",
            SITE_URL=f"http://127.0.0.1:{self.port}",
        )
        with self.output.open("wb") as output:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "serve_dev"]
                + ["--publisher-log", str(folder / "publisher.log")],
                cwd=ROOT,
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own group, as a terminal's foreground job: Ctrl+C goes to the group.
                process_group=0,
            )

    def text(self):
        return self.output.read_text(errors="replace")

    def status(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path)
            return connection.getresponse().status
        finally:
            connection.close()

    def wait_until_serving(self):
        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"serve_dev stopped on start:\n{self.text()}")
            return "Ctrl+C stops the server and the scheduler." in self.text()

        wait_until(ready, 120, "serve_dev")

    def child(self, command):
        [pid] = [pid for pid, argv in children(self.process.pid).items() if command in argv]
        return pid

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def dev_server(tmp_path):
    server = DevServer(tmp_path)
    yield server
    server.stop()


def test_ctrl_c_stops_the_server_and_the_scheduler_it_started(dev_server):
    dev_server.wait_until_serving()
    assert dev_server.status("/healthz/") in (200, 503)
    publisher = dev_server.child("run_publisher")
    server = dev_server.child("runserver")
    # The autoreloader's child is the one that serves.
    [serving] = children(server)
    assert all(map(is_running, (publisher, server, serving)))
    output = dev_server.text()
    assert f"Public site  http://127.0.0.1:{dev_server.port}/" in output
    assert "editor-kk / mediacentre-dev: edits only the Kazakh tree" in output

    os.killpg(dev_server.process.pid, signal.SIGINT)
    assert dev_server.process.wait(timeout=30) == 0
    assert "Stopped the server and the scheduler." in dev_server.text()
    assert not any(map(is_running, (publisher, server, serving)))
    assert not accepts_connections(dev_server.port)


def test_the_scheduler_stops_when_the_server_does(dev_server):
    dev_server.wait_until_serving()
    publisher = dev_server.child("run_publisher")
    os.killpg(dev_server.child("runserver"), signal.SIGTERM)
    dev_server.process.wait(timeout=30)
    assert "runserver stopped (exit status 0); so did the scheduler." in dev_server.text()
    assert not is_running(publisher)
