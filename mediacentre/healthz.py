"""/healthz/: whether this instance can serve pages, for load balancers and monitors.

200 while the database answers; 503 naming the part that does not. The cache is reported
but never fails the check: every instance shares it, so taking instances out of rotation
for it would turn a slower site into no site. The body names parts and states only,
never hosts, errors or settings.
"""

import logging
import uuid

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"


def database_state():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return UNAVAILABLE
    return OK


def cache_state():
    """Writes and reads back a value in every configured cache."""
    for alias in caches:
        # A key of its own, so that concurrent checks from other instances cannot interfere.
        key = f"healthz-{uuid.uuid4().hex}"
        try:
            cache = caches[alias]
            cache.set(key, OK, timeout=10)
            answered = cache.get(key) == OK
            cache.delete(key)
        # Each backend raises its own errors (redis, memcached, OSError for files).
        except Exception:
            logger.warning("Health check: the %r cache does not answer", alias, exc_info=True)
            return UNAVAILABLE
        if not answered:
            logger.warning("Health check: the %r cache lost a value just written", alias)
            return UNAVAILABLE
    return OK


@never_cache
@require_safe
def healthz(request):
    checks = {"database": database_state(), "cache": cache_state()}
    if checks["database"] != OK:
        status, http_status = UNAVAILABLE, 503
    elif checks["cache"] != OK:
        status, http_status = "degraded", 200
    else:
        status, http_status = OK, 200
    return JsonResponse({"status": status, "checks": checks}, status=http_status)
