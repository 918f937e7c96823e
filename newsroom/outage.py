"""The database is down: every page answers 503 with the site's own page, and a line a minute.

Without this, a stopped PostgreSQL turned every request into a bare 500 and a traceback in the
log (3,681 of them, 21.5 MB, in fifteen seconds). Now a request that fails because the database
cannot be reached gets ``templates/503.html`` (no database query: it is rendered without the
request's context processors), ``Retry-After`` (NEWSROOM_OUTAGE_RETRY_AFTER seconds) and
``Cache-Control: no-store``, so no proxy keeps the outage page. Each process logs one warning
per NEWSROOM_OUTAGE_LOG_INTERVAL (60 s) saying how many requests it answered so since the last
one. Nothing needs restarting: Django drops a broken connection at the end of the request and
the next request connects again.

Two ways in, because Django turns an exception into a response at every middleware layer (an
outer middleware never sees an inner one's exception):

- ``DatabaseOutageMiddleware.process_exception`` catches what the view raises, templates
  included — which covers the session and the user, since both load lazily, on first use in a
  view or template;
- ``server_error`` (``handler500``) catches what a middleware raises outside the view, e.g. the
  session middleware saving a session after the view; it sees the exception in flight.

What counts as an outage (``is_outage``): the connection cannot be made or was lost —
``InterfaceError``, and ``OperationalError`` with no SQLSTATE (connection refused, a pool
timeout) or one that means the server is unavailable (class 08, shutdown, too many
connections). A deadlock, a serialization failure or a statement timeout on a server that is
up stays a 500 with its traceback: those are bugs or load to look at, not an outage. Likewise
SQLite's "database is locked" (SQLITE_BUSY: a writer held the lock past the timeout) is not an
outage page; only a database file that cannot be opened or read is.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

try:  # psycopg's own errors, for a pool error raised outside Django's error wrapper
    import psycopg
except ImportError:  # pragma: no cover - SQLite-only installs
    psycopg = None

# PostgreSQL SQLSTATEs that mean "the server is not there for you now".
# https://www.postgresql.org/docs/current/errcodes-appendix.html
UNAVAILABLE_SQLSTATE_CLASSES = ("08",)  # connection exception
UNAVAILABLE_SQLSTATES = {
    "57P01",  # admin_shutdown (pg_ctl stop while connected)
    "57P02",  # crash_shutdown
    "57P03",  # cannot_connect_now (starting up, shutting down, in recovery)
    "53300",  # too_many_connections
}
# SQLite primary result codes for a database file that cannot be opened or read.
SQLITE_UNAVAILABLE = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_NOTADB}


def is_outage(error: BaseException | None) -> bool:
    """Whether ``error`` means the database cannot be reached (see the module docstring)."""
    if error is None:
        return False
    if isinstance(error, InterfaceError):
        return True
    driver_error = error.__cause__ if isinstance(error, OperationalError) else error
    if isinstance(driver_error, sqlite3.Error):
        code = getattr(driver_error, "sqlite_errorcode", None)
        return code is not None and code & 0xFF in SQLITE_UNAVAILABLE
    if psycopg is not None and isinstance(driver_error, psycopg.InterfaceError):
        return True
    if psycopg is not None and isinstance(driver_error, psycopg.OperationalError):
        sqlstate = driver_error.sqlstate
        return (
            sqlstate is None
            or sqlstate.startswith(UNAVAILABLE_SQLSTATE_CLASSES)
            or sqlstate in UNAVAILABLE_SQLSTATES
        )
    # An OperationalError from another backend: the whole class, as Django documents it.
    return isinstance(error, OperationalError)


class RateLimitedLog:
    """One warning per NEWSROOM_OUTAGE_LOG_INTERVAL per process, counting the failures in
    between: ``"<what> (<n> <counted> since the last report, latest <where>): <error>"``.
    The database outage and the cache (newsroom/cache.py) each keep one."""

    def __init__(self, logger: logging.Logger, what: str, counted: str) -> None:
        self._logger, self._what, self._counted = logger, what, counted
        self._lock = threading.Lock()
        self._last = float("-inf")
        self._since_last = 0

    def note(self, error: BaseException, where: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._since_last += 1
            if now - self._last < settings.NEWSROOM_OUTAGE_LOG_INTERVAL:
                return
            count, self._since_last, self._last = self._since_last, 0, now
        self._logger.warning(
            "%s (%d %s since the last report, latest %s): %s: %s",
            self._what,
            count,
            self._counted,
            where,
            type(error).__name__,
            " ".join(str(error).split())[:300],
        )

    def reset(self) -> None:
        with self._lock:
            self._last = float("-inf")
            self._since_last = 0


outage_log = RateLimitedLog(logger, "database unavailable, answering 503", "request(s)")


def is_api_request(request: HttpRequest) -> bool:
    """A request to the JSON API (newsroom/api/), whose clients read ``{"detail": ...}``
    errors, not the site's pages."""
    return request.path.startswith(reverse("newsroom:api-root"))


def outage_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 page (JSON for the API) for a request the database could not serve; logs at
    most once a minute."""
    outage_log.note(error, request.path)
    retry_after = settings.NEWSROOM_OUTAGE_RETRY_AFTER
    if is_api_request(request):
        response = JsonResponse(
            {"detail": f"The database is unavailable; try again in {retry_after} seconds."},
            status=503,
        )
    else:
        # No request in the context: context processors would load the session and the user.
        body = loader.render_to_string("503.html", {"retry_after": retry_after})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    # Django logs every response >= 500 on its way out, a line per request; this one is
    # already accounted for by outage_log.
    response._has_been_logged = True
    session = getattr(request, "session", None)
    if session is not None:
        # Nothing is saved for a request the database could not serve (a modified session
        # would be saved after the view, and fail again outside any handler).
        session.modified = False
    return response


class DatabaseOutageMiddleware:
    """Turns a view's database-outage exception into the 503 page (module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_outage(exception):
            return outage_response(request, exception)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 503 page when the exception in flight is an outage, else the 500 page
    (for the API, the same answers in JSON).

    Django calls it from inside its ``except`` block, so ``sys.exc_info()`` is the exception
    raised by a middleware (or by a view, when no middleware handled it).
    """
    import sys

    error = sys.exc_info()[1]
    if is_outage(error):
        return outage_response(request, error)
    if is_api_request(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    try:
        return django_server_error(request, template_name)
    except Exception:  # pragma: no cover - the 500 template itself failed
        return HttpResponseServerError(b"<h1>Server Error (500)</h1>", content_type="text/html")
