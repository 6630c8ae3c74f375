"""Logs as JSON lines on stderr in production, with the request id; errors to Sentry only with a DSN.

Each check runs in a fresh interpreter: logging and Sentry are configured once per process,
and the test suite's own process must keep its configuration.
"""

import json
import uuid

import pytest
from django.urls import path

from mediacentre.monitoring import logging_config

from .servers import run_django

PRODUCTION = {
    "settings": "mediacentre.settings.production",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789",
    "ALLOWED_HOSTS": "media.example.org",
    "DATABASE_URL": "sqlite://:memory:",
}
# A host that can never resolve (RFC 2606), so nothing could leave even by mistake.
DSN = "https://publickey@sentry.invalid/1"


def run(code, settings, **env):
    """Runs code after django.setup() in a new interpreter; returns its (stdout, stderr) lines."""
    result = run_django(code, settings, without=("SENTRY_", "LOG_", "SECRET_KEY"), **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines(), result.stderr.splitlines()


def json_lines(lines):
    """The JSON log records among lines (Python's own warnings also go to stderr)."""
    return [json.loads(line) for line in lines if line.startswith("{")]


def test_production_logs_are_json_lines_on_stderr_leaving_stdout_to_commands():
    code = (
        "import logging\n"
        "log = logging.getLogger('pressreleases.embargo')\n"
        "log.warning('Published %s releases', 3)\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    log.exception('Scheduler run failed')\n"
        "print('command output')\n"
    )
    output, logs = run(code, **PRODUCTION)
    assert output == ["command output"]
    lines = json_lines(logs)
    assert [line["message"] for line in lines] == ["Published 3 releases", "Scheduler run failed"]
    warning, error = lines
    assert warning["level"] == "WARNING"
    assert warning["logger"] == "pressreleases.embargo"
    assert warning["timestamp"].startswith("20")
    assert warning["request_id"] is None
    assert error["level"] == "ERROR"
    assert "ZeroDivisionError" in error["exc_info"]


def test_log_lines_of_a_request_carry_its_request_id():
    request_id = uuid.uuid4().hex
    code = (
        "from django.test import Client\n"
        f"r = Client().get('/healthz/', headers={{'Host': 'evil.example', 'X-Request-ID': '{request_id}'}})\n"
        "print('response', r.status_code, r['X-Request-ID'])\n"
    )
    output, logs = run(code, **PRODUCTION)
    assert output == [f"response 400 {request_id}"]
    records = json_lines(logs)
    refused = next(r for r in records if r["logger"] == "django.security.DisallowedHost")
    assert refused["request_id"] == request_id
    assert "evil.example" in refused["message"]


def test_development_logs_are_readable_lines():
    output, logs = run(
        "import logging; logging.getLogger('home').warning('Language cookie ignored')",
        settings="mediacentre.settings.dev",
    )
    assert output == []
    assert len(logs) == 1
    assert logs[0].endswith("WARNING  home: Language cookie ignored")


def test_an_unknown_log_format_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="LOG_FORMAT must be one of text, json"):
        logging_config("xml", "INFO")


def test_sentry_is_off_without_a_dsn():
    output, _ = run("import sentry_sdk; print(sentry_sdk.get_client().is_active())", **PRODUCTION)
    assert output == ["False"]


def test_sentry_is_on_with_a_dsn_and_takes_environment_and_release_from_the_environment():
    code = (
        "import json, sentry_sdk\n"
        "client = sentry_sdk.get_client()\n"
        "print(json.dumps({'active': client.is_active(), 'dsn': client.options['dsn'],"
        " 'environment': client.options['environment'], 'release': client.options['release'],"
        " 'pii': client.options['send_default_pii']}))\n"
    )
    output, _ = run(
        code,
        **PRODUCTION,
        SENTRY_DSN=DSN,
        SENTRY_ENVIRONMENT="staging",
        SENTRY_RELEASE="mediacentre@1.2.3",
    )
    assert json.loads(output[-1]) == {
        "active": True,
        "dsn": DSN,
        "environment": "staging",
        "release": "mediacentre@1.2.3",
        "pii": False,
    }


def fail(request):
    raise RuntimeError("The release could not be rendered")


# The URLs of the Sentry check below, which points ROOT_URLCONF at this module.
urlpatterns = [path("fail/", fail)]


def test_an_error_in_a_request_is_reported_to_sentry_without_personal_data():
    """Sentry set up as in production, but with a transport that records instead of sending."""
    code = (
        "import json, sentry_sdk\n"
        "from django.test import Client, override_settings\n"
        "from sentry_sdk.transport import Transport\n"
        "from mediacentre.monitoring import sentry_options\n"
        "events = []\n"
        "class Recorder(Transport):\n"
        "    def capture_envelope(self, envelope):\n"
        "        if envelope.get_event() is not None:\n"
        "            events.append(envelope.get_event())\n"
        f"sentry_sdk.init(**sentry_options({DSN!r}, 'test', 'mediacentre@9'), transport=Recorder)\n"
        "client = Client(raise_request_exception=False, REMOTE_ADDR='203.0.113.7')\n"
        "client.cookies['django_language'] = 'cookie-value-of-a-reader'\n"
        "with override_settings(ROOT_URLCONF='tests.test_logging'):\n"
        "    status = client.post('/fail/', {'email': 'reader@example.org'}).status_code\n"
        "sentry_sdk.flush()\n"
        "print(json.dumps({'status': status, 'events': events}, default=str))\n"
    )
    output, _ = run(code, settings="mediacentre.settings.test", DATABASE_URL="sqlite://:memory:")
    answer = json.loads(output[-1])
    assert answer["status"] == 500
    [event] = answer["events"]
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "The release could not be rendered"
    assert event["environment"] == "test"
    assert event["release"] == "mediacentre@9"
    assert event["transaction"] == "/fail/"
    reported = json.dumps(event)
    for personal in ["cookie-value-of-a-reader", "203.0.113.7", "reader@example.org"]:
        assert personal not in reported
