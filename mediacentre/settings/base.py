"""Settings shared by every environment.

Everything that differs between machines (secrets, hosts, database, mail,
media location) comes from the environment; see the README's table.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

from mediacentre.cache_settings import caches_for, frontend_caches
from mediacentre.monitoring import logging_config
from mediacentre.site_url import site_address

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# The address readers reach the site at (mediacentre/site_url.py): setup_site makes the
# Wagtail Site match it, and admin e-mails link to it. Production derives it if unset.
SITE_URL = site_address(env("SITE_URL", default="http://127.0.0.1:8000")).url


INSTALLED_APPS = [
    "home",
    "pressreleases",
    # Admin sign-in: the second factor (mediacentre/twofactor) and the lockout (axes).
    "mediacentre.twofactor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Only for the sitemap.xml template; home.sitemaps builds the sitemap.
    "django.contrib.sitemaps",
    # Security headers and the request id in logs; see "Security headers" below.
    "csp",
    "django_guid",
]

MIDDLEWARE = [
    # First, so that every log line of a request carries its id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files get the headers too.
    "mediacentre.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # The page cache stores and serves responses below the security headers (a change of
    # policy applies to cached pages at once) and above everything that shapes a page, so a
    # hit costs only the middleware above; see page_cache.py.
    "mediacentre.page_cache.UpdatePageCacheMiddleware",
    "mediacentre.page_cache.FetchPageFromCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mediacentre.middleware.PrefixedLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the user is known: the admin speaks their admin language, never the reader's.
    "mediacentre.middleware.AdminLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mediacentre.twofactor.middleware.TwoFactorGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mediacentre.urls"
WSGI_APPLICATION = "mediacentre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Database: a SQLite file under var/ unless DATABASE_URL says otherwise
# (postgres://user:password@host:5432/name in production).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # Write-ahead log: readers do not wait for the writer, and a commit does not wait for
    # the disk (it syncs at checkpoints), which makes each small transaction ~20 ms cheaper.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # SQLite has one writer at a time. A write transaction takes the lock when it begins
        # (IMMEDIATE), so it never fails half-way on upgrading a read lock, and a second
        # writer waits up to 20 s for it instead of answering "database is locked".
        transaction_mode="IMMEDIATE",
        timeout=20,
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Long passwords, not ones close to the user's name or e-mail, nor common or all digits.
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An admin sign-in lasts a working day from when it was made, then asks again.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
# Wagtail's admin reads the CSRF token from the page, never from the cookie.
CSRF_COOKIE_HTTPONLY = True

# Signing in to the admin; see README "Logging in safely".
WAGTAILADMIN_USER_LOGIN_FORM = "mediacentre.twofactor.forms.LoginForm"
# axes refuses a locked-out (username, IP) before Django's own backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# One person mistyping locks only their own name on their own address, not the office.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "mediacentre.twofactor.lockout.locked_out"
# Never write a tried second-factor code into the attempt log.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# A correct password must not wipe the count, or wrong second-factor codes could be
# guessed without end by signing in again between them.
AXES_RESET_ON_SUCCESS = False
# The client's address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT reverse proxies, each
# appending to X-Forwarded-For, stand in front of the site: then it is the address the
# outermost proxy appended, and whatever a client wrote in front of it is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    # ipware counts the proxies listed after the client; the nearest is REMOTE_ADDR.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    # Count from the right, so entries a client forged on the left do not matter.
    IPWARE_STRICT = False
# Two-factor authentication: superusers and these groups must use an authenticator app,
# everyone else may. Only development and test settings may turn the requirement off.
MEDIACENTRE_2FA_REQUIRED = True
MEDIACENTRE_2FA_REQUIRED_GROUPS = env.list(
    "MEDIACENTRE_2FA_REQUIRED_GROUPS", default=["Reviewers"]
)
OTP_TOTP_ISSUER = env("SITE_NAME", default="Media Centre")


# Languages: one list feeds Django, Wagtail's content locales and the URL prefixes.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Wagtail ships no Kazakh or Kyrgyz admin translation, so editors choose
# between the two admin languages that are complete.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("ru", "Русский")]
# A new translation of a live page starts as a draft: until its text is translated
# it would show the source language to readers of another.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor is off unless a DeepL key is given.
DEEPL_API_KEY = env("DEEPL_API_KEY", default="")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
# Remembers the language a reader picks in the switcher (home.views.choose_language).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Long dates in each language's own order and case; see mediacentre/formats/.
FORMAT_MODULE_PATH = ["mediacentre.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", default="Asia/Almaty")


STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = env("MEDIA_URL", default="/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage when a bucket is named, so that several web servers
# share one store. Credentials come from boto3's own chain: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, or the machine's role.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "location": env("AWS_LOCATION", default=""),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            # Private objects, reached through signed URLs, unless the bucket's policy says
            # otherwise; documents are always streamed through Django (serve_view).
            "default_acl": None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
            "file_overwrite": False,
        },
    }

# Complex page models can exceed Django's default of 1000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Security headers (mediacentre/security.py). Readers' pages allow no inline script or style:
# everything comes from our static files. No nonce either, so cached pages stay valid; the
# JSON-LD of a release is a data block, which browsers never run and CSP does not govern.
# Frames may come from the video hosts only, and no site may frame ours.
VIDEO_EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# Where static or uploaded files are served from when not this site: a CDN, a bucket.
ASSET_ORIGINS = env.list("CSP_ASSET_ORIGINS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *ASSET_ORIGINS],
        "style-src": [SELF, *ASSET_ORIGINS],
        "img-src": [SELF, *ASSET_ORIGINS],
        "font-src": [SELF, *ASSET_ORIGINS],
        "media-src": [SELF, *ASSET_ORIGINS],
        "frame-src": VIDEO_EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Wagtail's and wagtail-localize's editors use inline scripts and styles, data: images and
# previews framed by the admin itself.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE, *ASSET_ORIGINS],
        "style-src": [SELF, UNSAFE_INLINE, *ASSET_ORIGINS],
        "img-src": [SELF, "data:", "blob:", *ASSET_ORIGINS],
        "font-src": [SELF, "data:", *ASSET_ORIGINS],
        "media-src": [SELF, *ASSET_ORIGINS],
        "frame-src": [SELF, *VIDEO_EMBED_ORIGINS],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# No device or sensor is ever needed; fullscreen and autoplay keep the browsers' defaults,
# which embedded players ask for themselves.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "ambient-light-sensor",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    ]
}
# YouTube's player refuses to play without the embedding site's origin as referrer, so
# other sites get the origin only, never the path.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The admin asks no outside service: no Gravatar, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False


# Logs: every line to stderr, readable here, JSON lines in production (LOG_FORMAT=json),
# each with its request's id (X-Request-ID from the proxy, or a new one).
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = logging_config(env("LOG_FORMAT", default="text"), LOG_LEVEL)
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "EXPOSE_HEADER": False,
}


# EMAIL_URL such as smtp+tls://user:password@mail.example.org:587 sets
# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT and the credentials in one variable.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="media-centre@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Reviewers are e-mailed when a page is submitted, editors when it is sent back.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL


WAGTAIL_SITE_NAME = env("SITE_NAME", default="Media Centre")
# No autosave (0 turns it off): it creates a new page as soon as its form is valid, so an
# abandoned page stays behind as a draft and a Save draft clicked meanwhile is refused as a
# duplicate; and a stale form's background save can undo a reviewer's approval. Editors
# save on purpose, and Wagtail warns them of unsaved changes when they leave.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One index, each row stemmed in its own language; see pressreleases/search.py.
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "pressreleases.search.LanguageAwarePostgresSearchBackend",
        "SEARCH_CONFIGS": {"en": "english", "ru": "russian"},
        "SEARCH_CONFIG": "simple",
    }
WAGTAILIMAGES_IMAGE_MODEL = "pressreleases.CreditedImage"
# Raster formats only: an SVG can carry scripts. New images lose their location data on
# upload (pressreleases/uploads.py).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Refuses decompression bombs: a small file that would unpack to gigabytes of pixels.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# Refuses an upload that does not decode in full (a forged or truncated image).
WAGTAILIMAGES_IMAGE_FORM_BASE = "pressreleases.forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Django, the only way collection privacy is enforced, and always as
# downloads, never opened in the site's own origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

# Caches: Redis when REDIS_URL is set (shared by every process; errors are logged and
# ignored, so a Redis outage only slows pages down), else each process's own memory.
CACHES = caches_for(env("REDIS_URL", default=""))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The full-page cache for anonymous readers (mediacentre/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_NOT_FOUND_SECONDS = 10
# Every change purges the pages that show it (pressreleases/cache.py) through Wagtail's
# frontend-cache backends: the page cache itself and the CDN named by FRONTEND_CACHE.
# The app wagtail.contrib.frontend_cache stays out of INSTALLED_APPS: its own handlers would
# purge each page a second time, before the transaction commits.
WAGTAILFRONTENDCACHE = frontend_caches(env)
# Each language's pages are purged by their own URLs, not by swapping the prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# The media-centre add-on.
PRESSRELEASES_MEDIA_CENTRE_PARENT_PAGE_TYPES = ["home.HomePage"]
PRESSRELEASES_PAGE_SIZE = 10
# Purged with every page change, on the page's site.
PRESSRELEASES_CACHE_SITE_PATHS = ["/sitemap.xml"]
