"""Pruning old revisions keeps what must be kept."""

import datetime as dt

import pytest
import reversion
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from reversion.models import Revision, Version

from newsroom import actions
from newsroom.models import Article, ArticleEvent, Correction
from tests.newsroom.factories import ArticleFactory, CitationFactory, ClaimFactory
from tests.profiles.factories import PersonFactory

pytestmark = pytest.mark.django_db


def edit(obj, user, **fields):
    fresh = type(obj).objects.get(pk=obj.pk)
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in fields.items():
            setattr(fresh, name, value)
        fresh.save()
    return Version.objects.get_for_object(fresh).first()


def age_everything(days=400):
    """Move all history back in time together, as if it had happened ``days`` ago."""
    shift = dt.timedelta(days=days)
    Revision.objects.update(date_created=F("date_created") - shift)
    ArticleEvent.objects.update(created_at=F("created_at") - shift)
    ArticleEvent.objects.filter(live_from__isnull=False).update(live_from=F("live_from") - shift)
    Correction.objects.update(created_at=F("created_at") - shift)


def test_dry_run_says_what_it_would_delete_and_deletes_nothing(editor, capsys):
    person = PersonFactory()
    for number in range(5):
        edit(person, editor, summary=f"take {number}")
    age_everything()
    call_command("prune_revisions", "--keep-last", "2", "--dry-run")
    assert "Would delete 3 revision(s)" in capsys.readouterr().out
    assert Version.objects.get_for_object(person).count() == 5
    call_command("prune_revisions", "--keep-last", "2")
    remaining = [v.field_dict["summary"] for v in Version.objects.get_for_object(person)]
    assert remaining == ["take 4", "take 3"]


def test_age_rule_keeps_young_revisions_and_the_latest(editor):
    person = PersonFactory()
    edit(person, editor, summary="old")
    edit(person, editor, summary="older but latest")
    age_everything()
    edit(PersonFactory(), editor, summary="young")
    call_command("prune_revisions", "--keep-days", "30")
    assert [v.field_dict["summary"] for v in Version.objects.get_for_object(person)] == [
        "older but latest"
    ]
    assert Version.objects.filter(object_repr__isnull=False).count() == 2


def test_published_corrected_shared_and_under_review_versions_survive(writer, editor):
    article = ArticleFactory(headline="Draft")
    edit(article, editor, headline="Draft 2")
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    actions.transition_article(article=article, to_status="approved", actor=editor)
    actions.transition_article(article=article, to_status="published", actor=editor)
    published = Version.objects.get_for_object(article).first()
    actions.add_correction(article=article, actor=editor, kind="correction", text="Fixed.")
    for number in range(3):
        edit(article, editor, headline=f"Live {number}")

    shared_article = ArticleFactory(headline="Shared draft")
    link = actions.create_share_link(article=shared_article, actor=editor)
    edit(shared_article, editor, headline="Shared draft, later")

    claim = ClaimFactory(created_by=writer)
    CitationFactory(claim=claim)
    edit(claim, writer, statement="First wording")
    actions.submit_claim(claim=claim, actor=writer)

    claim_versions = Version.objects.get_for_object(claim).count()
    assert claim_versions == 2
    age_everything()
    call_command("prune_revisions", "--keep-last", "1")

    kept = {v.field_dict["headline"] for v in Version.objects.get_for_object(article)}
    assert {"Draft 2", "Live 0", "Live 1", "Live 2"} <= kept
    assert Version.objects.filter(pk=published.pk).exists()
    assert Version.objects.filter(pk=link.version_id).exists()
    assert Version.objects.get_for_object(claim).count() == claim_versions
    assert Article.objects.filter(pk=shared_article.pk).exists()


def test_refuses_without_a_rule():
    with pytest.raises(CommandError, match="Say how much to keep"):
        call_command("prune_revisions")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_revisions", "--keep-last", "0")
