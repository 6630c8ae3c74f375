"""Logging and error reporting, built from the environment by the settings modules.

Plain functions of their arguments: settings import this module before Django is set up.
"""

from sentry_sdk.integrations.django import DjangoIntegration

LOG_FORMATS = ("text", "json")


def logging_config(log_format, level):
    """Everything to stderr: JSON lines for a log collector, or readable lines for a person.

    Not stdout, which belongs to the output of management commands (dumpdata, shell scripts):
    a log line there would corrupt it. Process managers and containers collect both streams.

    Each record carries the request id (X-Request-ID, from the proxy or generated) of the
    request it was written in, so one request's lines can be found together.
    """
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    console = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "formatter": log_format,
        "filters": ["request_id"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {
                "()": "django_guid.log_filters.CorrelationId",
                "correlation_id_field": "request_id",
            },
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": True,
            },
            "text": {"format": "%(asctime)s %(levelname)-8s %(name)s: %(message)s"},
        },
        "handlers": {"console": console},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's own handlers (stderr in DEBUG, mail to ADMINS otherwise).
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            # One debug line per request about the request id itself.
            "django_guid": {"level": "WARNING"},
            # A version banner at every start of every command.
            "axes.apps": {"level": "WARNING"},
            # Two lines for every background task (search index, references) of every save.
            "django_tasks": {"level": "WARNING"},
        },
    }


def sentry_options(dsn, environment, release=None, traces_sample_rate=0.0):
    """The arguments of sentry_sdk.init: errors and ERROR log records, no personal data."""
    return {
        "dsn": dsn,
        "environment": environment,
        "release": release or None,
        "integrations": [DjangoIntegration()],
        # No cookies, user ids, IP addresses or request bodies leave the site.
        "send_default_pii": False,
        "max_request_body_size": "never",
        "traces_sample_rate": traces_sample_rate,
    }
