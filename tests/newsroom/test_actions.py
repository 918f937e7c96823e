"""The fact-check and publishing workflows, through newsroom.actions only."""

import datetime as dt

import pytest
from django.utils import timezone
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition, InvalidClaimTransition
from newsroom.models import ArticleEvent, Claim, ClaimStatus, ReviewEvent
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited_claim(writer):
    claim = ClaimFactory(created_by=writer, statement_edited_by=writer)
    actions.verify_citation(citation=CitationFactory(claim=claim))
    return claim


def test_full_review_writes_an_audit_row_and_a_revision_per_move(cited_claim, writer, fact_checker):
    actions.submit_claim(claim=cited_claim, actor=writer)
    actions.assign_claim(claim=cited_claim, actor=fact_checker)
    claim = actions.rate_claim(
        claim=cited_claim, actor=fact_checker, verdict="accurate", rationale="Matches the record."
    )
    assert claim.status == ClaimStatus.REVIEWED
    assert claim.verdict == "accurate" and claim.reviewer == fact_checker
    moves = list(
        ReviewEvent.objects.filter(claim=claim)
        .order_by("id")
        .values_list("from_status", "to_status", "actor__username")
    )
    assert moves == [
        ("draft", "submitted", "writer"),
        ("submitted", "in_review", "checker"),
        ("in_review", "reviewed", "checker"),
    ]
    comments = [v.revision.comment for v in Version.objects.get_for_object(claim).order_by("pk")]
    assert comments[-1] == "Claim in review → reviewed: rated accurate."
    assert len(comments) == 3


def test_submitting_without_a_citation_is_refused(writer):
    claim = ClaimFactory(created_by=writer)
    with pytest.raises(InvalidClaimTransition, match="Cite at least one source"):
        actions.submit_claim(claim=claim, actor=writer)
    assert Claim.objects.get(pk=claim.pk).status == "draft"
    assert not ReviewEvent.objects.exists()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "reviewed"),
        ("draft", "in_review"),
        ("submitted", "reviewed"),
        ("reviewed", "draft"),
    ],
)
def test_moves_outside_the_transition_table_are_refused(start, target, editor):
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).update(status=start)
    claim.refresh_from_db()
    with pytest.raises(InvalidClaimTransition, match="cannot move"):
        actions.transition_claim(claim=claim, to_status=target, actor=editor)
    claim.refresh_from_db()
    assert claim.status == start


def test_a_fact_checker_cannot_review_a_claim_they_wrote(fact_checker):
    claim = ClaimFactory(created_by=fact_checker)
    CitationFactory(claim=claim)
    actions.submit_claim(claim=claim, actor=fact_checker)
    with pytest.raises(InvalidClaimTransition, match="wrote or last edited"):
        actions.assign_claim(claim=claim, actor=fact_checker)


def test_nobody_rates_a_claim_whose_statement_they_last_edited(cited_claim, writer, fact_checker):
    actions.submit_claim(claim=cited_claim, actor=writer)
    actions.assign_claim(claim=cited_claim, actor=fact_checker)
    Claim.objects.filter(pk=cited_claim.pk).update(statement_edited_by=fact_checker)
    with pytest.raises(InvalidClaimTransition, match="wrote or last edited"):
        actions.rate_claim(
            claim=cited_claim, actor=fact_checker, verdict="false", rationale="Contradicted."
        )


def test_a_verdict_needs_a_rationale_and_positive_ones_a_supporting_citation(writer, fact_checker):
    claim = ClaimFactory(created_by=writer)
    CitationFactory(claim=claim, stance="contradicts")
    actions.submit_claim(claim=claim, actor=writer)
    actions.assign_claim(claim=claim, actor=fact_checker)
    with pytest.raises(InvalidClaimTransition, match="rationale"):
        actions.rate_claim(claim=claim, actor=fact_checker, verdict="false", rationale="  ")
    with pytest.raises(InvalidClaimTransition, match="supporting citation"):
        actions.rate_claim(claim=claim, actor=fact_checker, verdict="accurate", rationale="Yes.")
    rated = actions.rate_claim(
        claim=claim, actor=fact_checker, verdict="false", rationale="The record says otherwise."
    )
    assert rated.verdict == "false"


def test_reopen_keeps_the_verdict_visible_and_needs_a_note(cited_claim, writer, fact_checker):
    actions.submit_claim(claim=cited_claim, actor=writer)
    actions.assign_claim(claim=cited_claim, actor=fact_checker)
    actions.rate_claim(claim=cited_claim, actor=fact_checker, verdict="accurate", rationale="Ok.")
    with pytest.raises(InvalidClaimTransition, match="needs a note"):
        actions.reopen_claim(claim=cited_claim, actor=fact_checker, note="")
    claim = actions.reopen_claim(claim=cited_claim, actor=fact_checker, note="New transcript.")
    assert claim.status == "reopened" and claim.verdict == "accurate"
    assert Claim.objects.public().filter(pk=claim.pk).exists()


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


def test_citations_are_verified_against_the_archived_text():
    citation = CitationFactory(excerpt="The talks were USEFUL")
    actions.verify_citation(citation=citation)
    citation.refresh_from_db()
    assert citation.excerpt_verified is True and citation.closest_passage == ""

    changed = CitationFactory(source=citation.source, excerpt="the talks were useless")
    actions.verify_citation(citation=changed)
    changed.refresh_from_db()
    assert changed.excerpt_verified is False
    assert "useful" in changed.closest_passage

    no_archive = CitationFactory(source__archived_text="")
    actions.verify_citation(citation=no_archive)
    no_archive.refresh_from_db()
    assert no_archive.excerpt_verified is None


def test_a_new_archived_text_reverifies_its_citations():
    citation = CitationFactory(excerpt="useful and constructive")
    actions.verify_citation(citation=citation)
    source = citation.source
    source.archived_text = "The minister said nothing."
    source.save()
    assert actions.reverify_source_citations(source=source) == 1
    citation.refresh_from_db()
    assert citation.excerpt_verified is False


def test_claims_on_thin_or_contested_evidence_are_flagged():
    solid = ClaimFactory()
    CitationFactory(claim=solid)
    CitationFactory(claim=solid)  # a second publisher
    thin = ClaimFactory()
    CitationFactory(claim=thin)
    contested = ClaimFactory()
    CitationFactory(claim=contested)
    CitationFactory(claim=contested)
    CitationFactory(claim=contested, stance="contradicts")
    flagged = set(Claim.objects.flagged().values_list("slug", flat=True))
    assert flagged == {thin.slug, contested.slug}
    counts = Claim.objects.with_evidence_flags().get(pk=contested.pk)
    assert (counts.independent_sources, counts.contradictions) == (2, 1)
