"""Which versions of an article readers saw."""

import datetime as dt

import pytest
import reversion
from django.utils import timezone

from newsroom import actions
from newsroom.models import Article
from newsroom.public_versions import public_versions
from tests.support.content import edit_live
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def edit(article, editor, headline):
    # A fresh copy, as the admin's form would load, so workflow fields are current.
    fresh = Article.objects.get(pk=article.pk)
    if fresh.is_frozen:  # a live article changes through a draft an editor publishes
        edit_live(fresh, editor, headline=headline)
        return
    with reversion.create_revision():
        reversion.set_user(editor)
        fresh.headline = headline
        fresh.save()


def headlines(versions):
    return [v.field_dict["headline"] for v in versions]


def test_drafts_before_publication_and_after_unpublishing_are_not_public(writer, editor):
    article = ArticleFactory(headline="Draft one")
    edit(article, editor, "Draft one")
    edit(article, editor, "Draft two")
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    edit(article, editor, "Ready")
    actions.transition_article(article=article, to_status="approved", actor=editor)
    actions.transition_article(article=article, to_status="published", actor=editor)
    edit(article, editor, "Live fix")
    actions.transition_article(article=article, to_status="unpublished", actor=editor)
    edit(article, editor, "Reworked while offline")

    seen = headlines(public_versions(article))
    assert "Draft one" not in seen and "Draft two" not in seen
    assert "Reworked while offline" not in seen
    assert seen[0] == "Ready" and seen[-1] == "Live fix"


def test_a_scheduled_article_counts_from_its_time_without_a_job(writer, editor):
    article = ArticleFactory(headline="Embargoed")
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    actions.transition_article(article=article, to_status="approved", actor=editor)
    when = timezone.now() + dt.timedelta(hours=1)
    actions.transition_article(
        article=article, to_status="scheduled", actor=editor, publish_at=when
    )
    edit(article, editor, "Embargoed, final")
    assert public_versions(article) == []  # not yet
    later = when + dt.timedelta(minutes=1)
    assert headlines(public_versions(article, now=later)) == ["Embargoed, final"]


def test_an_article_never_published_has_no_public_versions(editor):
    article = ArticleFactory()
    edit(article, editor, "Only a draft")
    assert public_versions(article) == []
