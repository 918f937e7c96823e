"""Health checks for load balancers and orchestrators.

``/healthz`` says the process is alive: it touches neither the database nor the cache, so a
database outage does not get healthy web workers restarted. ``/readyz`` says whether this
instance can serve pages now: the database answers a query and the cache a write and a read;
503 with what failed otherwise, so a balancer stops sending readers here until it recovers.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
READY_KEY = "newsroom:readyz"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readyz: database unreachable: %s", error)
        return "unreachable"
    return "ok"


def _cache() -> str:
    try:
        check = getattr(cache, "check", None)
        if check is not None:
            # ResilientRedisCache answers a down Redis with misses; check() does not.
            check()
        else:
            cache.set(READY_KEY, "ok", timeout=10)
            if cache.get(READY_KEY) != "ok":
                return "not storing"
    except Exception as error:  # every cache backend raises its own errors
        logger.warning("readyz: cache unreachable: %s", error)
        return "unreachable"
    return "ok"


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "cache": _cache()}
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse(checks, status=200 if ready else 503)
