"""The publishing gate runs on what is being published, at that moment, whatever path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import Article, ArticleStatus
from tests.support.content import make_public_claim, publish
from tests.support.factories import ArticleFactory, CitationFactory

pytestmark = pytest.mark.django_db


def approved(editor, body: str) -> Article:
    article = ArticleFactory(body=body)
    actions.sync_article_references(article=article)
    for status in (ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    return article


def test_a_claim_reopened_after_the_article_was_saved_blocks_publishing(editor):
    claim = make_public_claim(editor, slug="rated")
    article = approved(editor, "[[claim:rated]]")
    CitationFactory(claim=claim, excerpt="a later source disagrees")  # reopens it, any path
    with pytest.raises(InvalidArticleTransition, match="rated"):
        actions.transition_article(article=article, to_status="published", actor=editor)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.APPROVED


def test_a_reference_added_in_a_draft_is_gated_when_the_changes_are_published(editor):
    make_public_claim(editor, slug="rated")
    article = publish(ArticleFactory(body="[[claim:rated]]"), editor)
    article.body = "[[claim:rated]] and [[claim:not-yet-written]]"
    actions.save_article_draft(article=article, actor=editor, m2m={})
    with pytest.raises(InvalidArticleTransition, match="not-yet-written"):
        actions.publish_changes(article=article, actor=editor, override_reason="Urgent.")
    assert Article.objects.get(pk=article.pk).body == "[[claim:rated]]"


def test_an_override_covers_only_the_claims_it_names(editor):
    first = make_public_claim(editor, slug="first")
    second = make_public_claim(editor, slug="second")
    for claim in (first, second):
        CitationFactory(claim=claim, excerpt="new evidence")  # both reopened
    article = approved(editor, "[[claim:first]] [[claim:second]]")
    with pytest.raises(InvalidArticleTransition, match="second"):
        actions.transition_article(
            article=article, to_status="published", actor=editor,
            override_reason="First is safe.", override_claims=["first"],
        )  # fmt: skip
    published = actions.transition_article(
        article=article, to_status="published", actor=editor,
        override_reason="Both checked by the desk.", override_claims=["first", "second"],
    )  # fmt: skip
    event = published.events.first()
    assert sorted(event.override_claim_ids) == sorted([first.pk, second.pk])
    assert event.override_reason == "Both checked by the desk."


def test_a_claim_reopened_before_the_due_time_unschedules_the_article(editor):
    claim = make_public_claim(editor, slug="rated")
    article = approved(editor, "[[claim:rated]]")
    actions.sync_article_references(article=Article.objects.get(pk=article.pk))
    when = timezone.now() + dt.timedelta(hours=2)
    actions.transition_article(
        article=article, to_status="scheduled", actor=editor, publish_at=when
    )
    CitationFactory(claim=claim, excerpt="contradicting evidence", stance="contradicts")
    article.refresh_from_db()
    assert article.status == ArticleStatus.APPROVED
    assert "reopened for review" in article.events.first().note
    # Without a cron job nothing else would have stopped it: after its time it is not live.
    assert not Article.objects.published(at=when + dt.timedelta(minutes=1)).exists()
