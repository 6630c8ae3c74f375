"""The SQLite database of `make run` makes a second writer wait its turn instead of
answering "database is locked" (an editor's Submit while another save is running)."""

import json

from .servers import run_django

TWO_WRITERS = """
import json, threading, time
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (writer INTEGER)")
connection.close()
both_ready = threading.Barrier(2)
errors = []

def save(writer):
    try:
        both_ready.wait(timeout=5)
        with transaction.atomic(), connection.cursor() as cursor:
            # Each reads first, as a page save does, then writes while the other is still in.
            cursor.execute("SELECT COUNT(*) FROM saves")
            time.sleep(0.3)
            cursor.execute("INSERT INTO saves VALUES (%s)", [writer])
            time.sleep(0.3)
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=save, args=[writer]) for writer in (1, 2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT writer FROM saves ORDER BY writer")
    rows = [row[0] for row in cursor.fetchall()]
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
print(json.dumps({"errors": errors, "rows": rows, "journal": journal}))
"""


def test_two_writers_to_one_sqlite_file_both_succeed(tmp_path):
    result = run_django(
        TWO_WRITERS,
        "mediacentre.settings.dev",
        without=("DATABASE_URL",),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome == {"errors": [], "rows": [1, 2], "journal": "wal"}
