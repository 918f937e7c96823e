"""The anonymous page cache: a repeat visit runs no query, and the very next request after
anything a page shows changes gets the new content (newsroom/pagecache.py).

Each invalidation test warms the cache, checks the second request is a hit (no query), makes
the change the way the site makes it (the actions), and checks the next response shows it.
With CACHE_URL pointing at Redis (the PostgreSQL run) the same tests run against Redis.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom import actions, pagecache
from newsroom import cache as resilient
from newsroom.models import Article, ArticleStatus, CorrectionKind, RenderedBody
from tests.support.content import make_public_claim, publish
from tests.support.factories import (
    ArticleFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def get(client, url: str, **headers):
    """One GET and the number of queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def warm(client, url: str):
    """Request ``url`` until it is cached: the second visit must be a hit that ran no query,
    or the third when the first stored an article's rendered body (a request that writes is
    not kept: what it wrote bumps the tables it read)."""
    first, _ = get(client, url)
    assert first.status_code in (200, 404), first.status_code
    second, queries = get(client, url)
    if second["X-Page-Cache"] == "miss":
        assert RenderedBody.objects.filter(is_stale=False).exists()
        second, queries = get(client, url)
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    return second


def fresh(client, url: str):
    response, queries = get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert queries > 0
    return response


@pytest.fixture
def claim_article(editor):
    claim = make_public_claim(editor, statement="The talks were useful", slug="talks-useful")
    article = ArticleFactory(headline="Leaders meet", body="They met. [[claim:talks-useful]]")
    return publish(article, editor), claim


# -- hits, headers, conditional requests


def test_a_repeat_visit_is_served_from_the_cache_without_a_query(client, claim_article):
    article, _ = claim_article
    for url in [article.get_absolute_url(), "/", "/articles/", "/feeds/rss/", "/sitemap.xml",
                "/api/articles/", "/robots.txt", "/people/", "/claims/"]:  # fmt: skip
        warm(client, url)


def test_cacheable_responses_carry_cdn_headers_and_an_etag(client, claim_article):
    article, _ = claim_article
    response = warm(client, article.get_absolute_url())
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=10", "stale-while-revalidate=30"}
    assert "Cookie" in response["Vary"]
    assert response["ETag"]


def test_if_none_match_is_answered_with_304_from_the_cache_and_on_a_miss(
    client, claim_article, settings
):
    url = claim_article[0].get_absolute_url()
    etag = warm(client, url)["ETag"]
    response, queries = get(client, url, if_none_match=etag)
    assert response.status_code == 304 and queries == 0
    assert response.content == b""
    settings.NEWSROOM_PAGE_CACHE = False
    response, _ = get(client, url, if_none_match=etag)
    assert response.status_code == 304
    assert get(client, url, if_none_match='"something-else"')[0].status_code == 200


def test_the_switch_turns_the_cache_off(client, claim_article, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    url = claim_article[0].get_absolute_url()
    client.get(url)
    response, queries = get(client, url)
    assert response.status_code == 200 and queries > 0
    assert "X-Page-Cache" not in response


# -- never for readers with a session, previews, the admin, POSTs


def test_signed_in_readers_are_never_served_or_given_a_cached_copy(editor, claim_article):
    client, editor_client = Client(), Client()
    editor_client.force_login(editor)
    url = claim_article[0].get_absolute_url()
    warm(client, url)
    response, queries = get(editor_client, url)
    assert response.status_code == 200 and queries > 0
    assert "X-Page-Cache" not in response
    assert set(map(str.strip, response["Cache-Control"].split(","))) >= {"private", "no-cache"}
    # and what they got was not stored for anyone: the anonymous copy is still the hit
    assert warm(client, url)["X-Page-Cache"] == "hit"


def test_share_previews_and_the_admin_are_never_cached(client, editor, claim_article):
    link = actions.create_share_link(article=claim_article[0], actor=editor)
    url = f"/preview/{actions.share_link_token(link)}/"
    for _ in range(2):
        response, queries = get(client, url)
        assert response.status_code == 200 and queries > 0
        assert "no-store" in response["Cache-Control"]
        assert "X-Page-Cache" not in response
    for _ in range(2):
        response, _ = get(client, "/admin/login/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_a_post_is_never_answered_from_the_cache(client, claim_article):
    url = claim_article[0].get_absolute_url()
    warm(client, url)
    response = client.post(url)
    assert response.status_code == 405
    assert "X-Page-Cache" not in response


# -- every change readers can see invalidates at once


def test_publishing_a_revision_shows_it_on_the_next_request(client, editor, claim_article):
    article, _ = claim_article
    url = article.get_absolute_url()
    warm(client, url)
    warm(client, "/")
    article.headline = "Leaders agree"
    actions.save_article_draft(article=article, actor=editor, m2m={})
    # a draft is not what readers see: the page may stay as it is, but shows the old headline
    assert b"Leaders meet" in client.get(url).content
    actions.publish_changes(article=article, actor=editor)
    assert b"Leaders agree" in fresh(client, url).content
    assert b"Leaders agree" in fresh(client, "/").content


def test_unpublishing_takes_the_page_and_the_listings_down_at_once(client, editor, claim_article):
    article, _ = claim_article
    url = article.get_absolute_url()
    warm(client, url)
    warm(client, "/articles/")
    warm(client, "/api/articles/")
    actions.unpublish_article(article=article, actor=editor)
    assert fresh(client, url).status_code == 404
    assert b"Leaders meet" not in fresh(client, "/articles/").content
    assert b"Leaders meet" not in fresh(client, "/api/articles/").content


def test_a_cited_claim_s_verdict_and_wording_show_at_once(client, editor, claim_article):
    article, claim = claim_article
    urls = [article.get_absolute_url(), claim.get_absolute_url()]
    for url in urls:
        warm(client, url)
    actions.reopen_claim(claim=claim, actor=editor, note="New evidence.")
    actions.rate_claim(claim=claim, actor=editor, verdict="false", rationale="Contradicted.")
    for url in urls:
        assert b"verdict--false" in fresh(client, url).content
        warm(client, url)
    claim.refresh_from_db()
    claim.statement = "The talks were very useful"
    claim.save()  # a change to what was rated reopens it (newsroom/receivers.py)
    for url in urls:
        assert b"The talks were very useful" in fresh(client, url).content


def test_renaming_a_person_organization_or_event_shows_everywhere_at_once(client, editor):
    person = PersonFactory(full_name="Cai Qi", slug="cai-qi")
    organization = OrganizationFactory(name="General Office", slug="general-office")
    event = EventFactory(title="Tianjin meeting", slug="tianjin-meeting")
    article = publish(
        ArticleFactory(
            body="[[person:cai-qi]] of the [[org:general-office]] at the [[event:tianjin-meeting]]."
        ),
        editor,
    )
    pages = {
        person: (person.get_absolute_url(), "full_name", "Cai Qi (renamed)"),
        organization: (organization.get_absolute_url(), "name", "General Office (renamed)"),
        event: (event.get_absolute_url(), "title", "Tianjin meeting (renamed)"),
    }
    for record, (url, field, new) in pages.items():
        warm(client, url)
        warm(client, article.get_absolute_url())
        setattr(record, field, new)
        record.save()
        assert new.encode() in fresh(client, url).content
        assert new.encode() in fresh(client, article.get_absolute_url()).content


def test_a_new_membership_shows_on_the_person_s_page(client):
    person = PersonFactory()
    warm(client, person.get_absolute_url())
    MembershipFactory(person=person, organization=OrganizationFactory(name="Politburo"))
    assert b"Politburo" in fresh(client, person.get_absolute_url()).content


def test_a_correction_shows_on_the_article_and_the_corrections_page(client, editor, claim_article):
    article, _ = claim_article
    warm(client, article.get_absolute_url())
    warm(client, "/corrections/")
    actions.add_correction(
        article=article, actor=editor, kind=CorrectionKind.CORRECTION, text="The date was wrong."
    )
    assert b"The date was wrong." in fresh(client, article.get_absolute_url()).content
    assert b"The date was wrong." in fresh(client, "/corrections/").content


def test_a_deleted_record_is_gone_on_the_next_request(client):
    person = PersonFactory(full_name="Short Lived")
    url = person.get_absolute_url()
    warm(client, url)
    warm(client, "/people/")
    person.delete()
    assert fresh(client, url).status_code == 404
    assert b"Short Lived" not in fresh(client, "/people/").content


def test_a_404_turns_into_the_page_when_the_record_appears(client):
    warm(client, "/people/newcomer/")
    PersonFactory(slug="newcomer", full_name="New Comer")
    assert fresh(client, "/people/newcomer/").status_code == 200


def test_a_bulk_update_without_signals_still_invalidates(client, claim_article):
    article, _ = claim_article
    warm(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(headline="Changed in bulk")
    assert b"Changed in bulk" in fresh(client, article.get_absolute_url()).content


def test_a_scheduled_article_appears_when_its_time_comes(client, editor):
    when = (timezone.now() + dt.timedelta(minutes=5)).replace(microsecond=0)
    article = ArticleFactory(headline="Embargoed story")
    for status in (ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    article = actions.transition_article(
        article=article, to_status=ArticleStatus.SCHEDULED, actor=editor, publish_at=when
    )
    url = article.get_absolute_url()
    with time_machine.travel(when - dt.timedelta(seconds=1), tick=False):
        warm(client, url)
        warm(client, "/")
        assert b"Embargoed story" not in client.get("/").content
    with time_machine.travel(when, tick=False):
        assert fresh(client, url).status_code == 200
        assert b"Embargoed story" in fresh(client, "/").content


def test_a_page_built_while_another_process_commits_a_write_is_not_kept(client, claim_article):
    # Another process commits (and bumps) after this request read the old rows and before it
    # reads the versions to store them under: the entry would be stale under new versions.
    url = claim_article[0].get_absolute_url()
    bumped = []

    def commit_elsewhere_mid_render(execute, sql, params, many, context):
        if not bumped:
            bumped.append(True)
            pagecache.bump({"newsroom_claim"})
        return execute(sql, params, many, context)

    with connection.execute_wrapper(commit_elsewhere_mid_render):
        assert client.get(url)["X-Page-Cache"] == "miss"
    assert bumped
    assert client.get(url)["X-Page-Cache"] == "miss"  # not stored: built again
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_declared_dependencies_are_recorded_like_read_ones():
    person = PersonFactory()
    recording = pagecache._Recording()
    token = pagecache._recording.set(recording)
    try:
        pagecache.depends_on(person)
        pagecache.depends_on(Article, pk=1)
    finally:
        pagecache._recording.reset(token)
    assert recording.tables == {"profiles_person", "newsroom_article"}


# -- Redis down


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


def test_with_the_cache_unreachable_pages_serve_from_the_database(client, claim_article, settings):
    resilient.cache_log.reset()
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")  # nobody listens on port 1
    url = claim_article[0].get_absolute_url()
    for _ in range(2):
        response, queries = get(client, url)
        assert response.status_code == 200 and queries > 0
        assert b"Leaders meet" in response.content
    resilient.cache_log.reset()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server program")
def test_when_a_real_redis_stops_pages_serve_from_the_database(client, claim_article, settings):
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{port}/0")
        url = claim_article[0].get_absolute_url()
        warm(client, url)
    finally:
        server.terminate()
        server.wait(timeout=10)
    resilient.cache_log.reset()
    response, queries = get(client, url)
    assert response.status_code == 200 and queries > 0
    assert b"Leaders meet" in response.content
    assert cache.get("anything") is None
    resilient.cache_log.reset()
