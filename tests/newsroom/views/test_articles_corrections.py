"""Corrections as readers see them: on the article, and on the paginated corrections page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom import actions
from newsroom.models import ArticleStatus, Correction
from tests.support.content import count_queries, make_published_article, publish
from tests.support.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db

S = ArticleStatus

QUERIES = {"correction_list": 2}


def test_corrections_are_shown(client, editor):
    article = make_published_article(editor)
    correction = CorrectionFactory(article=article, text="The meeting was on Sunday.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The meeting was on Sunday." in html
    assert f'id="correction-{correction.pk}"' in html


def test_corrections_at_the_top_clarifications_and_updates_at_the_bottom(client, editor):
    article = publish(ArticleFactory(body="The body text."), editor)
    correction = actions.add_correction(
        article=article, actor=editor, kind="correction", text="It was Sunday, not Monday."
    )
    clarification = actions.add_correction(
        article=article, actor=editor, kind="clarification", text="Cai ranks fifth of seven."
    )
    update = actions.add_correction(
        article=article, actor=editor, kind="update", text="The ministry has replied."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body_at = html.index("The body text.")
    assert html.index("It was Sunday, not Monday.") < body_at
    assert html.index("Cai ranks fifth of seven.") > body_at
    assert html.index("The ministry has replied.") > body_at
    for item in (correction, clarification, update):
        assert f'id="correction-{item.pk}"' in html
        assert f'href="#correction-{item.pk}"' in html
        local = timezone.localtime(item.created_at)
        assert f'<time datetime="{local.isoformat(timespec="seconds")}">' in html


def test_the_corrections_page_lists_newest_first_and_only_live_articles(client, editor):
    live = publish(ArticleFactory(headline="Live story"), editor)
    hidden = publish(ArticleFactory(headline="Withdrawn story"), editor)
    older = actions.add_correction(article=live, actor=editor, kind="correction", text="Older.")
    newer = actions.add_correction(article=live, actor=editor, kind="update", text="Newer.")
    actions.add_correction(article=hidden, actor=editor, kind="correction", text="Withdrawn.")
    actions.transition_article(article=hidden, to_status=S.UNPUBLISHED, actor=editor)
    html = client.get("/corrections/").content.decode()
    assert html.index("Newer.") < html.index("Older.")
    assert "Withdrawn" not in html
    assert f'href="{live.get_absolute_url()}#correction-{older.pk}"' in html
    assert f'href="{live.get_absolute_url()}#correction-{newer.pk}"' in html
    assert 'href="/feeds/corrections/"' in html


def test_the_corrections_page_is_paginated_at_a_fixed_query_count(client, editor):
    article = publish(ArticleFactory(), editor)

    def grow(n: int) -> None:
        for i in range(n):
            other = publish(ArticleFactory(), editor)
            for target in (article, other):
                actions.add_correction(article=target, actor=editor, kind="update", text=f"U{i}")

    grow(1)
    few, _ = count_queries(client, "/corrections/")
    grow(20)
    many, content = count_queries(client, "/corrections/")
    assert few == many == QUERIES["correction_list"]
    assert content.count(b'class="correction-list__item"') == 30
    assert client.get("/corrections/?page=2").status_code == 200
    assert client.get("/corrections/?page=3").status_code == 404


def test_a_corrections_time_is_given_to_the_second_for_valid_html(client, editor, settings):
    """HTML allows at most three fractional digits in <time datetime>; a saved timestamp has
    six. The page gives the second and the offset, in the site's time zone."""
    settings.TIME_ZONE = "Asia/Kolkata"
    article = make_published_article(editor)
    correction = CorrectionFactory(article=article, text="The meeting was on Sunday.")
    saved = dt.datetime(2025, 9, 1, 10, 30, 5, 123456, tzinfo=dt.UTC)
    Correction.objects.filter(pk=correction.pk).update(created_at=saved)
    for url in (article.get_absolute_url(), reverse("newsroom:correction_list")):
        html = client.get(url).content.decode()
        assert '<time datetime="2025-09-01T16:00:05+05:30">' in html, url
        assert "123456" not in html, url
