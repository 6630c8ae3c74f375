import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests change pages behind Wagtail's back and reuse URLs after each rollback, so pages are
# not cached; tests/cache/ turns the page cache on where it tests it.
PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = tempfile.mkdtemp(prefix="mediacentre-test-media-")
# The Site record setup_site makes for the tests: localhost:80, as Wagtail's own default.
SITE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the apps' folders; tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
# Existing admin tests sign reviewers and superusers in with force_login and no device;
# tests/test_admin_login_security.py turns the two-factor requirement on where it tests it.
MEDIACENTRE_2FA_REQUIRED = False

# The test database is in memory, one connection shared by the test and the live server's
# request threads: BEGIN IMMEDIATE there fails when a request left its transaction open.
# The dev and production SQLite keep it (tests/test_sqlite_concurrency.py runs them).
DATABASES["default"].get("OPTIONS", {}).pop("transaction_mode", None)  # noqa: F405
