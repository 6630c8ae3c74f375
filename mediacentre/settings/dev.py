from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine on a developer's machine; production refuses to start without its own.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# Signing in asks superusers and reviewers to set up an authenticator app, as in production.
# MEDIACENTRE_2FA_REQUIRED=false relaxes that on a developer's machine only: production
# settings never read it.
MEDIACENTRE_2FA_REQUIRED = env.bool("MEDIACENTRE_2FA_REQUIRED", default=True)
