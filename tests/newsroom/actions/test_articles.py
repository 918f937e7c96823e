"""The publishing workflow in actions.articles: the gate's recorded override, scheduling without
cron, URL history, corrections, substantive updates, and who may make each move."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import Article, ArticleEvent, ArticleURL, Correction
from tests.support.content import edit_live
from tests.support.factories import ArticleFactory, ClaimFactory
from tests.support.users import role_users

pytestmark = pytest.mark.django_db


def _to_approved(article, writer, editor):
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    return actions.transition_article(article=article, to_status="approved", actor=editor)


def test_article_citing_an_unrated_claim_cannot_be_published_without_a_recorded_override(
    writer, editor
):
    claim = ClaimFactory(slug="unrated")
    article = ArticleFactory(body="Cai met Modi [[claim:unrated]].")
    actions.sync_article_references(article=article)
    _to_approved(article, writer, editor)
    with pytest.raises(InvalidArticleTransition, match="unrated"):
        actions.transition_article(article=article, to_status="published", actor=editor)
    published = actions.transition_article(
        article=article,
        to_status="published",
        actor=editor,
        override_reason="Breaking news; claim under review.",
    )
    assert published.status == "published" and published.first_published_at is not None
    event = ArticleEvent.objects.get(to_status="published")
    assert event.override_reason == "Breaking news; claim under review."
    assert list(article.claims.all()) == [claim]


def test_scheduled_article_becomes_visible_at_its_time_without_a_job(writer, editor):
    article = ArticleFactory()
    _to_approved(article, writer, editor)
    when = timezone.now() + dt.timedelta(hours=1)
    actions.transition_article(
        article=article, to_status="scheduled", actor=editor, publish_at=when
    )
    assert not type(article).objects.published().exists()
    type(article).objects.filter(pk=article.pk).update(published_at=timezone.now())
    assert type(article).objects.published().get() == article


def test_sync_reports_references_that_match_nothing():
    ClaimFactory(slug="known")
    article = ArticleFactory(body="[[claim:known]] and [[claim:ghost]] and [[person:nobody]].")
    missing = actions.sync_article_references(article=article)
    assert missing["claim"] == ["ghost"] and missing["person"] == ["nobody"]
    assert [c.slug for c in article.claims.all()] == ["known"]


# ---------------------------------------------------------------------------------------------
# Scheduling, addresses, corrections and substantive updates


def approved_article(writer, editor, **fields):
    article = ArticleFactory(**fields)
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    return actions.transition_article(article=article, to_status="approved", actor=editor)


def test_a_scheduled_article_goes_live_at_its_time_with_no_job_run(writer, editor):
    article = approved_article(writer, editor)
    when = timezone.now() + dt.timedelta(hours=2)
    actions.transition_article(
        article=article, to_status="scheduled", actor=editor, publish_at=when
    )
    second = dt.timedelta(seconds=1)
    assert not Article.objects.published(at=when - second).exists()
    assert Article.objects.published(at=when).get() == article
    assert Article.objects.published(at=when + second).get() == article
    # And nothing has been stamped yet: no job ran.
    article.refresh_from_db()
    assert article.status == "scheduled" and article.first_published_at is None


def test_publish_due_stamps_first_publication_once(writer, editor):
    article = approved_article(writer, editor)
    when = timezone.now() + dt.timedelta(minutes=5)
    actions.transition_article(
        article=article, to_status="scheduled", actor=editor, publish_at=when
    )
    assert actions.publish_due_articles(now=when - dt.timedelta(seconds=1)) == []
    assert actions.publish_due_articles(now=when) == [article]
    assert actions.publish_due_articles(now=when) == []
    article.refresh_from_db()
    assert article.status == "published" and article.first_published_at == when
    system_move = ArticleEvent.objects.get(to_status="published")
    assert system_move.actor is None and system_move.from_status == "scheduled"


def test_scheduling_needs_a_future_time_and_unscheduling_does_not_publish(writer, editor):
    article = approved_article(writer, editor)
    with pytest.raises(InvalidArticleTransition, match="future"):
        actions.transition_article(
            article=article,
            to_status="scheduled",
            actor=editor,
            publish_at=timezone.now() - dt.timedelta(minutes=1),
        )
    when = timezone.now() + dt.timedelta(days=1)
    actions.transition_article(
        article=article, to_status="scheduled", actor=editor, publish_at=when
    )
    actions.transition_article(article=article, to_status="approved", actor=editor)
    assert not Article.objects.published(at=when + dt.timedelta(days=1)).exists()


def test_every_published_address_is_remembered(writer, editor):
    article = approved_article(writer, editor, slug="cai-qi-meeting")
    actions.transition_article(article=article, to_status="published", actor=editor)
    article.refresh_from_db()
    edit_live(article, editor, slug="modi-meets-cai-qi")
    slugs = set(ArticleURL.objects.filter(article=article).values_list("slug", flat=True))
    assert slugs == {"cai-qi-meeting", "modi-meets-cai-qi"}


def test_corrections_are_appended_by_editors_only(writer, editor):
    article = ArticleFactory()
    with pytest.raises(InvalidArticleTransition, match="Only editors"):
        actions.add_correction(article=article, actor=writer, kind="correction", text="Oops.")
    first = actions.add_correction(
        article=article, actor=editor, kind="correction", text="The date was wrong."
    )
    actions.add_correction(
        article=article, actor=editor, kind="clarification", text="About the previous fix."
    )
    assert first.created_by == editor
    assert Correction.objects.filter(article=article).count() == 2


def test_substantive_update_needs_a_live_article_and_a_note(writer, editor):
    article = approved_article(writer, editor)
    with pytest.raises(InvalidArticleTransition, match="published"):
        actions.mark_substantive_update(article=article, actor=editor, note="New figures.")
    article = actions.transition_article(article=article, to_status="published", actor=editor)
    with pytest.raises(InvalidArticleTransition, match="Say what changed"):
        actions.mark_substantive_update(article=article, actor=editor, note=" ")
    updated = actions.mark_substantive_update(article=article, actor=editor, note="New figures.")
    assert updated.last_updated_at is not None


# ---------------------------------------------------------------------------------------------
# Who may make which move


@pytest.fixture
def users(db):
    return role_users()


ARTICLE_MOVES = [
    ("draft", "in_review", {"editor", "writer"}),
    ("in_review", "draft", {"editor", "writer"}),
    ("in_review", "approved", {"editor"}),
    ("approved", "published", {"editor"}),
    ("published", "unpublished", {"editor"}),
    ("unpublished", "draft", {"editor"}),
]


@pytest.mark.parametrize("role", ["editor", "writer", "fact-checker"])
@pytest.mark.parametrize(("start", "target", "allowed_roles"), ARTICLE_MOVES)
def test_article_permission_matrix(users, role, start, target, allowed_roles):
    from django.utils import timezone

    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(status=start, published_at=timezone.now())
    article.refresh_from_db()
    user = users[role]
    if role in allowed_roles:
        assert (
            actions.transition_article(article=article, to_status=target, actor=user).status
            == target
        )
    else:
        with pytest.raises(InvalidArticleTransition, match="Only editors"):
            actions.transition_article(article=article, to_status=target, actor=user)
