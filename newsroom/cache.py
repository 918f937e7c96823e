"""Django's Redis cache, but a Redis that is down is a cache that misses, not a 500.

The cache only ever holds what the database can rebuild, so when Redis stops answering the
site should serve from the database. Django's built-in ``RedisCache`` raises the client's
``ConnectionError`` instead, on every page that touches the cache. ``ResilientRedisCache``
catches Redis errors in each cache call and answers as a miss (``get`` returns the default,
``add`` False, ``set_many`` reports every key as not set …), logging one warning per
NEWSROOM_OUTAGE_LOG_INTERVAL per process. ``/readyz`` calls ``check()``, which does not
swallow anything, so load balancers and monitoring still see the failure.

django-redis has the same switch (``IGNORE_EXCEPTIONS``), but it is a different backend with
its own client and settings, and it logs every ignored error; this is Django's own backend
with the errors caught, and settings.py uses it for any ``CACHE_URL=redis://…``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from newsroom.outage import RateLimitedLog

logger = logging.getLogger(__name__)


cache_log = RateLimitedLog(logger, "cache unavailable, serving without it", "failed call(s)")


def _miss(on_error: Callable[..., Any]):
    """Run the RedisCache method; on a Redis error log (rate-limited) and return on_error(...)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                cache_log.note(error, method.__name__)
                return on_error(*args, **kwargs)

        return wrapper

    return decorate


def _missing_key(key, *args, **kwargs):
    # What incr/decr do for a key that is not there; callers already handle it.
    raise ValueError(f"Key '{key}' not found (cache unavailable)")


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls treat Redis errors as misses (module docstring)."""

    def check(self) -> None:
        """Write and read a key, raising whatever Redis raises (for /readyz)."""
        key = "newsroom:readyz"
        RedisCache.set(self, key, "ok", timeout=10)
        if RedisCache.get(self, key) != "ok":
            raise RedisError("the cache does not return what was stored")

    @_miss(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_miss(lambda *args, **kwargs: False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @_miss(lambda *args, **kwargs: None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_miss(lambda *args, **kwargs: False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_miss(lambda *args, **kwargs: False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_miss(lambda *args, **kwargs: {})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_miss(lambda *args, **kwargs: False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_miss(_missing_key)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_miss(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, *args, **kwargs):
        return super().set_many(data, *args, **kwargs)

    @_miss(lambda *args, **kwargs: None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_miss(lambda *args, **kwargs: None)
    def clear(self):
        return super().clear()
