"""/healthz/ for load balancers: 200 while the database answers, 503 naming it when not."""

import json

import pytest

from .servers import run_django


@pytest.mark.django_db
def test_healthy_site_answers_200_with_each_part_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_health_is_never_cached_nor_redirected_to_a_language(client):
    response = client.get("/healthz/")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert client.get("/healthz").status_code == 301  # APPEND_SLASH, as everywhere
    assert client.get("/en/healthz/").status_code == 404


@pytest.mark.django_db
def test_head_is_answered_and_writes_are_refused(client):
    assert client.head("/healthz/").status_code == 200
    assert client.post("/healthz/").status_code == 405


@pytest.mark.django_db
def test_an_unusable_cache_is_reported_but_keeps_the_instance_in_service(
    client, settings, tmp_path
):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache expects a folder")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(not_a_folder),
        }
    }
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert str(tmp_path) not in response.content.decode()


def test_unreachable_database_answers_503_naming_it_and_nothing_secret():
    """A real PostgreSQL address where nothing listens (port 1), with a password in the URL."""
    code = (
        "import json; from django.test import Client;"
        "r = Client().get('/healthz/');"
        "print(json.dumps({'status': r.status_code, 'body': r.content.decode()}))"
    )
    result = run_django(
        code,
        "mediacentre.settings.test",
        DATABASE_URL="postgres://mediacentre:s3cret-Passw0rd@127.0.0.1:1/mediacentre",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    body = json.loads(answer["body"])
    assert body == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}
    for secret in ["s3cret-Passw0rd", "127.0.0.1", "mediacentre", "OperationalError", "port"]:
        assert secret not in answer["body"]
