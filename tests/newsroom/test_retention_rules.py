"""What the newsroom never lets prune_revisions delete, however old: versions readers saw,
work under review, current drafts, and what audit rows, corrections and share links point at."""

from __future__ import annotations

import pytest
import reversion
from django.core.management import call_command
from reversion.models import Revision, Version

from newsroom import actions
from newsroom.models import Article, ArticleEvent, DraftRevision, ReviewEvent
from tests.support.content import edit_live, rated_claim
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
)
from tests.support.revisions import age_everything, edit

pytestmark = pytest.mark.django_db


def save_draft(article, user, **fields):
    """Save ``fields`` as a draft revision of a live article, leaving the row readers get alone
    (as the publishing rules do for a frozen article); return the draft's version."""
    draft = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(draft, name, value)
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.add_to_revision(draft)
        reversion.add_meta(DraftRevision, article=article)
    version = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(draft_version=version)
    return version


def publish(article, writer, editor):
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    actions.transition_article(article=article, to_status="approved", actor=editor)
    actions.transition_article(article=article, to_status="published", actor=editor)


def exists(version):
    return Version.objects.filter(pk=version.pk).exists()


def test_published_corrected_shared_and_under_review_versions_survive(writer, editor):
    article = ArticleFactory(headline="Draft")
    edit(article, editor, headline="Draft 2")
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    actions.transition_article(article=article, to_status="approved", actor=editor)
    actions.transition_article(article=article, to_status="published", actor=editor)
    published = Version.objects.get_for_object(article).first()
    actions.add_correction(article=article, actor=editor, kind="correction", text="Fixed.")
    for number in range(3):
        edit_live(Article.objects.get(pk=article.pk), editor, headline=f"Live {number}")

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


def test_the_version_readers_saw_rated_survives_keep_last_1(writer, editor, fact_checker):
    claim = rated_claim(writer, fact_checker, "Cai Qi ranks fifth.")
    rated = Version.objects.get_for_object(claim).first()
    for number in range(3):
        edit(claim, editor, statement=f"Cai Qi ranks fifth, take {number}.")
    age_everything()
    call_command("prune_revisions", "--keep-last", "1")
    assert exists(rated)


def test_claim_versions_only_current_while_reopened_go(writer, editor, fact_checker):
    claim = rated_claim(writer, fact_checker, "Cai Qi ranks fifth.")
    first_rating = Version.objects.get_for_object(claim).first()
    actions.reopen_claim(claim=claim, actor=fact_checker, note="A new transcript.")
    passing = [edit(claim, editor, statement=f"Cai Qi ranks {n}th.") for n in (4, 6)]
    edit(claim, editor, statement="Cai Qi ranks fifth of seven.")
    actions.rate_claim(claim=claim, actor=fact_checker, verdict="false", rationale="Not so.")
    rerated = Version.objects.get_for_object(claim).first()  # the rating's own revision
    edit(claim, editor, statement="Cai Qi ranks fifth of seven.")  # no change: stays rated
    age_everything()
    call_command("prune_revisions", "--keep-last", "1")
    assert exists(first_rating) and exists(rerated)
    assert not any(exists(version) for version in passing)


@pytest.mark.parametrize("factory", [PersonFactory, OrganizationFactory, EventFactory])
def test_versions_saved_while_published_survive_and_unpublished_ones_go(editor, factory):
    record = factory(is_published=False)
    before = edit(record, editor, summary="Before publication.")
    public = [
        edit(record, editor, is_published=True, summary="Public."),
        edit(record, editor, summary="Public, fixed."),
    ]
    withdrawn = edit(record, editor, is_published=False, summary="Withdrawn.")
    edit(record, editor, summary="Withdrawn, reworked.")
    age_everything()
    call_command("prune_revisions", "--keep-last", "1")
    assert all(exists(version) for version in public)
    assert not exists(before) and not exists(withdrawn)


def test_drafts_of_a_live_article_go_but_its_current_draft_stays(writer, editor):
    article = ArticleFactory(headline="Modi meets Cai")
    publish(article, writer, editor)
    served = Version.objects.get_for_object(article).first()
    old_draft = save_draft(article, editor, headline="Modi meets Cai (draft 1)")
    draft = save_draft(article, editor, headline="Modi meets Cai (draft 2)")
    # A newer revision of the row readers get, so keep-last alone would not keep the draft.
    actions.mark_substantive_update(
        article=Article.objects.get(pk=article.pk), actor=editor, note="New quotes."
    )
    age_everything()
    call_command("prune_revisions", "--keep-last", "1")
    assert exists(served) and exists(draft)
    assert not exists(old_draft)  # saved while live, but readers never saw it
    assert Article.objects.get(pk=article.pk).draft_version_id == draft.pk


def test_revisions_an_audit_row_points_at_survive_without_a_crash(writer, editor):
    claim = ClaimFactory(created_by=writer)
    claim_revision = edit(claim, writer, statement="Withdrawn wording.").revision
    ReviewEvent.objects.create(
        claim=claim, actor=writer, from_status="submitted", to_status="draft",
        revision=claim_revision,
    )  # fmt: skip
    edit(claim, writer, statement="Later wording.")
    article = ArticleFactory()
    article_revision = edit(article, writer, headline="Sent back").revision
    ArticleEvent.objects.create(
        article=article, actor=editor, from_status="in_review", to_status="draft",
        revision=article_revision,
    )  # fmt: skip
    edit(article, writer, headline="Reworked")
    age_everything()
    call_command("prune_revisions", "--keep-last", "1")
    assert Revision.objects.filter(pk__in=[claim_revision.pk, article_revision.pk]).count() == 2


def test_a_profile_merge_revision_survives_so_the_merge_can_be_undone(editor):
    from newsroom.actions import merges

    duplicate = PersonFactory(slug="dup", is_published=False)
    survivor = PersonFactory(slug="kept", is_published=False)
    merge = merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)
    for number in range(3):
        edit(survivor, editor, summary=f"Edit {number}")
    age_everything()

    call_command("prune_revisions", keep_days=30, verbosity=0)

    assert Revision.objects.filter(pk=merge.revision_id).exists()
    merges.undo_merge(merge=merge, actor=editor)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
