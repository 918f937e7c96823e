"""Redis down: the cache misses instead of failing, pages serve from the database, /readyz
still says the cache is unreachable, and the log gets a line a minute, not one per call."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache

from newsroom import cache as resilient
from tests.newsroom.test_settings import REDIS_URL, redis_answers
from tests.support.content import make_published_article

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "redis://127.0.0.1:1/0"  # nobody listens on port 1


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


@pytest.fixture
def cache_down(settings):
    resilient.cache_log.reset()
    settings.CACHES = redis_cache(CLOSED_PORT_URL)
    yield
    resilient.cache_log.reset()


def test_a_down_cache_is_a_cache_that_misses(cache_down, caplog):
    with caplog.at_level(logging.INFO):
        assert cache.get("k", "default") == "default"
        cache.set("k", "v")
        assert cache.add("k", "v") is False
        assert cache.get_or_set("k", lambda: "computed") == "computed"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        with pytest.raises(ValueError):
            cache.incr("counter")  # as for a missing key, which callers already handle
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.cache"]
    assert len(lines) == 1
    assert lines[0].startswith("cache unavailable, serving without it (1 failed call(s)")


def test_pages_and_the_admin_serve_from_the_database_while_the_cache_is_down(
    cache_down, client, editor
):
    article = make_published_article(editor)
    for url in ["/", "/articles/", article.get_absolute_url(), "/api/articles/"]:
        assert client.get(url).status_code == 200
    # Signing in through the form: sessions live in the database, not the cache.
    response = client.post("/admin/login/", {"username": "editor", "password": "pw"})
    assert response.status_code == 302
    assert client.get("/admin/newsroom/article/").status_code == 200


def test_readyz_still_reports_the_cache_as_unreachable(cache_down, client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unreachable"}


@pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis server at {REDIS_URL}")
def test_with_redis_up_it_is_django_s_redis_cache(settings, client):
    settings.CACHES = redis_cache(REDIS_URL)
    cache.set("newsroom-cache-test", "stored", 30)
    assert cache.get("newsroom-cache-test") == "stored"
    assert client.get("/readyz").json() == {"database": "ok", "cache": "ok"}
