"""Database down: every page, public and admin, answers the branded 503 page with Retry-After,
logs a line a minute instead of a traceback a request, and serves again once it is back."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from unittest import mock

import psycopg
import pytest
from django.db import OperationalError, connection
from django.template.loader import render_to_string
from django.test import Client

from newsroom import outage
from tests.support.content import make_published_article

pytestmark = pytest.mark.django_db

OUTAGE_TITLE = "We’ll be back shortly"


@pytest.fixture(autouse=True)
def _fresh_outage_log():
    outage.outage_log.reset()
    yield
    outage.outage_log.reset()


def refused() -> OperationalError:
    """What Django raises when PostgreSQL is stopped: its OperationalError over psycopg's."""
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')
    error.__cause__ = psycopg.OperationalError("connection refused")
    return error


@contextlib.contextmanager
def database_down(error_factory=refused):
    """Every query on the default connection fails as it does while the server is stopped."""

    def fail(execute, sql, params, many, context):
        raise error_factory()

    with connection.execute_wrapper(fail):
        yield


def assert_outage_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert OUTAGE_TITLE in html
    assert 'class="site-header"' in html  # the site's own page, not a bare error
    assert "Content-Security-Policy" in response.headers  # outer middleware still ran


def test_public_pages_answer_503_with_the_branded_page_and_recover(client, editor):
    article = make_published_article(editor)
    urls = ["/", "/articles/", article.get_absolute_url(), "/people/"]
    with database_down():
        for url in urls:
            assert_outage_page(client.get(url))
    for url in urls:
        assert client.get(url).status_code == 200


def test_the_api_answers_503_in_json_and_recovers(client, editor):
    make_published_article(editor)
    with database_down():
        response = client.get("/api/articles/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The database is unavailable; try again in 30 seconds."}
    assert client.get("/api/articles/").json()["count"] == 1


def test_an_unexpected_api_error_is_a_json_500(settings, editor):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    make_published_article(editor)
    with mock.patch("newsroom.api.articles.article_summary", side_effect=RuntimeError("bug")):
        response = Client(raise_request_exception=False).get("/api/articles/?page_size=1")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}


def test_admin_pages_answer_503_for_a_signed_in_editor_and_recover(editor_client):
    # The session and the user load lazily, on first use in the admin view: caught there.
    with database_down():
        for url in ["/admin/", "/admin/newsroom/article/", "/admin/newsroom/article/add/"]:
            assert_outage_page(editor_client.get(url))
    assert editor_client.get("/admin/").status_code == 200


def test_signing_in_while_the_database_is_down_answers_503(client, editor):
    with database_down():
        response = client.post(
            "/admin/login/", {"username": "editor", "password": "whatever", "next": "/admin/"}
        )
    assert_outage_page(response)


def test_the_outage_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("503.html", {"retry_after": 30})
    assert OUTAGE_TITLE in html


def test_a_burst_of_outage_requests_logs_one_line_and_no_traceback(client, caplog):
    with caplog.at_level(logging.INFO), database_down():
        for _ in range(25):
            assert client.get("/articles/").status_code == 503
    warnings = [r for r in caplog.records if r.name == "newsroom.outage"]
    assert len(warnings) == 1
    assert "database unavailable" in warnings[0].getMessage()
    assert not [r for r in caplog.records if r.name == "django.request"]
    assert not [r for r in caplog.records if r.exc_info]


def test_the_next_line_a_minute_later_counts_the_requests_in_between(client, caplog, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(outage.time, "monotonic", lambda: now[0])
    with caplog.at_level(logging.INFO), database_down():
        for _ in range(10):
            client.get("/")
        now[0] += 61
        client.get("/people/")
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.outage"]
    assert len(lines) == 2
    assert "(1 request(s) since the last report, latest /)" in lines[0]
    assert "(10 request(s) since the last report, latest /people/)" in lines[1]


class FailingAfterTheViewMiddleware:
    """Stands in for the session middleware saving a session after the view, as the database
    goes away: the exception is raised by a middleware, outside any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise refused()


def test_an_outage_raised_by_a_middleware_gets_the_page_too(settings, caplog):
    index = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:index],
        f"{__name__}.FailingAfterTheViewMiddleware",
        *settings.MIDDLEWARE[index:],
    ]
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get("/robots.txt")
    assert_outage_page(response)
    assert not [r for r in caplog.records if r.exc_info]


def deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.lookup("40P01")("deadlock detected")
    return error


def test_a_deadlock_on_a_running_server_stays_a_500_with_its_traceback(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO), database_down(deadlock):
        response = client.get("/articles/")
    assert response.status_code == 500
    assert OUTAGE_TITLE not in response.content.decode()
    assert [r for r in caplog.records if r.name == "django.request" and r.exc_info]


def real_sqlite_error(make) -> sqlite3.Error:
    try:
        make()
    except sqlite3.Error as error:
        return error
    raise AssertionError("no error")


def test_what_counts_as_an_outage(tmp_path):
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        locked = real_sqlite_error(
            lambda: sqlite3.connect(path, timeout=0).execute("SELECT * FROM t")
        )
    finally:
        holder.close()
    missing = real_sqlite_error(lambda: sqlite3.connect(tmp_path / "no" / "such.sqlite3"))

    def wrapped(driver_error):
        error = OperationalError(str(driver_error))
        error.__cause__ = driver_error
        return error

    shutdown = psycopg.errors.lookup("57P01")("terminating connection due to administrator command")
    timeout = psycopg.errors.lookup("57014")("canceling statement due to statement timeout")
    assert outage.is_outage(refused())
    assert outage.is_outage(wrapped(shutdown))
    assert outage.is_outage(wrapped(missing))  # SQLITE_CANTOPEN
    # A busy database answers later; a slow or deadlocked query is a bug: neither is an outage.
    assert not outage.is_outage(wrapped(locked))  # "database is locked"
    assert not outage.is_outage(wrapped(timeout))
    assert not outage.is_outage(deadlock())
    assert not outage.is_outage(ValueError("not a database error"))
