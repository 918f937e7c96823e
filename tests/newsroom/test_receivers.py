"""The rules hold in the shell too: plain saves and django-reversion's own revert."""

from __future__ import annotations

import pytest
import reversion
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import Article, ArticleStatus, Claim, ClaimStatus
from tests.support.content import make_public_claim, publish
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def saved(obj, **fields):
    with reversion.create_revision():
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    return Version.objects.get_for_object(obj).first()


def test_reversions_own_revert_of_a_rated_claim_keeps_its_review_and_reopens_it(editor):
    claim = make_public_claim(editor, statement="Cai Qi ranks fifth.")
    old = Version.objects.get_for_object(claim).last()  # before the rating: same words
    saved(Claim.objects.get(pk=claim.pk), statement="Cai Qi ranks first.")  # reopens
    actions.rate_claim(
        claim=Claim.objects.get(pk=claim.pk), actor=editor, verdict="false", rationale="No."
    )

    old.revision.revert(delete=True)  # what a script would do

    claim = Claim.objects.get(pk=claim.pk)
    assert claim.statement == "Cai Qi ranks fifth."
    assert (claim.status, claim.verdict, claim.rationale) == (
        ClaimStatus.REOPENED,
        "false",
        "No.",
    )
    event = claim.review_events.first()
    assert event.to_status == ClaimStatus.REOPENED and event.revision_id is not None
    assert "the statement changed" in event.note


def test_a_plain_save_of_a_rated_claims_wording_reopens_it(editor):
    claim = make_public_claim(editor, statement="Cai Qi ranks fifth.")
    claim.statement = "Cai Qi ranks first."
    claim.save()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    assert not claim.verdict_is_current


def test_reversions_own_revert_of_a_live_article_is_refused(editor):
    article = ArticleFactory(headline="First")
    old = saved(article)
    saved(article, headline="Second")
    publish(Article.objects.get(pk=article.pk), editor)
    with pytest.raises(InvalidArticleTransition, match="published"):
        old.revert()
    assert Article.objects.get(pk=article.pk).headline == "Second"


def test_reversions_own_revert_of_a_draft_article_keeps_its_workflow_fields(editor):
    article = ArticleFactory(headline="First")
    old = saved(article)
    saved(article, headline="Second")
    actions.transition_article(article=article, to_status="in_review", actor=editor)
    old.revert()
    article = Article.objects.get(pk=article.pk)
    assert (article.headline, article.status) == ("First", ArticleStatus.IN_REVIEW)
