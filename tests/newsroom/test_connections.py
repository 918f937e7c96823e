"""Database connections in production: psycopg's pool on PostgreSQL, sized from the
environment, and persistent, health-checked connections on SQLite (newsroom/settings.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.newsroom.test_settings import PRODUCTION, ROOT, production_setting

PG_URL = "postgres://newsroom@db.example.org:5432/newsroom"
DATABASE = "settings.DATABASES['default']"
SHOWN = f"{DATABASE}.get('OPTIONS', {{}}).get('pool'), {DATABASE}['CONN_MAX_AGE']"


def test_production_on_postgresql_pools_connections_sized_from_the_environment():
    assert production_setting(SHOWN, DATABASE_URL=PG_URL) == (
        "{'min_size': 1, 'max_size': 4, 'timeout': 2.0, 'reconnect_timeout': 2.0} 0"
    )
    sized = production_setting(
        SHOWN,
        DATABASE_URL=PG_URL,
        NEWSROOM_DB_POOL_MIN="2",
        NEWSROOM_DB_POOL_MAX="9",
        NEWSROOM_DB_POOL_TIMEOUT="1.5",
    )
    assert sized == "{'min_size': 2, 'max_size': 9, 'timeout': 1.5, 'reconnect_timeout': 2.0} 0"


def test_the_pool_has_an_off_switch_and_is_off_while_developing():
    assert production_setting(SHOWN, DATABASE_URL=PG_URL, NEWSROOM_DB_POOL="0") == "None 0"
    assert production_setting(SHOWN, DATABASE_URL=PG_URL, DJANGO_DEBUG="1") == "None 0"


def test_production_on_sqlite_keeps_connections_open_and_checks_them():
    shown = (
        f"{DATABASE}.get('OPTIONS'), {DATABASE}['CONN_MAX_AGE'], {DATABASE}['CONN_HEALTH_CHECKS']"
    )
    assert production_setting(shown) == "{} 600 True"


def test_the_page_cache_is_on_where_the_processes_share_the_cache():
    local = production_setting("settings.NEWSROOM_PAGE_CACHE", CACHE_URL="locmemcache://")
    assert local == "False"  # each worker its own memory: one could not tell the others
    redis = {"CACHE_URL": "redis://127.0.0.1:6379/7"}
    assert production_setting("settings.NEWSROOM_PAGE_CACHE", **redis) == "True"
    off = production_setting("settings.NEWSROOM_PAGE_CACHE", NEWSROOM_PAGE_CACHE="0", **redis)
    assert off == "False"


# Real requests through Django's WSGI handler (its request_finished closes the connection,
# which returns it to the pool), from four threads at once, with production settings.
REQUESTS = """
import json, sys, threading
from wsgiref.util import setup_testing_defaults
import django
django.setup()
from django.core.wsgi import get_wsgi_application
from django.db import connection

app = get_wsgi_application()
statuses = []

def request(path):
    environ = {"PATH_INFO": path, "HTTP_HOST": "news.example.org",
               "HTTP_X_FORWARDED_PROTO": "https"}
    setup_testing_defaults(environ)
    seen = []
    body = app(environ, lambda status, headers, exc_info=None: seen.append(status))
    b"".join(body)
    body.close()
    statuses.append(seen[0])

def reader():
    for _ in range(10):
        request("/api/articles/")
        request("/api/people/")

threads = [threading.Thread(target=reader) for _ in range(4)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print(json.dumps({"statuses": sorted(set(statuses)), "requests": len(statuses),
                  "stats": connection.pool.get_stats()}))
"""


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool is PostgreSQL's")
def test_requests_on_postgresql_reuse_a_bounded_set_of_pooled_connections():
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PRODUCTION, DATABASE_URL=url, NEWSROOM_DB_POOL_MAX="2", NEWSROOM_PAGE_CACHE="0")
    env.pop("CACHE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["statuses"] == ["200 OK"]
    assert report["requests"] == 80
    stats = report["stats"]
    # 80 requests, each borrowing from the pool; never more than its two connections opened.
    assert stats["requests_num"] >= 80
    assert stats["connections_num"] <= 2
    assert stats["pool_max"] == 2
