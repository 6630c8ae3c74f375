import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .servers import run_django

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment.update(DJANGO_SETTINGS_MODULE="mediacentre.settings.production", **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(ALLOWED_HOSTS="media.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_deploy_check_is_clean_with_a_secret_key():
    result = run_check(
        SECRET_KEY="k" * 20 + "-a-long-random-production-secret-0123456789",
        ALLOWED_HOSTS="media.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://u:p@db.example.org:5432/media", "django.db.backends.postgresql"),
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_comes_from_database_url(url, engine):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_django(code, "mediacentre.settings.dev", DATABASE_URL=url)
    assert result.stdout.strip() == engine, result.stderr


def run_under_production(code, **env):
    """Runs code after django.setup() with production settings; returns its last output line."""
    result = run_django(
        f"import json\n{code}",
        "mediacentre.settings.production",
        without=("SECURE_", "SESSION_", "PASSWORD_", "SENTRY_", "LOG_"),
        SECRET_KEY="k" * 20 + "-a-long-random-production-secret-0123456789",
        ALLOWED_HOSTS="media.example.org",
        DATABASE_URL="sqlite://:memory:",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


HTTP_CHECK = """
from django.test import Client
client = Client(headers={"Host": "media.example.org"})
plain_page = client.get("/en/")
plain_health = client.get("/healthz/")
secure_health = client.get("/healthz/", secure=True)
forwarded = client.get("/healthz/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "page": [plain_page.status_code, plain_page.get("Location")],
    "health": plain_health.status_code,
    "hsts_plain": plain_health.get("Strict-Transport-Security"),
    "hsts_secure": secure_health.get("Strict-Transport-Security"),
    "hsts_forwarded": forwarded.get("Strict-Transport-Security"),
}))
"""


def test_production_redirects_to_https_except_the_health_check():
    answer = run_under_production(HTTP_CHECK)
    assert answer["page"] == [301, "https://media.example.org/en/"]
    assert answer["health"] == 200
    assert answer["hsts_plain"] is None
    assert answer["hsts_secure"] == "max-age=31536000; includeSubDomains"
    # Without SECURE_PROXY_SSL_HEADER a client's X-Forwarded-Proto is not believed.
    assert answer["hsts_forwarded"] is None


def test_production_believes_the_proxys_header_only_when_told_to():
    answer = run_under_production(
        HTTP_CHECK, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO", SECURE_HSTS_PRELOAD="true"
    )
    assert answer["hsts_forwarded"] == "max-age=31536000; includeSubDomains; preload"


def test_production_cookies_are_secure_and_hidden_from_scripts():
    answer = run_under_production(
        "from django.conf import settings as s\n"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SECURE]))"
    )
    assert answer == [True, True, True, True, True]


SESSION_AND_PASSWORDS = """
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
def refusals(password):
    try:
        validate_password(password)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []
print(json.dumps({
    "session_age": settings.SESSION_COOKIE_AGE,
    "eleven": refusals("kqzvtmbwxrp"),
    "twelve": refusals("kqzvtmbwxrpj"),
    "common": refusals("qwertyuiop123"),
    "numeric": refusals("402785619304"),
}))
"""


def test_admin_sessions_last_ten_hours_and_passwords_need_twelve_characters():
    answer = run_under_production(SESSION_AND_PASSWORDS)
    assert answer == {
        "session_age": 10 * 60 * 60,
        "eleven": ["password_too_short"],
        "twelve": [],
        "common": ["password_too_common"],
        "numeric": ["password_entirely_numeric"],
    }


def test_session_age_and_password_length_come_from_the_environment():
    answer = run_under_production(
        SESSION_AND_PASSWORDS, SESSION_COOKIE_AGE="3600", PASSWORD_MIN_LENGTH="16"
    )
    assert answer["session_age"] == 3600
    assert answer["twelve"] == ["password_too_short"]


def test_the_wsgi_application_keeps_what_loading_made_out_of_full_collections():
    """gc.freeze() once the site is loaded: a full collection in a request then scans only
    what requests made, not every module, class and function of the site."""
    result = run_django(
        "import gc\nimport mediacentre.wsgi\nprint(gc.get_freeze_count())",
        "mediacentre.settings.test",
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 50_000
