"""A reviewed claim whose evidence changes in the admin is reopened; its editor may not rate it."""

from __future__ import annotations

import pytest
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import InvalidClaimTransition
from newsroom.models import Claim, ClaimStatus
from tests.support.admin import admin_form_data, admin_url, form_errors, message_texts
from tests.support.factories import SourceFactory
from tests.support.review import ARCHIVED, in_review, reviewed, submitted

pytestmark = pytest.mark.django_db


def test_changing_a_citation_of_a_reviewed_claim_reopens_it(editor_client, editor, writer):
    claim = reviewed(writer, editor)
    # Editors may reopen; the editor here is not the claim's author.
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data["citations-0-excerpt"] = "the talks were useful and constructive"
    data["change_reason"] = "Quote the whole sentence."
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    assert claim.verdict == "accurate"  # the last verdict stays visible
    event = claim.review_events.first()
    assert (event.actor, event.from_status, event.to_status) == (
        editor,
        ClaimStatus.REVIEWED,
        ClaimStatus.REOPENED,
    )
    assert "Changed after its verdict" in event.note and "a citation of" in event.note
    assert any("reopened for review" in text for text in message_texts(response))
    comment = Version.objects.get_for_object(claim).first().revision.comment
    assert "reopened" in comment.lower()


def test_a_writer_adding_a_citation_to_a_reviewed_claim_reopens_it(client, writer, editor):
    claim = reviewed(writer, editor)
    client.force_login(writer)
    data = admin_form_data(client.get(admin_url(claim, "change")))
    data["citations-TOTAL_FORMS"] = "2"
    data.update(
        {
            "citations-1-source": str(SourceFactory(archived_text=ARCHIVED).pk),
            "citations-1-excerpt": "declined to give the date",
            "citations-1-stance": "context",
            "citations-1-role": "evidence",
            "citations-1-locator": "",
            "change_reason": "Another source.",
        }
    )
    response = client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    claim.refresh_from_db()
    # Whoever changes the evidence, the verdict no longer describes it: readers must not see it
    # as current. The writer's part is recorded as the system's reaction to their edit.
    assert claim.status == ClaimStatus.REOPENED
    assert claim.citations.count() == 2
    assert claim.review_events.first().actor == writer
    assert any("reopened for review" in text for text in message_texts(response))


def test_editing_an_unreviewed_claims_citation_changes_no_status(editor_client, writer):
    claim = submitted(writer)
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data["citations-0-stance"] = "context"
    assert editor_client.post(admin_url(claim, "change"), data).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.review_events.count() == 1


def test_a_reviewer_who_edits_the_citations_may_not_rate_the_claim(
    client, writer, fact_checker, second_fact_checker
):
    """Four-eyes counts evidence: editing a claim in review keeps its status but bars the editor."""
    claim = in_review(writer, fact_checker)
    client.force_login(fact_checker)
    data = admin_form_data(client.get(admin_url(claim, "change")))
    data["citations-0-stance"] = "context"
    assert client.post(admin_url(claim, "change"), data).status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    assert "rate" not in " ".join(actions.available_claim_moves(claim, fact_checker))
    with pytest.raises(
        InvalidClaimTransition, match="You changed this claim.s evidence after it was submitted"
    ):
        actions.rate_claim(claim=claim, actor=fact_checker, verdict="false", rationale="No.")
    Claim.objects.filter(pk=claim.pk).update(assignee=second_fact_checker)
    claim.refresh_from_db()
    actions.rate_claim(claim=claim, actor=second_fact_checker, verdict="false", rationale="No.")


def test_changing_a_citation_on_its_own_admin_reopens_its_reviewed_claim(
    editor_client, editor, writer
):
    claim = reviewed(writer, editor)
    citation = claim.citations.get()
    data = admin_form_data(editor_client.get(admin_url(citation, "change")))
    data["stance"] = "context"
    response = editor_client.post(admin_url(citation, "change"), data)
    assert response.status_code == 302, form_errors(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    assert "a citation of" in claim.review_events.first().note
