import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mediacentre.site_url import production_site_url, site_address

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
        without=(
            "SECURE_",
            "SESSION_",
            "PASSWORD_",
            "SENTRY_",
            "LOG_",
            "SITE_URL",
            "WAGTAILADMIN_",
        ),
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


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8765/", ("http://127.0.0.1:8765", "127.0.0.1", 8765)),
        ("https://Media.Example.org", ("https://media.example.org", "media.example.org", 443)),
        ("http://localhost:80", ("http://localhost", "localhost", 80)),
        ("http://[::1]:8000", ("http://[::1]:8000", "::1", 8000)),
    ],
)
def test_site_url_is_split_into_the_host_and_port_of_the_site_record(url, address):
    parsed = site_address(url)
    assert (parsed.url, parsed.hostname, parsed.port) == address


@pytest.mark.parametrize(
    "url", ["127.0.0.1:8000", "ftp://example.org", "https://example.org/media/", "http://:80"]
)
def test_a_site_url_that_is_not_an_origin_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_address(url)


def django_settings(module, names, **env):
    code = f"import json\nfrom django.conf import settings as s\nprint(json.dumps([getattr(s, n) for n in {names!r}]))"
    result = run_django(code, module, without=("SITE_URL", "WAGTAILADMIN_", "ALLOWED_"), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_in_development_admin_links_and_allowed_hosts_follow_site_url():
    names = ["SITE_URL", "WAGTAILADMIN_BASE_URL", "ALLOWED_HOSTS"]
    assert django_settings("mediacentre.settings.dev", names) == [
        "http://127.0.0.1:8000",
        "http://127.0.0.1:8000",
        ["localhost", "127.0.0.1", "[::1]"],
    ]
    assert django_settings("mediacentre.settings.dev", names, SITE_URL="http://mc.test:8765") == [
        "http://mc.test:8765",
        "http://mc.test:8765",
        ["localhost", "127.0.0.1", "[::1]", "mc.test"],
    ]


def test_an_explicit_wagtailadmin_base_url_still_wins():
    assert django_settings(
        "mediacentre.settings.dev",
        ["WAGTAILADMIN_BASE_URL"],
        SITE_URL="http://mc.test:8765",
        WAGTAILADMIN_BASE_URL="https://admin.example.org",
    ) == ["https://admin.example.org"]


def test_production_site_url_defaults_to_the_first_allowed_host_over_https():
    code = "print(json.dumps([settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL]))"
    code = f"from django.conf import settings\n{code}"
    assert run_under_production(code) == ["https://media.example.org"] * 2
    assert (
        run_under_production(code, SITE_URL="https://press.example.org")
        == ["https://press.example.org"] * 2
    )
    assert production_site_url("", [".example.org", "*"]) == "https://example.org"
    with pytest.raises(ImproperlyConfigured, match="SITE_URL is not set"):
        production_site_url("", ["*"])
