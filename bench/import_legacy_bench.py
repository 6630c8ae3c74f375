"""Benchmark of import_legacy: generated legacy pages into a throw-away SQLite database.

    .venv/bin/python bench/import_legacy_bench.py [--files 1000] [--batches 4]
        [--database-url postgres://postgres@127.0.0.1:5432/mc_bench]

Writes the pages (text and HTML, every dateline form, contacts drawn from a small pool so
most are reused) into a temporary folder, builds an empty four-language site in a
temporary SQLite file, then imports the pages in equal batches, one command run each, all
in this one process (which parses in a second one). It prints files per second and CPU
time per file for each batch, both processes' CPU counted, and the peak memory of this
process after it: if memory is flat in the number of files, the peak stops growing after
the first batch. A last run imports everything again, when every file is skipped.
Nothing outside the temporary folder is touched. With --database-url (PostgreSQL) the
site is built in a test database beside the one named ("test_" + its name), which is
dropped at the end.
"""

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DATELINES = [
    "Almaty, {day} November {year}. –",
    "Kyrgyzstan, Bishkek, {day} April {year} –",
    "BISHKEK, Kyrgyzstan, {day} November {year} –",
    "New York/Bishkek, {day} December {year} –",
    "Osh, {day} May {year}:",
    "Алматы, {day} ноября {year} г. –",
]
# Twenty people (names without digits, as the parser expects of a name), most reused.
PEOPLE = [
    (f"{first} {last}", "Communication Officer", "UNICEF Kyrgyzstan", n)
    for n, (first, last) in enumerate(
        (first, last)
        for first in ("Aida", "Nurlan", "Gulnara", "Timur", "Asel")
        for last in ("Temirova", "Osmonova", "Bekova", "Askarova")
    )
]
SENTENCE = (
    "Young people from {n} villages met local officials to talk about schools, clinics and "
    "safe places to play, and agreed on a plan that the district will review next year."
)


def text_page(number):
    day, year = number % 28 + 1, 2005 + number % 13
    name, role, organisation, person = PEOPLE[number % len(PEOPLE)]
    paragraphs = [SENTENCE.format(n=number + k) for k in range(8)]
    return "\n\n".join(
        [
            "Media centre",
            "Latest news",
            f"Press releases {year}",
            "Contact information",
            f"Children's voices in district number {number} heard by the council",
            f"© UNICEF/Kyrgyzstan/{year}/Photographer{number % 7}",
            DATELINES[number % len(DATELINES)].format(day=day, year=year) + " " + paragraphs[0],
            *paragraphs[1:4],
            "What the young people asked for",
            *paragraphs[4:],
            f"“Every child should be heard in district {number},” said {name}, {role}.",
            "For more information",
            f"{name}, {role}, {organisation}, tel: +996 312 61 12 {person:02d}, "
            f"email: person{person}@example.org",
            " Email this article",
            "unite for children",
        ]
    )


def html_page(number):
    lines = text_page(number).split("\n\n")
    title = lines[4]
    paragraphs = "".join(f"<p>{line}</p>\n" for line in lines[5:-2])
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Media centre</title>"
        "<script>var tracker = 1;</script></head><body>"
        "<nav><ul><li>Media centre</li><li>Latest news</li></ul></nav>"
        f"<div id='content'><h1>{title}</h1>\n{paragraphs}</div>"
        "<div id='footer'>unite for children</div></body></html>"
    )


def write_pages(folder, numbers):
    folder.mkdir(parents=True)
    for number in numbers:
        if number % 4 == 3:
            (folder / f"{number:05d}.html").write_text(html_page(number), encoding="utf-8")
        else:
            (folder / f"{number:05d}.txt").write_text(text_page(number), encoding="utf-8")


def peak_memory_mib():
    # ru_maxrss is in kibibytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument(
        "--database-url", help="A PostgreSQL server to measure on instead of a SQLite file."
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="import-legacy-bench-") as temp:
        temp = Path(temp)
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{temp / 'bench.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "mediacentre.settings.test"
        # Wagtail's "Page created" line per file would bury the results.
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        sys.path.insert(0, str(ROOT))

        import django

        django.setup()
        from django.db import connection

        if connection.vendor == "sqlite":
            from django.core.management import call_command

            call_command("migrate", verbosity=0, stdout=io.StringIO())
            run(args, temp)
        else:
            database_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
            try:
                run(args, temp)
            finally:
                connection.creation.destroy_test_db(database_name, verbosity=0)


def run(args, temp):
    from django.core.management import call_command
    from wagtail.models import ReferenceIndex

    from home.models import HomePage
    from pressreleases.models import MediaCentrePage, PressReleaseIndexPage, PressReleasePage

    quiet = io.StringIO()
    call_command("setup_site", stdout=quiet)
    home = HomePage.objects.get(locale__language_code="en")
    centre = home.add_child(instance=MediaCentrePage(title="Media centre", slug="media"))
    centre.add_child(instance=PressReleaseIndexPage(title="Press releases", slug="news"))

    per_batch = args.files // args.batches
    folders = [temp / "archive" / f"batch-{batch}" for batch in range(args.batches)]
    for batch, folder in enumerate(folders):
        write_pages(folder, range(batch * per_batch, (batch + 1) * per_batch))

    print(f"Importing {per_batch * args.batches} generated pages in {args.batches} batches")
    print(f"Peak memory before importing: {peak_memory_mib():.0f} MiB")
    total_files, total_seconds = 0, 0.0
    for batch, folder in enumerate(folders, start=1):
        started = time.perf_counter()
        # The parsing process has ended, and been counted as a child, when the command returns.
        main_cpu, parsing_cpu = (
            cpu_seconds(resource.RUSAGE_SELF),
            cpu_seconds(resource.RUSAGE_CHILDREN),
        )
        call_command("import_legacy", str(folder), "--locale", "en", stdout=quiet)
        seconds = time.perf_counter() - started
        main_ms = (cpu_seconds(resource.RUSAGE_SELF) - main_cpu) / per_batch * 1000
        parsing_ms = (cpu_seconds(resource.RUSAGE_CHILDREN) - parsing_cpu) / per_batch * 1000
        total_files += per_batch
        total_seconds += seconds
        # CPU time per file stays meaningful when other processes share the machine.
        print(
            f"Batch {batch}: {per_batch} files in {seconds:.1f} s, "
            f"{per_batch / seconds:.0f} files/s, {main_ms + parsing_ms:.0f} ms of CPU per file "
            f"({main_ms:.0f} saving, {parsing_ms:.0f} parsing); "
            f"peak memory {peak_memory_mib():.0f} MiB"
        )
    print(f"All new: {total_files / total_seconds:.0f} files/s")
    releases = PressReleasePage.objects.all()
    print(
        f"Indexed: {releases.search('district').count()} of {releases.count()} releases "
        "found by search; "
        f"{ReferenceIndex.objects.filter(model_path__startswith='contact_links.').count()} "
        "contact references"
    )

    started = time.perf_counter()
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
    out = io.StringIO()
    call_command("import_legacy", str(temp / "archive"), "--locale", "en", stdout=out)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    print(
        f"Again, all skipped: {total_files / seconds:.0f} files/s, "
        f"{cpu / total_files * 1000:.0f} ms of CPU per file; "
        f"peak memory {peak_memory_mib():.0f} MiB"
    )
    print(out.getvalue().strip().splitlines()[-2])


if __name__ == "__main__":
    main()
