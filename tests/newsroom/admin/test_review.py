"""The review panel on a claim's page: queue columns, the buttons per user, the move view."""

from __future__ import annotations

import pytest
from django.urls import reverse
from reversion.models import Version

from newsroom import actions
from newsroom.models import Claim, ClaimStatus, ReviewEvent
from tests.support.admin import admin_url, message_texts
from tests.support.review import cited_claim, in_review, reviewed, submitted

pytestmark = pytest.mark.django_db


def move_url(claim: Claim, to_status: str) -> str:
    return reverse("admin:newsroom_claim_move", args=[claim.pk, to_status])


def moves_offered(response) -> list[str]:
    return [move["to_status"] for move in response.context["claim_moves"]]


def offered(form) -> list:
    """The reviewers the assign form's select offers."""
    return [value.instance for value, _ in form.fields["assignee"].choices]


# ---------------------------------------------------------------------------------------------
# The queue's columns


def test_queue_columns_show_sources_flag_and_assignee(client, writer, fact_checker):
    claim = in_review(writer, fact_checker)
    client.force_login(fact_checker)
    response = client.get(admin_url(Claim, "changelist") + "?queue=mine")
    row = response.context["cl"].result_list[0]
    assert (row.independent_sources, row.contradictions, row.citations_total) == (1, 0, 1)
    content = response.content.decode()
    assert "⚑ one source" in content
    assert 'title="Only one independent source"' in content
    assert str(claim) in content
    headers = [header["text"] for header in response.context["result_headers"]]
    # The verdict sits under the status, the flag under the sources (room at 1,280 px).
    assert {"status", "assignee", "sources", "waiting since", "updated"} <= {
        h.lower() for h in headers
    }


# ---------------------------------------------------------------------------------------------
# Buttons for exactly the moves this user may make


def test_a_writer_sees_no_rate_or_assign_buttons(client, writer):
    claim = submitted(writer)
    client.force_login(writer)
    response = client.get(admin_url(claim, "change"))
    assert moves_offered(response) == [ClaimStatus.DRAFT]
    content = response.content.decode()
    assert move_url(claim, ClaimStatus.IN_REVIEW) not in content
    assert "Send back to draft" in content


def test_a_fact_checker_who_wrote_the_claim_cannot_rate_it(
    client, fact_checker, second_fact_checker
):
    claim = submitted(fact_checker)
    client.force_login(fact_checker)
    response = client.get(admin_url(claim, "change"))
    # They may hand it to another fact-checker, but not to themselves.
    assert ClaimStatus.IN_REVIEW in moves_offered(response)
    form = response.context["claim_moves"][0]["form"]
    assert offered(form) == [second_fact_checker]

    actions.assign_claim(claim=claim, actor=fact_checker, assignee=second_fact_checker)
    response = client.get(admin_url(claim, "change"))
    assert ClaimStatus.REVIEWED not in moves_offered(response)
    assert move_url(claim, ClaimStatus.REVIEWED) not in response.content.decode()


def test_the_assignee_sees_the_rate_form(client, writer, fact_checker):
    claim = in_review(writer, fact_checker)
    client.force_login(fact_checker)
    response = client.get(admin_url(claim, "change"))
    assert moves_offered(response) == [ClaimStatus.REVIEWED, ClaimStatus.SUBMITTED]
    content = response.content.decode()
    assert f'action="{move_url(claim, ClaimStatus.REVIEWED)}"' in content
    assert 'name="move-reviewed-rationale"' in content
    assert 'name="move-reviewed-verdict"' in content


def test_the_assign_form_defaults_to_me(client, writer, fact_checker, second_fact_checker):
    claim = submitted(writer)
    client.force_login(fact_checker)
    form = client.get(admin_url(claim, "change")).context["claim_moves"][0]["form"]
    assert form.initial["assignee"] == fact_checker.pk
    assert set(offered(form)) == {fact_checker, second_fact_checker}


# ---------------------------------------------------------------------------------------------
# The move view


def test_rating_without_a_rationale_is_a_form_error_and_changes_nothing(
    client, writer, fact_checker
):
    claim = in_review(writer, fact_checker)
    events = ReviewEvent.objects.count()
    client.force_login(fact_checker)
    response = client.post(
        move_url(claim, ClaimStatus.REVIEWED),
        {"move-reviewed-verdict": "misleading", "move-reviewed-rationale": "  "},
    )
    assert response.status_code == 200
    form = response.context["claim_moves"][0]["form"]
    assert "rationale is required" in " ".join(form.errors["rationale"])
    content = response.content.decode()
    assert "Explain the verdict: a rationale is required." in content
    assert '<option value="misleading" selected>' in content  # the input is kept
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == (ClaimStatus.IN_REVIEW, "")
    assert ReviewEvent.objects.count() == events


def test_a_refused_rating_keeps_the_rationale(client, writer, fact_checker):
    claim = in_review(writer, fact_checker)
    claim.citations.update(excerpt_verified=False)
    client.force_login(fact_checker)
    response = client.post(
        move_url(claim, ClaimStatus.REVIEWED),
        {"move-reviewed-verdict": "accurate", "move-reviewed-rationale": "Two reports agree."},
    )
    assert response.status_code == 200
    assert any("supporting citation" in text for text in message_texts(response))
    assert "Two reports agree." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


@pytest.mark.parametrize("to_status", [ClaimStatus.REVIEWED, ClaimStatus.IN_REVIEW, "published"])
def test_a_crafted_move_is_refused_with_a_message(client, writer, to_status):
    claim = submitted(writer)
    client.force_login(writer)
    response = client.post(
        move_url(claim, to_status),
        {"move-reviewed-verdict": "false", "move-reviewed-rationale": "Because."},
    )
    assert response.status_code == 302
    assert response["Location"] == admin_url(claim, "change")
    assert message_texts(response)
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.assignee) == (ClaimStatus.SUBMITTED, "", None)
    assert claim.review_events.count() == 1


def test_assigning_someone_who_wrote_the_claim_is_refused_in_plain_words(
    client, fact_checker, editor
):
    fact_checker.first_name, fact_checker.last_name = "Priya", "Raman"
    fact_checker.save()
    claim = submitted(fact_checker)
    client.force_login(editor)
    form = client.get(admin_url(claim, "change")).context["claim_moves"][0]["form"]
    assert fact_checker not in offered(form)
    # Posted anyway (a stale page, a crafted form): the workflow's reason, not a form error.
    response = client.post(
        move_url(claim, ClaimStatus.IN_REVIEW), {"move-in_review-assignee": fact_checker.pk}
    )
    assert response.status_code == 302
    assert message_texts(response) == [
        "Priya Raman wrote this claim, so another reviewer must rate it."
    ]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_a_reviewer_who_wrote_the_claim_and_picks_themselves_is_told_why(
    client, fact_checker, second_fact_checker
):
    claim = submitted(fact_checker)
    client.force_login(fact_checker)
    response = client.post(
        move_url(claim, ClaimStatus.IN_REVIEW),
        {"move-in_review-assignee": fact_checker.pk, "move-in_review-note": "Mine."},
    )
    # What they typed is kept, with the reason above it.
    assert response.status_code == 200
    assert "You wrote this claim, so another reviewer must rate it." in message_texts(response)
    assert "Select a valid choice" not in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_self_assignment_works_where_four_eyes_allows_it(client, writer, fact_checker):
    fact_checker.first_name, fact_checker.last_name = "Priya", "Raman"
    fact_checker.save()
    claim = submitted(writer)
    client.force_login(fact_checker)
    response = client.post(
        move_url(claim, ClaimStatus.IN_REVIEW), {"move-in_review-assignee": fact_checker.pk}
    )
    assert response.status_code == 302
    assert message_texts(response) == [f"“{claim}” is in review, assigned to Priya Raman."]
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (ClaimStatus.IN_REVIEW, fact_checker)


def test_moves_need_post_and_the_change_permission(client, writer, fact_checker):
    claim = submitted(writer)
    client.force_login(fact_checker)
    assert client.get(move_url(claim, ClaimStatus.IN_REVIEW)).status_code == 405
    client.logout()
    response = client.post(move_url(claim, ClaimStatus.IN_REVIEW))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_moves_are_csrf_protected(writer, fact_checker):
    from django.test import Client

    claim = submitted(writer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(fact_checker)
    assert client.post(move_url(claim, ClaimStatus.IN_REVIEW)).status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_the_whole_review_through_the_admin(client, writer, fact_checker):
    claim = cited_claim(writer)
    client.force_login(writer)
    response = client.post(move_url(claim, ClaimStatus.SUBMITTED), {"move-submitted-note": ""})
    assert response.status_code == 302
    assert any("submitted for review" in text for text in message_texts(response))

    client.force_login(fact_checker)
    response = client.post(
        move_url(claim, ClaimStatus.IN_REVIEW),
        {"move-in_review-assignee": fact_checker.pk, "move-in_review-note": "Taking it."},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (ClaimStatus.IN_REVIEW, fact_checker)

    response = client.post(
        move_url(claim, ClaimStatus.REVIEWED),
        {"move-reviewed-verdict": "accurate", "move-reviewed-rationale": "The record agrees."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == admin_url(claim, "change")
    assert any("Rated" in text and "accurate" in text for text in message_texts(response))
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.reviewer) == (
        ClaimStatus.REVIEWED,
        "accurate",
        fact_checker,
    )
    assert claim.rationale == "The record agrees."
    moves = list(
        claim.review_events.order_by("created_at", "id").values_list(
            "actor__username", "to_status", "note"
        )
    )
    assert moves == [
        ("writer", ClaimStatus.SUBMITTED, ""),
        ("checker", ClaimStatus.IN_REVIEW, "Taking it."),
        ("checker", ClaimStatus.REVIEWED, ""),
    ]
    comments = [v.revision.comment for v in Version.objects.get_for_object(claim)]
    assert any("rated accurate" in comment for comment in comments)
    assert len(comments) >= 3
    # Now only reopening is offered, with its required note.
    assert moves_offered(response) == [ClaimStatus.REOPENED]


def test_reopening_needs_a_note(client, writer, fact_checker):
    claim = reviewed(writer, fact_checker)
    client.force_login(fact_checker)
    response = client.post(move_url(claim, ClaimStatus.REOPENED), {"move-reopened-note": ""})
    assert response.status_code == 200
    assert "needs a note" in " ".join(response.context["claim_moves"][0]["form"].errors["note"])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REVIEWED
    response = client.post(
        move_url(claim, ClaimStatus.REOPENED), {"move-reopened-note": "A new transcript."}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    assert claim.review_events.first().note == "A new transcript."
