"""Other processes for the tests: Django in a fresh interpreter, and private servers for the
fault tests (a PostgreSQL cluster, a Redis and the site itself).

Each server runs as its own process on a free port, in a folder of its own that is removed
afterwards; the machine's shared PostgreSQL and Redis are never touched.
"""

import glob
import http.client
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
REDIS_SERVER = "/usr/bin/redis-server"
RUNUSER = "/usr/sbin/runuser"


def run_django(code, settings, without=(), timeout=120, **variables):
    """Runs code after django.setup() in a new interpreter, with the settings module and
    variables given and without the environment's variables that start with `without`;
    settings are read from the environment only at start-up, hence the new process."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith(tuple(without))
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings, **variables)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(ready, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} was not ready after {timeout} s")


def accepts_connections(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def postgres_bin_dir():
    """The newest /usr/lib/postgresql/<version>/bin that has pg_ctl, or None."""
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    if not found:
        return None
    return Path(max(found, key=lambda path: int(Path(path).parts[4]))).parent


def why_no_private_postgres():
    """Why a private cluster cannot be run here, or None when it can."""
    if postgres_bin_dir() is None:
        return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin/"
    if os.geteuid() != 0 or not os.access(RUNUSER, os.X_OK):
        return "running a private PostgreSQL needs root and runuser (it must run as postgres)"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no postgres system user to run a private PostgreSQL"
    return None


class PrivatePostgres:
    """A throwaway cluster with trust authentication, listening on 127.0.0.1 only."""

    def __init__(self):
        self.bin = postgres_bin_dir()
        self.port = free_port()
        # Directly under the temporary folder: pytest's own folders are closed to postgres.
        self.directory = Path(tempfile.mkdtemp(prefix="mediacentre-private-pg-"))
        shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"

    def run_as_postgres(self, program, *args):
        return subprocess.run(  # noqa: S603
            [RUNUSER, "-u", "postgres", "--", str(self.bin / program), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self):
        self.run_as_postgres(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        # No durability needed for a test cluster; restart reuses these options.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.pg_ctl("start", "-o", options)

    def pg_ctl(self, action, *args):
        self.run_as_postgres(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", action, *args
        )

    def restart(self):
        """Stops with every connection cut (as a crash or a failover would), then starts."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.directory, ignore_errors=True)

    def create_database(self, name):
        self.run_as_postgres("createdb", "-h", "127.0.0.1", "-p", str(self.port), name)
        return self.url(name)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class PrivateRedis:
    """redis-server on a free port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="mediacentre-private-redis-"))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: accepts_connections(self.port), 10, "redis-server")

    def stop(self):
        """Stops the server; start() brings it back, empty, on the same port."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def keys(self):
        """How many keys the server holds."""
        return redis.Redis(port=self.port).dbsize()


def site_environment(database_url, media_root, **variables):
    """The environment of a site process: development settings, no debug pages, quiet logs."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="mediacentre.settings.dev",
        DEBUG="false",
        SECRET_KEY="fault-tests-only-not-secret",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDIACENTRE_2FA_REQUIRED="false",
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    environment.update({key: str(value) for key, value in variables.items()})
    return environment


def manage(environment, *args, timeout=300):
    """Runs a management command in its own process; its output, or an error with it."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class WebServer:
    """The site under gunicorn, as in production, in a process of its own."""

    def __init__(self, environment, log_path, workers=1):
        self.environment = environment
        self.log_path = Path(log_path)
        self.workers = workers
        self.port = free_port()
        self.process = None

    def start(self):
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "mediacentre.wsgi"]
                + ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
                + ["--timeout", "30", "--graceful-timeout", "5"],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self.answers, 60, f"the site on port {self.port}")

    def answers(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"the site stopped on start:\n{self.log_path.read_text()}")
        try:
            self.get("/healthz/", timeout=2)
            return True
        except OSError:
            return False

    def get(self, path, timeout=10):
        """(status, body) of a GET; raises OSError when the connection fails or times out."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
