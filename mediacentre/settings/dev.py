from mediacentre.site_url import site_address

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SITE_URL, env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine on a developer's machine; production refuses to start without its own.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# Signing in asks superusers and reviewers to set up an authenticator app, as in production.
# MEDIACENTRE_2FA_REQUIRED=false relaxes that on a developer's machine only: production
# settings never read it.
MEDIACENTRE_2FA_REQUIRED = env.bool("MEDIACENTRE_2FA_REQUIRED", default=True)
# The development server answers at SITE_URL (`make run` sets it), whatever ALLOWED_HOSTS says.
ALLOWED_HOSTS = list(dict.fromkeys([*ALLOWED_HOSTS, site_address(SITE_URL).allowed_host]))
