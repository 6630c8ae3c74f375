"""Serving benchmark: a generated site under gunicorn, loaded with wrk from a second process.

    .venv/bin/python bench/site_bench.py [--releases 1000] [--duration 5] [--connections 8]

Builds a throw-away site (a SQLite file under var/bench/site/, or a fresh PostgreSQL
database mc_bench_site on the server DATABASE_URL names, dropped afterwards): migrate,
setup_site, load_demo, generate_site with 10 releases per language and then --releases.
At both sizes it counts each page's queries in this process. It profiles the uncached
press release with pyinstrument (var/bench/profile-press-release-*.txt and .html).

Then it serves the site with gunicorn under production settings (DEBUG off, 2 workers,
a private redis-server on a free port when there is one, so both workers share a cache)
and drives each page with `wrk -t1 -c8 -d5s --latency`: cold with the page cache off
(PAGE_CACHE_SECONDS=0, the cache flushed first), warm with it on, and a static file of
the page's size served by WhiteNoise through the same gunicorn, the ceiling. The table
goes to var/bench/site-<date>.md and to the screen. Exits non-zero only if the harness
itself fails (a page that is not a 200, a server that does not start), never for a
missed target.
"""

import argparse
import contextlib
import datetime
import io
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
WORK = OUT / "site"
PG_DATABASE = "mc_bench_site"
SMALL_SITE = 10  # releases per language of the first size, to see that queries stay flat
PROFILED_REQUESTS = 50
# Targets on a 2-core machine, as ratios to the static ceiling measured in the same run.
WARM_TARGET = 0.8
COLD_RELEASE_TARGET = 0.1
SEARCH_P99_TARGET_MS = 100
GUNICORN_WORKERS = 2
# The search with one connection per worker runs this many times --duration.
UNQUEUED_SEARCH_DURATION_FACTOR = 3


@dataclass
class Page:
    name: str
    path: str
    queries: dict = field(default_factory=dict)  # releases per language -> queries
    size: int = 0
    cold: dict = field(default_factory=dict)
    warm: dict = field(default_factory=dict)
    static: dict = field(default_factory=dict)
    hit: bool = False  # the warm server answered a repeat request from its cache
    # Loaded with one connection per worker: the latency of the request alone, not queued.
    unqueued: dict = field(default_factory=dict)

    @property
    def static_name(self):
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") + ".html"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=30):
    """(status, headers, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our server
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# Building the site ------------------------------------------------------------------------


def database_url(args):
    """A fresh database's URL: PostgreSQL when DATABASE_URL points at it, else SQLite."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{WORK / 'db.sqlite3'}", None
    parts = urlsplit(given)
    return urlunsplit(parts._replace(path=f"/{PG_DATABASE}")), parts


def recreate_pg_database(parts, drop_only=False):
    import psycopg2

    connection = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    connection.close()


def timed(label, timings, function, *args, **kwargs):
    started = time.perf_counter()
    function(*args, **kwargs)
    timings[label] = time.perf_counter() - started
    print(f"  {label}: {timings[label]:.1f} s", flush=True)


def build_site(releases, timings):
    from django.core.management import call_command

    quiet = io.StringIO()
    print("Building the site", flush=True)
    timed("migrate", timings, call_command, "migrate", verbosity=0, stdout=quiet)
    timed("collectstatic", timings, call_command, "collectstatic", "--noinput", verbosity=0)
    timed("setup_site and load_demo", timings, setup_demo, quiet)
    first = min(SMALL_SITE, releases)
    timed(
        f"generate_site --releases {first}",
        timings,
        call_command,
        "generate_site",
        "--releases",
        str(first),
        stdout=quiet,
    )


def setup_demo(quiet):
    from django.core.management import call_command

    call_command("setup_site", stdout=quiet)
    call_command("load_demo", stdout=quiet)


def grow_site(releases, timings):
    from django.core.management import call_command

    timed(
        f"generate_site --releases {releases}",
        timings,
        call_command,
        "generate_site",
        "--releases",
        str(releases),
        stdout=io.StringIO(),
    )


def settle_database(timings):
    """On PostgreSQL, what autovacuum would do some minutes after the bulk load, done now:
    the new rows marked visible to all (so index-only scans need not read the table),
    fresh statistics, and no vacuum of its own starting in the middle of the measurements."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return

    def vacuum():
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")

    timed("VACUUM (ANALYZE)", timings, vacuum)


def pages_to_measure(releases):
    """The measured pages, in English; the release is one that exists at both sizes."""
    from pressreleases.models import MediaCentrePage, PressReleaseIndexPage, PressReleasePage

    centre = MediaCentrePage.objects.get(locale__language_code="en")
    index = PressReleaseIndexPage.objects.get(locale__language_code="en")
    release = PressReleasePage.objects.get(
        locale__language_code="en", slug=f"generated-release-{min(5, releases):05d}"
    )
    return [
        Page("Home", "/en/"),
        Page("Media centre", centre.url),
        Page("Press release index", index.url),
        Page("Year archive", f"{index.url}{release.release_date.year}/"),
        Page("Press release", release.url),
        Page("RSS feed", f"{index.url}feed/rss/"),
        Page("API listing", "/api/v2/pages/?type=pressreleases.PressReleasePage"),
        # A place name: found in about one release in eight, as a reader's query would be.
        Page("Search", f"/en/search/?q={quote(release.dateline)}"),
    ]


def count_queries(pages, releases):
    """Each page's queries on a repeat request (the first fills process-wide caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for page in pages:
        first = client.get(page.path)
        if first.status_code != 200:
            raise RuntimeError(f"{page.path} answered {first.status_code} in process")
        with CaptureQueriesContext(connection) as queries:
            client.get(page.path)
        page.queries[releases] = len(queries)


def profile_release(page, stamp):
    """pyinstrument over repeated uncached renders of the press release, to var/bench/."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("  pyinstrument is not installed (requirements-dev.txt): no profile")
        return None
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(page.path)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(PROFILED_REQUESTS):
        client.get(page.path)
    profiler.stop()
    text = OUT / f"profile-press-release-{stamp}.txt"
    # Shares of the whole, which other processes on the machine do not distort as seconds.
    flat = profiler.output_text(unicode=True, time="percent_of_total", flat=True)
    text.write_text(
        profiler.output_text(unicode=True, time="percent_of_total")
        + "\nThe 40 functions with the most time of their own:\n\n"
        + "\n".join([line for line in flat.splitlines() if "%" in line][:40])
        + "\n"
    )
    (OUT / f"profile-press-release-{stamp}.html").write_text(profiler.output_html())
    print(f"  profile of {PROFILED_REQUESTS} uncached press releases: {text.relative_to(ROOT)}")
    return text


# Serving and loading ----------------------------------------------------------------------


class Redis:
    """A private redis-server on a free port, so the two workers share one cache."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            if self.cli("ping") == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("The private redis-server did not start")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def cli(self, *command):
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [shutil.which("redis-cli"), "-p", str(self.port), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip()

    def flush(self):
        self.cli("flushall")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Server:
    """gunicorn with production settings and 2 workers on a free port of 127.0.0.1."""

    def __init__(self, env, phase):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = WORK / f"gunicorn-{phase}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "mediacentre.wsgi:application",
                    "--workers",
                    str(GUNICORN_WORKERS),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}:\n{self.log.read_text()}")
            with contextlib.suppress(OSError):
                if fetch(self.base + "/en/", timeout=5)[0] == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


WRK_LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read \d+, write (\d+), timeout (\d+)"
)
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output):
    """Requests/s, p50 and p99 in ms, and failed requests (non-2xx, connect errors, timeouts)."""
    latencies = {
        percentile: float(value) * TO_MS[unit]
        for percentile, value, unit in WRK_LATENCY.findall(output)
    }
    rate = WRK_RATE.search(output)
    if rate is None or set(latencies) != {"50", "99"}:
        raise RuntimeError(f"Could not read wrk's output:\n{output}")
    failed = sum(int(n) for n in WRK_NON_2XX.findall(output))
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return {
        "rps": float(rate.group(1)),
        "p50": latencies["50"],
        "p99": latencies["99"],
        "failed": failed,
    }


def load(url, args, connections=None, duration=None):
    duration = duration or args.duration
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [
            shutil.which("wrk"),
            "-t1",
            f"-c{connections or args.connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {**parse_wrk(output), "seconds": duration}


def prime(server, page):
    status, headers, body = fetch(server.base + page.path)
    if status != 200:
        raise RuntimeError(f"{page.path} answered {status} under gunicorn; see {server.log}")
    return headers, body


def measure_cold(pages, env, redis, args):
    print("Cold: page cache off (PAGE_CACHE_SECONDS=0), cache flushed before each page")
    server = Server({**env, "PAGE_CACHE_SECONDS": "0"}, "cold")
    try:
        for page in pages:
            if redis:
                redis.flush()
            page.size = len(prime(server, page)[1])
            page.cold = load(server.base + page.path, args)
            print(f"  {page.name}: {page.cold['rps']:.0f} req/s", flush=True)
    finally:
        server.stop()


def measure_warm_and_static(pages, env, redis, args):
    print("Warm: page cache on; and each page's static twin, the ceiling")
    static_root = Path(env["STATIC_ROOT"]) / "bench"
    static_root.mkdir(parents=True, exist_ok=True)
    for page in pages:
        # The same number of bytes; WhiteNoise reads the folder when gunicorn starts.
        (static_root / page.static_name).write_bytes(b"x" * page.size)
    if redis:
        redis.flush()
    server = Server(env, "warm")
    try:
        for page in pages:
            prime(server, page)
            page.hit = "Age" in prime(server, page)[0]
            page.warm = load(server.base + page.path, args)
            page.static = load(f"{server.base}/static/bench/{page.static_name}", args)
            print(
                f"  {page.name}: {page.warm['rps']:.0f} req/s, "
                f"static {page.static['rps']:.0f} req/s",
                flush=True,
            )
        search = next(page for page in pages if page.name == "Search")
        # Three times as long: a p99 wants a few hundred requests at this rate.
        search.unqueued = load(
            server.base + search.path,
            args,
            connections=GUNICORN_WORKERS,
            duration=UNQUEUED_SEARCH_DURATION_FACTOR * args.duration,
        )
        print(
            f"  Search, one connection per worker: p50 {search.unqueued['p50']:.0f} ms, "
            f"p99 {search.unqueued['p99']:.0f} ms"
        )
    finally:
        server.stop()


# The report -------------------------------------------------------------------------------


def machine():
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    return f"{cpu}, {os.cpu_count()} cores{memory}"


def database_description():
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    version = connection.pg_version
    return f"PostgreSQL {version // 10000}.{version % 10000}"


def versions():
    import django
    import gunicorn
    import wagtail

    wrk = subprocess.run(  # noqa: S603 - fixed arguments
        [shutil.which("wrk"), "-v"], capture_output=True, text=True, check=False
    )
    wrk_version = (wrk.stdout + wrk.stderr).split()[1] if (wrk.stdout + wrk.stderr) else "?"
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, gunicorn {gunicorn.__version__}, wrk {wrk_version}"
    )


def ratio(measured, ceiling):
    return measured["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0


def mark(ok):
    return "met" if ok else "**missed**"


def report(pages, args, timings, redis_used, profile, started):
    sizes = sorted({size for page in pages for size in page.queries})
    lines = [
        f"# Serving benchmark, {started:%Y-%m-%d %H:%M}",
        "",
        f"- Machine: {machine()}",
        f"- Software: {versions()}",
        f"- Database: {database_description()}; {args.releases:,} generated press releases "
        f"per language × 4 languages (plus the demo's)",
        "- Server: gunicorn, 2 sync workers, production settings (DEBUG off); cache: "
        + ("a private Redis" if redis_used else "each worker's own memory (no redis-server)"),
        f"- Load: `wrk -t1 -c{args.connections} -d{args.duration}s` on 127.0.0.1, one page "
        "at a time; cold = page cache off (PAGE_CACHE_SECONDS=0), warm = page cache on; "
        "static = a file of the page's size through the same gunicorn (WhiteNoise), the "
        "ceiling",
        "",
        "| Page | Bytes | Queries | Cold req/s | Cold p50 / p99 ms | Warm req/s "
        "| Warm p50 / p99 ms | Static req/s | Cold ÷ static | Warm ÷ static |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page in pages:
        failed = page.cold["failed"] + page.warm["failed"] + page.static["failed"]
        note = f" ({failed} failed requests)" if failed else ""
        cache_note = "" if page.hit else " (not from the cache)"
        lines.append(
            f"| {page.name}{cache_note}{note} | {page.size:,} | {page.queries[args.releases]} "
            f"| {page.cold['rps']:.0f} | {page.cold['p50']:.1f} / {page.cold['p99']:.1f} "
            f"| {page.warm['rps']:.0f} | {page.warm['p50']:.1f} / {page.warm['p99']:.1f} "
            f"| {page.static['rps']:.0f} | {ratio(page.cold, page.static):.2f} "
            f"| {ratio(page.warm, page.static):.2f} |"
        )

    # The page cache leaves some pages out by design (the API, search): judged on the rest.
    cached = [page for page in pages if page.hit] or pages
    warm_ok = all(ratio(page.warm, page.static) >= WARM_TARGET for page in cached)
    release = next(page for page in pages if page.name == "Press release")
    search = next(page for page in pages if page.name == "Search")
    search_p99 = max(search.cold["p99"], search.warm["p99"])
    search_alone_p99 = search.unqueued["p99"]
    flat = all(len({page.queries[size] for size in sizes}) == 1 for page in pages)
    lowest = min(cached, key=lambda page: ratio(page.warm, page.static))
    lines += [
        "",
        "Targets:",
        "",
        f"- Warm cached pages ≥ {WARM_TARGET} × static: {mark(warm_ok)} (lowest: "
        f"{lowest.name}, {ratio(lowest.warm, lowest.static):.2f}; pages served from the "
        "cache only)",
        f"- Cold press release ≥ {COLD_RELEASE_TARGET} × static: "
        f"{mark(ratio(release.cold, release.static) >= COLD_RELEASE_TARGET)} "
        f"({ratio(release.cold, release.static):.2f})",
        f"- Search p99 ≤ {SEARCH_P99_TARGET_MS} ms, one connection per worker: "
        f"{mark(search_alone_p99 <= SEARCH_P99_TARGET_MS)} ({search_alone_p99:.0f} ms, "
        f"p50 {search.unqueued['p50']:.0f} ms, over {search.unqueued['seconds']} s; "
        f"{search_p99:.0f} ms at {args.connections} connections, each request queued behind "
        f"those of the others; the target is for 10,000 releases per language on PostgreSQL)",
        f"- Queries flat from {sizes[0]:,} to {sizes[-1]:,} releases per language: "
        f"{mark(flat)} ("
        + ", ".join(
            f"{page.name} " + " → ".join(str(page.queries[size]) for size in sizes)
            for page in pages
        )
        + ")",
        "",
        "Building the site: "
        + ", ".join(f"{label} {seconds:.0f} s" for label, seconds in timings.items())
        + ".",
    ]
    if profile:
        lines.append(f"Profile of the uncached press release: `{profile.relative_to(ROOT)}`.")
    return "\n".join(lines) + "\n"


# Running it all ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--releases",
        type=int,
        default=int(os.environ.get("BENCH_RELEASES") or 1000),
        help="Generated press releases per language (BENCH_RELEASES, default 1000).",
    )
    parser.add_argument("--duration", type=int, default=5, help="Seconds of load per run (5).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8).")
    parser.add_argument(
        "--keep", action="store_true", help="Keep var/bench/site/ and the database afterwards."
    )
    args = parser.parse_args()
    if args.releases < 1:
        parser.error("--releases must be at least 1")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install wrk` (make bench does it).")

    started = datetime.datetime.now()
    stamp = f"{started:%Y-%m-%d-%H%M}"
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    url, pg_parts = database_url(args)
    if pg_parts:
        recreate_pg_database(pg_parts)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "mediacentre.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    # This process renders pages to count queries and profile them: always uncached.
    os.environ.update({**env, "PAGE_CACHE_SECONDS": "0"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connections

    redis = None
    try:
        timings = {}
        build_site(args.releases, timings)
        pages = pages_to_measure(args.releases)
        count_queries(pages, min(SMALL_SITE, args.releases))
        if args.releases > SMALL_SITE:
            grow_site(args.releases, timings)
            count_queries(pages, args.releases)
        settle_database(timings)
        profile = profile_release(next(p for p in pages if p.name == "Press release"), stamp)
        connections.close_all()

        if shutil.which("redis-server"):
            redis = Redis()
            env["REDIS_URL"] = redis.url
        measure_cold(pages, env, redis, args)
        measure_warm_and_static(pages, env, redis, args)

        table = report(pages, args, timings, bool(redis), profile, started)
        path = OUT / f"site-{stamp}.md"
        path.write_text(table)
        print()
        print(table)
        print(f"Written to {path.relative_to(ROOT)}")
    finally:
        if redis:
            redis.stop()
        connections.close_all()
        if args.keep:
            print(f"Kept {WORK.relative_to(ROOT)} and the database ({url})")
        else:
            if pg_parts:
                recreate_pg_database(pg_parts, drop_only=True)
            shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
