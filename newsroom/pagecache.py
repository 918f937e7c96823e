"""Whole public responses for anonymous readers, cached and invalidated the moment they change.

What is cached: a GET to any public page (the ``newsroom``, ``profiles`` and ``events`` URL
namespaces: pages, feeds, sitemaps, robots.txt, the JSON API) from a reader without a session
(no session or messages cookie, no ``Authorization``), when the answer is a 200, 301 or 404
without ``Set-Cookie`` and without a ``private``/``no-cache``/``no-store`` Cache-Control. Share
previews (``never_cache``) and the admin are outside. The entry lives in Django's configured
cache (Redis in production, newsroom/cache.py) under NEWSROOM_PAGE_CACHE_PREFIX.

How it is invalidated — table versions, taken from the SQL itself:

- While a cacheable response is built, every SELECT it runs is seen by a database execute
  wrapper (installed on every connection) and the tables it names are recorded — joined
  tables, many-to-many tables, prefetches, counts and queries that found nothing included.
- Every INSERT, UPDATE, DELETE (or TRUNCATE) on any connection bumps the version of each table
  it names, right away and again once the transaction commits.
- An entry stores the versions of its tables; a hit needs them all unchanged (one get_many).

Why tables and not rows (the brief suggested row tags from ``post_init`` plus model tags for
lists): tags from loaded instances miss what a page shows without loading it — a 404 that a new
or newly published row turns into a page, a claim that becomes public on a person page it was
filtered out of, a join that loads no instance — and signals miss ``QuerySet.update()`` and
bulk writes, which the actions use. The SQL is the one complete record of what a page read
and what a write touched, so nothing can be missed, whatever the views do later. The price is
coarseness: one claim edited re-renders every cached page that read the claims table. Readers
outnumber editorial writes by orders of magnitude, so that is one re-render per hot page per
write, not per request.

Races: the version bump after commit closes the window in which another process rendered
from the old rows and stored them under the new versions (the bump before commit only serves
the writer's own connection, e.g. a test's transaction). A response is also not stored if any
write was committed while it was being built (the global epoch moved) or if it wrote itself.
Version keys start at the clock in nanoseconds, so one evicted and re-created never matches an
entry stored under its old value.

Time: articles become visible at ``published_at`` and events pass at their start or end with
no write at all. An entry that read those tables lives at most until the next such moment
(``_time_limits``; each lookup is itself cached under the table's version). NEWSROOM_PAGE_CACHE_TTL
caps every entry's life whatever it read (and bounds staleness after a cache outage, when
bumps could not be recorded). Code that renders from HTML stored elsewhere declares what that
HTML shows with ``depends_on``/``depends_on_model``, and any other deadline with ``valid_until``.

Headers on cacheable anonymous responses: ``Cache-Control: public, max-age=0,
s-maxage=<S>, stale-while-revalidate=<W>`` (a CDN cannot be purged exactly, so S is small),
``Vary: Cookie``, an ``ETag``, and a 304 for a matching ``If-None-Match``. Public pages for a
reader with a session get ``private, no-cache``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import re
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import Min, Model, Q
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

PUBLIC_NAMESPACES = frozenset({"newsroom", "profiles", "events"})
# Public addresses that are never cached: a preview shows a saved revision to whoever holds
# its link, and sets never-cache itself; this keeps it out even if that changed.
UNCACHED_VIEWS = frozenset({"newsroom:share_preview"})
CACHEABLE_STATUSES = frozenset({200, 301, 404})
PERSONAL_COOKIES = ("messages",)  # besides SESSION_COOKIE_NAME
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})

_READ = ("SELECT", "WITH")
_WRITE = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "REPLACE", "MERGE", "ALTER", "DROP")
_QUOTED = re.compile(r'"([^"]+)"')


@dataclass
class _Recording:
    """What the response being built read, and whether it wrote."""

    tables: set[str] = field(default_factory=set)
    valid_until: float = math.inf
    wrote: bool = False


_recording: ContextVar[_Recording | None] = ContextVar("pagecache_recording", default=None)


# -- the public API, for code that renders from stored HTML or knows a deadline


def depends_on(instance_or_model: Model | type[Model], pk: object = None) -> None:
    """Declare that the response being built shows ``instance_or_model`` (a row, or the row
    ``pk`` of a model): a change to it makes the cached response stale. Rows are tracked by
    their table (module docstring), so ``pk`` only documents which row is meant."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    depends_on_model(model)


def depends_on_model(model: type[Model]) -> None:
    """Declare that the response being built shows rows of ``model`` (a list, a count…)."""
    recording = _recording.get()
    if recording is not None:
        recording.tables.add(model._meta.db_table)


def valid_until(when: dt.datetime) -> None:
    """Declare that the response being built is stale from ``when`` on (a time window)."""
    recording = _recording.get()
    if recording is not None:
        recording.valid_until = min(recording.valid_until, when.timestamp())


# -- versions


def _key(*parts: str) -> str:
    return ":".join((settings.NEWSROOM_PAGE_CACHE_PREFIX, *parts))


def _version_key(table: str) -> str:
    return _key("v", table)


def _epoch_key() -> str:
    return _key("epoch")


def bump(tables: set[str] | frozenset[str]) -> None:
    """New versions for ``tables`` and the epoch: cached responses that read them are stale."""
    for key in [*map(_version_key, sorted(tables)), _epoch_key()]:
        try:
            cache.incr(key)
        except ValueError:  # not there yet, evicted, or the cache is down
            if not cache.add(key, time.time_ns(), timeout=None):
                # Still failing: the cache is down, and NEWSROOM_PAGE_CACHE_TTL bounds what it kept.
                with contextlib.suppress(ValueError):
                    cache.incr(key)


class _BumpAfterCommit:
    """An on_commit callback that knows its table, so a transaction registers one per table."""

    def __init__(self, table: str) -> None:
        self.table = table

    def __call__(self) -> None:
        bump({self.table})


@memoize
def _known_tables() -> frozenset[str]:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def _tables_in(sql: str) -> set[str]:
    # Django quotes every table name it writes ("newsroom_claim"); column names that are not
    # table names fall out of the intersection.
    return set(_QUOTED.findall(sql)) & _known_tables()


def _tables_written(connection, tables: set[str]) -> None:
    bump(tables)
    if connection.in_atomic_block:
        pending = {
            getattr(callback, "table", None)
            for _sids, callback, _robust in connection.run_on_commit
        }
        for table in tables - pending:
            transaction.on_commit(_BumpAfterCommit(table), using=connection.alias)


def _watch(execute, sql, params, many, context):
    """The execute wrapper on every connection: records reads, bumps writes."""
    if not isinstance(sql, str):
        return execute(sql, params, many, context)
    verb = sql.lstrip()[:8].upper()
    recording = _recording.get()
    if recording is not None and verb.startswith(_READ):
        recording.tables |= _tables_in(sql)
    result = execute(sql, params, many, context)
    if verb.startswith(_WRITE):
        tables = _tables_in(sql)
        if tables:
            if recording is not None:
                recording.wrote = True
            _tables_written(context["connection"], tables)
    return result


def _install_on(connection, **kwargs) -> None:
    # First in the list: a ``with connection.execute_wrapper(...)`` pops the last one.
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def install() -> None:
    """Watch every database connection, now and as each is made (NewsroomConfig.ready)."""
    connection_created.connect(_install_on, dispatch_uid="newsroom_pagecache")
    for connection in connections.all(initialized_only=True):
        _install_on(connection)


# -- time: rows that become visible, or change how they show, without a write


def _next_publication() -> dt.datetime | None:
    from newsroom.models.articles import LIVE_STATUSES, Article

    return Article.objects.filter(
        status__in=LIVE_STATUSES, published_at__gt=timezone.now()
    ).aggregate(due=Min("published_at"))["due"]


def _next_event_boundary() -> dt.datetime | None:
    """When the next event starts or ends: it leaves "upcoming", or becomes past."""
    from events.models import Event

    now = timezone.now()
    times = Event.objects.aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)),
        ends=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    return min((t for t in times.values() if t is not None), default=None)


@memoize
def _time_limits() -> dict[str, Callable[[], dt.datetime | None]]:
    from events.models import Event
    from newsroom.models import Article, SearchDocument

    return {
        Article._meta.db_table: _next_publication,
        Event._meta.db_table: _next_event_boundary,
        # A scheduled article's search document is found from its publication time.
        SearchDocument._meta.db_table: _next_publication,
    }


def _next_change(table: str, version: int, compute: Callable[[], dt.datetime | None]) -> float:
    """The next moment ``table`` changes by the clock alone, cached under its version."""
    key = _key("due", table)
    now = _now()
    known = cache.get(key)
    if known is not None and known[0] == version and (known[1] is None or known[1] > now):
        return math.inf if known[1] is None else known[1]
    due = compute()
    at = None if due is None else due.timestamp()
    cache.set(key, (version, at), timeout=settings.NEWSROOM_PAGE_CACHE_TTL)
    return math.inf if at is None else at


# -- the middleware


def _now() -> float:
    # Django's clock, as the querysets read it (published_at <= now()), so a test that moves
    # it moves both.
    return timezone.now().timestamp()


def _public_view(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(match.namespaces) and (
        match.namespaces[0] in PUBLIC_NAMESPACES and match.view_name not in UNCACHED_VIEWS
    )


def _is_personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or any(name in cookies for name in PERSONAL_COOKIES)
        or "HTTP_AUTHORIZATION" in request.META
    )


def _cacheable(response: HttpResponse) -> bool:
    if response.status_code not in CACHEABLE_STATUSES or response.streaming or response.cookies:
        return False
    directives = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= {"cookie"}


def _public_headers(response: HttpResponse) -> None:
    if "Cache-Control" not in response:  # a view's own (robots.txt: an hour) stands
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.NEWSROOM_PAGE_CACHE_S_MAXAGE,
            stale_while_revalidate=settings.NEWSROOM_PAGE_CACHE_STALE_WHILE_REVALIDATE,
        )
    patch_vary_headers(response, ("Cookie",))
    if response.status_code == 200 and not response.has_header("ETag"):
        set_response_etag(response)


class PageCacheMiddleware:
    """Serves and stores anonymous public responses (module docstring). It sits before the
    session, CSRF and auth middleware, so a hit runs no query and touches no session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not _public_view(request):
            return self.get_response(request)
        if _is_personal(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ("Cookie",))
            return response
        try:
            key = _key("page", hashlib.md5(request.build_absolute_uri().encode()).hexdigest())
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 on its way
        enabled = settings.NEWSROOM_PAGE_CACHE
        if enabled:
            hit = self._lookup(key, request)
            if hit is not None:
                return hit
        epoch = cache.get(_epoch_key()) if enabled else None
        recording = _Recording()
        token = _recording.set(recording)
        try:
            response = self.get_response(request)
        finally:
            _recording.reset(token)
        if not _cacheable(response):
            return response
        _public_headers(response)
        if enabled and request.method == "GET" and not recording.wrote:
            self._store(key, response, recording, epoch)
        if enabled:
            response["X-Page-Cache"] = "miss"  # built for this request (kept or not)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def _lookup(self, key: str, request: HttpRequest) -> HttpResponse | None:
        entry = cache.get(key)
        if entry is None or entry["expires_at"] <= _now():
            return None
        if cache.get_many(list(entry["versions"])) != entry["versions"]:
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def _store(self, key: str, response: HttpResponse, recording: _Recording, epoch) -> None:
        keys = [_version_key(table) for table in sorted(recording.tables)]
        current = cache.get_many([*keys, _epoch_key()])
        missing = [k for k in keys if k not in current]
        if missing:
            for k in missing:
                cache.add(k, time.time_ns(), timeout=None)
            current = cache.get_many([*keys, _epoch_key()])
        # The epoch is read last: a write committed while the response was being built (or
        # since its versions were read) moved it, and the response is not kept.
        if current.get(_epoch_key()) != epoch or any(k not in current for k in keys):
            return
        now = _now()
        expires_at = min(now + settings.NEWSROOM_PAGE_CACHE_TTL, recording.valid_until)
        for table, compute in _time_limits().items():
            if table in recording.tables:
                expires_at = min(
                    expires_at, _next_change(table, current[_version_key(table)], compute)
                )
        if expires_at <= now:
            return
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() != "x-page-cache"],
            "versions": {k: current[k] for k in keys},
            "expires_at": expires_at,
        }
        cache.set(key, entry, timeout=math.ceil(expires_at - now))
