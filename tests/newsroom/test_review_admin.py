"""The fact-checker's admin: the review queue, the evidence panel, the move buttons and views,
and reopening a reviewed claim when its evidence changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import InvalidClaimTransition
from newsroom.models import Claim, ClaimStatus, ReviewEvent, Stance
from tests.support.admin import admin_form_data, admin_url, form_errors, message_texts
from tests.support.factories import CitationFactory, ClaimFactory, PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARCHIVED = (
    "The minister said the talks were useful and constructive.\n\n"
    "Officials <b>declined</b> to give the date of the next meeting."
)


def move_url(claim: Claim, to_status: str) -> str:
    return reverse("admin:newsroom_claim_move", args=[claim.pk, to_status])


def cited_claim(author, *, excerpt="the talks were useful", stance=Stance.SUPPORTS, **source):
    """A draft claim by ``author`` with one checked citation."""
    claim = ClaimFactory(created_by=author, statement_edited_by=author)
    source.setdefault("archived_text", ARCHIVED)
    citation = CitationFactory(
        claim=claim, source=SourceFactory(**source), excerpt=excerpt, stance=stance
    )
    actions.verify_citation(citation=citation)
    return claim


def submitted(author):
    claim = cited_claim(author)
    return actions.submit_claim(claim=claim, actor=author)


def in_review(author, reviewer):
    return actions.assign_claim(claim=submitted(author), actor=reviewer)


def reviewed(author, reviewer):
    return actions.rate_claim(
        claim=in_review(author, reviewer),
        actor=reviewer,
        verdict="accurate",
        rationale="The ministry's statement says so.",
    )


def moves_offered(response) -> list[str]:
    return [move["to_status"] for move in response.context["claim_moves"]]


# ---------------------------------------------------------------------------------------------
# The queue


def _results(client, query: str) -> set[int]:
    response = client.get(admin_url(Claim, "changelist") + query)
    assert response.status_code == 200
    return {claim.pk for claim in response.context["cl"].result_list}


def test_queue_filters_return_the_right_claims(client, writer, fact_checker, second_fact_checker):
    mine = in_review(writer, fact_checker)  # one source: flagged as thin
    theirs = in_review(writer, second_fact_checker)
    waiting = submitted(writer)
    draft = cited_claim(writer)
    # Two supporting publishers: sound. Add a contradicting one to another: contested.
    sound = submitted(writer)
    CitationFactory(claim=sound, source=SourceFactory(archived_text=ARCHIVED))
    contested = submitted(writer)
    CitationFactory(claim=contested, source=SourceFactory(archived_text=ARCHIVED))
    CitationFactory(
        claim=contested, source=SourceFactory(), stance=Stance.CONTRADICTS, excerpt="no talks"
    )
    rated = actions.rate_claim(
        claim=actions.assign_claim(claim=sound, actor=fact_checker),
        actor=fact_checker,
        verdict="false",
        rationale="The record says otherwise.",
    )
    Claim.objects.filter(pk=waiting.pk).update(updated_at=timezone.now() - dt.timedelta(days=3))
    Claim.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    client.force_login(fact_checker)

    assert _results(client, "?queue=mine") == {mine.pk}
    assert _results(client, "?queue=unassigned") == {waiting.pk, contested.pk}
    assert _results(client, "?queue=waiting") == {mine.pk, theirs.pk, waiting.pk, contested.pk}
    assert _results(client, "?evidence=flagged") == {
        mine.pk,
        theirs.pk,
        waiting.pk,
        draft.pk,
        contested.pk,
    }
    assert _results(client, "?evidence=contested") == {contested.pk}
    assert _results(client, "?evidence=few_sources") == {mine.pk, theirs.pk, waiting.pk, draft.pk}
    assert _results(client, "?evidence=sound") == {rated.pk}
    assert _results(client, "?status__exact=submitted") == {waiting.pk, contested.pk}
    assert _results(client, "?verdict__exact=false") == {rated.pk}
    assert _results(client, "?age=day") == {waiting.pk, draft.pk}
    assert _results(client, "?age=week") == {draft.pk}
    assert _results(client, "?queue=unassigned&evidence=contested") == {contested.pk}


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
    assert {"status", "verdict", "assignee", "sources", "flag"} <= {h.lower() for h in headers}


def test_the_queue_runs_a_fixed_number_of_queries(client, writer, fact_checker):
    url = admin_url(Claim, "changelist") + "?queue=waiting"
    in_review(writer, fact_checker)
    client.force_login(fact_checker)
    client.get(url)  # warm the permission and content type caches
    with CaptureQueriesContext(connection) as one_claim:
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 1

    for number in range(19):
        claim = in_review(writer, fact_checker)
        claim.claimant_person = PersonFactory()
        claim.save()
        CitationFactory(
            claim=claim, source=SourceFactory(), excerpt=f"x {number}", stance=Stance.CONTRADICTS
        )
    with CaptureQueriesContext(connection) as twenty_claims:
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 20
    assert len(twenty_claims) == len(one_claim), [q["sql"] for q in twenty_claims]


# ---------------------------------------------------------------------------------------------
# The change page: evidence and flags


def test_change_page_highlights_the_excerpt_in_the_archived_text(client, writer, fact_checker):
    claim = in_review(writer, fact_checker)
    client.force_login(fact_checker)
    response = client.get(admin_url(claim, "change"))
    content = response.content.decode()
    assert "The minister said <mark>the talks were useful</mark> and constructive." in content
    # Everything else in the archived text is escaped, never rendered as HTML.
    assert "Officials &lt;b&gt;declined&lt;/b&gt; to give" in content
    assert "<b>declined</b>" not in content
    assert "Excerpt found in the archived text" in content
    assert "Only one independent source" in content


def test_change_page_marks_an_excerpt_not_found_and_shows_the_closest_passage(
    client, writer, fact_checker
):
    claim = cited_claim(writer, excerpt="the talks were useless and constructive")
    citation = claim.citations.get()
    assert citation.excerpt_verified is False
    client.force_login(fact_checker)
    content = client.get(admin_url(claim, "change")).content.decode()
    assert "Not found in the archived text" in content
    assert "Closest passage in the source:" in content
    assert citation.closest_passage in content
    assert f'<mark class="closest">{citation.closest_passage}</mark>' in content


def test_change_page_shows_what_an_ellipsis_left_out(client, writer, fact_checker):
    claim = cited_claim(writer, excerpt="The minister said \u2026 and constructive.")
    assert claim.citations.get().excerpt_verified is True
    client.force_login(fact_checker)
    content = client.get(admin_url(claim, "change")).content.decode()
    assert "Matched passage in the source:" in content
    assert (
        '<mark>The minister said</mark> <span class="evidence__omitted">'
        '<span class="evidence__omitted-label">left out by the ellipsis:</span> '
        "the talks were useful</span> <mark>and constructive.</mark>"
    ) in content


def test_change_page_says_why_a_stitched_excerpt_is_not_found(client, writer, fact_checker):
    claim = cited_claim(writer, excerpt="The minister said \u2026 the date of the next meeting")
    assert claim.citations.get().excerpt_verified is False
    client.force_login(fact_checker)
    content = client.get(admin_url(claim, "change")).content.decode()
    assert "Not found in the archived text" in content
    assert "The fragments are in different paragraphs of the text." in content
    assert "Where the fragments are in the source:" in content
    # Both fragments are marked where they are in the archived text, and in the passage from
    # one to the other, where the words in between are escaped like the rest of the text.
    assert '<mark class="closest">The minister said</mark>' in content
    assert '<mark class="closest">the date of the next meeting</mark>' in content
    assert (
        '<mark>The minister said</mark> <span class="evidence__omitted">'
        '<span class="evidence__omitted-label">left out by the ellipsis:</span> '
        "the talks were useful and constructive. Officials &lt;b&gt;declined&lt;/b&gt; to give"
        "</span> <mark>the date of the next meeting</mark>"
    ) in content
    assert "<b>declined</b>" not in content
    assert "Closest passage in the source:" not in content


def test_change_page_shows_a_contested_claim(client, writer, fact_checker):
    claim = cited_claim(writer)
    CitationFactory(claim=claim, source=SourceFactory(), stance=Stance.CONTRADICTS, excerpt="x")
    client.force_login(fact_checker)
    response = client.get(admin_url(claim, "change"))
    assert response.context["claim_flags"] == [
        "Only one independent source",
        "Contested: a source contradicts this claim",
    ]
    assert "Contested: a source contradicts this claim" in response.content.decode()


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
    assert list(form.fields["assignee"].queryset) == [second_fact_checker]

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
    assert set(form.fields["assignee"].queryset) == {fact_checker, second_fact_checker}


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


def test_assigning_someone_who_wrote_the_claim_is_refused(client, fact_checker, editor):
    claim = submitted(fact_checker)
    client.force_login(editor)
    response = client.post(
        move_url(claim, ClaimStatus.IN_REVIEW), {"move-in_review-assignee": fact_checker.pk}
    )
    # Not among the choices: a form error, nothing changes.
    assert response.status_code == 200
    assert "assignee" in response.context["claim_moves"][0]["form"].errors
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


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


# ---------------------------------------------------------------------------------------------
# The change form never sets the workflow fields; changed evidence reopens the claim


def test_posting_a_status_in_the_change_form_leaves_it_unchanged(editor_client, writer):
    claim = submitted(writer)
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data.update({"status": "reviewed", "verdict": "accurate", "rationale": "forged"})
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.rationale) == (ClaimStatus.SUBMITTED, "", "")


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


def test_a_source_text_change_that_unverifies_an_excerpt_reopens_the_claim(
    editor_client, editor, writer
):
    claim = reviewed(writer, editor)
    source = claim.citations.get().source
    data = admin_form_data(editor_client.get(admin_url(source, "change")))
    data["archived_text"] = "The minister said nothing about the talks."
    response = editor_client.post(admin_url(source, "change"), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    assert claim.citations.get().excerpt_verified is False
    assert "the archived text of" in claim.review_events.first().note


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
    with pytest.raises(InvalidClaimTransition, match="citations they changed"):
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
