"""The article lifecycle in newsroom.actions: scheduling without cron, URL history, share
links, corrections and substantive updates."""

import datetime as dt

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import Article, ArticleEvent, ArticleURL, Correction
from tests.support.content import edit_live
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


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


def test_publish_due_command_is_safe_to_run_with_nothing_due(capsys):
    call_command("publish_due")
    assert "0 article(s) published." in capsys.readouterr().out


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


def test_share_links_are_signed_pinned_expiring_and_revocable(writer, editor):
    article = ArticleFactory(headline="Draft headline")
    link = actions.create_share_link(article=article, actor=writer)
    token = actions.share_link_token(link)
    # Knowing the id is not enough: a token signed any other way opens nothing.
    assert actions.resolve_share_link(signing.dumps(link.pk, salt="guess")) is None
    assert actions.resolve_share_link(str(link.pk)) is None
    assert actions.resolve_share_link(token) == link
    assert link.version.field_dict["headline"] == "Draft headline"
    # A tampered token opens nothing.
    assert actions.resolve_share_link(token[:-2] + "xx") is None
    # Expired.
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()
    assert actions.resolve_share_link(token) is None
    # Revoked.
    fresh = actions.create_share_link(article=article, actor=editor)
    actions.revoke_share_link(link=fresh, actor=editor)
    assert actions.resolve_share_link(actions.share_link_token(fresh)) is None


def test_share_link_lifetime_is_bounded(writer):
    with pytest.raises(InvalidArticleTransition, match="30 days"):
        actions.create_share_link(
            article=ArticleFactory(), actor=writer, lifetime=dt.timedelta(days=90)
        )


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
