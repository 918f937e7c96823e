"""Revision history of newsroom records through their admin: each save a revision, the history
page, reverts through the action on a confirmation page, and recovery as the record was."""

from __future__ import annotations

import pytest
from django.urls import reverse

from newsroom.actions import (
    assign_claim,
    draft_of,
    publish_changes,
    rate_claim,
    submit_claim,
    transition_article,
)
from newsroom.models import Article, ArticleStatus, Citation, Claim, ClaimStatus
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    revert_through_admin,
    save_through_admin,
)
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_with_history(editor_client):
    """A claim saved with citations alpha and beta (revision 1), then edited (revision 2):
    alpha's excerpt changed, beta removed, gamma added."""
    source = SourceFactory()
    claim = ClaimFactory(statement="Cai Qi is fifth in rank.")
    alpha = CitationFactory(claim=claim, source=source, excerpt="alpha")
    beta = CitationFactory(claim=claim, source=source, excerpt="beta", stance="context")
    first = save_through_admin(editor_client, claim)

    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    rows = {data[f"citations-{i}-id"][0]: i for i in range(2)}
    a, b = rows[str(alpha.pk)], rows[str(beta.pk)]
    data[f"citations-{a}-excerpt"] = "alpha, edited"
    data[f"citations-{b}-DELETE"] = "on"
    data["citations-TOTAL_FORMS"] = "3"
    data.update(
        {
            "citations-2-source": str(source.pk),
            "citations-2-excerpt": "gamma",
            "citations-2-stance": "supports",
            "citations-2-role": "evidence",
            "citations-2-locator": "para 9",
        }
    )
    data["statement"] = "Cai Qi is ranked fifth."
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    second = latest_revision()
    assert second != first
    assert sorted(claim.citations.values_list("excerpt", flat=True)) == ["alpha, edited", "gamma"]
    return claim, alpha, beta, first, second


def test_each_admin_save_is_a_revision_with_user_and_comment(claim_with_history, editor):
    claim, alpha, beta, first, second = claim_with_history
    for revision in (first, second):
        assert revision.user == editor
        assert revision.comment
    # The second revision holds the claim with the citations it had after the save.
    excerpts = {
        v.field_dict["excerpt"]
        for v in second.version_set.all()
        if v.content_type.model == "citation"
    }
    assert excerpts == {"alpha, edited", "gamma"}


def test_history_page_lists_the_revisions(editor_client, claim_with_history):
    claim, *_, first, second = claim_with_history
    response = editor_client.get(admin_url(claim, "history", claim.pk))
    assert response.status_code == 200
    listed = [row["revision"] for row in response.context["rows"]]
    assert listed == [second, first]  # newest first
    content = response.content.decode()
    for revision in (first, second):
        version = revision.version_set.get(content_type__model="claim")
        assert admin_url(claim, "revision", claim.pk, version.pk) in content


def test_reverting_a_claim_restores_exactly_its_citations(
    editor_client, editor, claim_with_history
):
    claim, alpha, beta, first, second = claim_with_history
    gamma = claim.citations.get(excerpt="gamma")

    reverted = revert_through_admin(editor_client, claim, first)

    claim.refresh_from_db()
    assert claim.statement == "Cai Qi is fifth in rank."
    citations = {c.pk: c for c in Citation.objects.filter(claim=claim)}
    assert set(citations) == {alpha.pk, beta.pk}  # gamma deleted, beta restored with its id
    assert citations[alpha.pk].excerpt == "alpha"
    assert (citations[beta.pk].excerpt, citations[beta.pk].stance) == ("beta", "context")
    assert not Citation.objects.filter(pk=gamma.pk).exists()
    assert reverted.user == editor
    assert reverted.comment.startswith("Reverted to version #1 of ")
    assert reverted.comment.endswith(": Test revert.")


def test_viewing_a_revision_changes_nothing(editor_client, claim_with_history):
    claim, alpha, beta, first, second = claim_with_history
    version = first.version_set.get(content_type__model="claim")
    response = editor_client.get(admin_url(claim, "revision", claim.pk, version.pk))
    assert response.status_code == 200
    # The confirmation shows what would change, current text against the old one.
    assert response.context["comparison"].has_changes
    assert sorted(claim.citations.values_list("excerpt", flat=True)) == ["alpha, edited", "gamma"]


def test_reverting_a_reviewed_claim_keeps_its_review(client, editor, writer, fact_checker):
    """Workflow fields are excluded from versions; a revert must not reset them to defaults."""
    claim = ClaimFactory(statement="Old wording.", created_by=writer, statement_edited_by=writer)
    CitationFactory(claim=claim)
    client.force_login(editor)
    first = save_through_admin(client, claim)
    save_through_admin(client, claim, statement="New wording.")
    submit_claim(claim=claim, actor=writer)
    assign_claim(claim=claim, actor=fact_checker)
    rate_claim(claim=claim, actor=fact_checker, verdict="false", rationale="The record differs.")

    # The revision page shows the review as it is now.
    version = first.version_set.get(content_type__model="claim")
    page = client.get(admin_url(claim, "revision", claim.pk, version.pk))
    assert "reopened for review" in page.context["consequence"]

    revert_through_admin(client, claim, first)

    claim = Claim.objects.get(pk=claim.pk)
    assert claim.statement == "Old wording."
    # The verdict rated "New wording.": reverting the words reopens it, the verdict kept as
    # the previous one rather than reset to a draft's defaults.
    assert claim.status == ClaimStatus.REOPENED
    assert (claim.verdict, claim.rationale) == ("false", "The record differs.")
    assert claim.reviewer == fact_checker
    assert claim.reviewed_at is not None
    assert claim.created_by == writer
    # Reverting the wording is a change of wording, for the four-eyes rule.
    assert claim.statement_edited_by == editor
    assert claim.evidence_editors.filter(pk=editor.pk).exists()
    assert claim.review_events.first().note.startswith("Changed after its verdict: the statement")


def test_reverting_a_live_article_makes_a_draft_and_never_unpublishes_it(editor_client, editor):
    article = ArticleFactory(headline="First headline", created_by=editor)
    first = save_through_admin(editor_client, article)
    save_through_admin(editor_client, article, headline="Second headline")
    for status in (ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED, ArticleStatus.PUBLISHED):
        transition_article(article=article, to_status=status, actor=editor)
    published = Article.objects.get(pk=article.pk)

    revert_through_admin(editor_client, article, first)

    article = Article.objects.get(pk=article.pk)
    assert article.headline == "Second headline"  # readers still see what was published
    assert draft_of(article).headline == "First headline"
    publish_changes(article=article, actor=editor)
    article = Article.objects.get(pk=article.pk)
    assert article.headline == "First headline"
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == published.published_at
    assert article.first_published_at == published.first_published_at
    assert article.created_by == editor


def test_a_deleted_claim_is_recovered_with_its_citations_as_a_draft(client, editor, writer):
    claim = ClaimFactory(created_by=None)
    alpha = CitationFactory(claim=claim, excerpt="alpha")
    beta = CitationFactory(claim=claim, excerpt="beta")
    client.force_login(editor)
    save_through_admin(client, claim)
    pk = claim.pk
    assert client.post(admin_url(claim, "delete", pk), {"post": "yes"}).status_code == 302
    assert not Citation.objects.filter(pk__in=[alpha.pk, beta.pk]).exists()

    deleted = list(client.get(admin_url(Claim, "recoverlist")).context["deleted"])
    recover_url = reverse("admin:newsroom_claim_recover", args=[deleted[0].pk])
    response = client.post(recover_url, admin_form_data(client.get(recover_url)))
    assert response.status_code == 302, form_errors(response)

    claim = Claim.objects.get(pk=pk)
    assert set(claim.citations.values_list("pk", flat=True)) == {alpha.pk, beta.pk}
    # It was a draft without a recorded author, and comes back as it was: the editor who
    # recovers it does not become its author.
    assert claim.status == ClaimStatus.DRAFT
    assert claim.created_by is None
