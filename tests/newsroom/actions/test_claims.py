"""The fact-check workflow in actions.claims: each move's audit row and revision, the checks a
move makes, and who may make it (the role × transition matrix of DESIGN.md)."""

from __future__ import annotations

import pytest
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import InvalidClaimTransition
from newsroom.models import Claim, ClaimStatus, ReviewEvent
from tests.support.content import claim_in
from tests.support.factories import CitationFactory, ClaimFactory
from tests.support.users import role_users

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
    with pytest.raises(
        InvalidClaimTransition, match="^You wrote this claim, so another reviewer must rate it.$"
    ):
        actions.assign_claim(claim=claim, actor=fact_checker)


def test_nobody_rates_a_claim_whose_statement_they_last_edited(cited_claim, writer, fact_checker):
    actions.submit_claim(claim=cited_claim, actor=writer)
    actions.assign_claim(claim=cited_claim, actor=fact_checker)
    Claim.objects.filter(pk=cited_claim.pk).update(statement_edited_by=fact_checker)
    with pytest.raises(
        InvalidClaimTransition, match="^You last changed this claim's wording, so another"
    ):
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


# ---------------------------------------------------------------------------------------------
# Who may make which move


@pytest.fixture
def users(db):
    return role_users()


CLAIM_MOVES = [
    ("draft", "submitted"),
    ("submitted", "draft"),
    ("submitted", "in_review"),
    ("in_review", "submitted"),
    ("in_review", "reviewed"),
    ("reviewed", "reopened"),
    ("reopened", "reviewed"),
]


ALLOWED_CLAIM_MOVES = {
    "editor": set(CLAIM_MOVES),
    "writer": {("draft", "submitted"), ("submitted", "draft")},
    "fact-checker": set(CLAIM_MOVES),
    "nobody": set(),
}


@pytest.mark.parametrize("role", ["editor", "writer", "fact-checker", "nobody"])
@pytest.mark.parametrize(("start", "target"), CLAIM_MOVES)
def test_claim_permission_matrix(users, role, start, target):
    user = users[role]
    claim = claim_in(start, users["author"])
    if start in ("in_review", "reopened"):
        Claim.objects.filter(pk=claim.pk).update(assignee=user)
        claim.refresh_from_db()
    kwargs = {"verdict": "accurate", "rationale": "Checked.", "note": "New evidence."}
    allowed = (start, target) in ALLOWED_CLAIM_MOVES[role]
    assert (target in actions.available_claim_moves(claim, user)) is allowed
    if allowed:
        moved = actions.transition_claim(claim=claim, to_status=target, actor=user, **kwargs)
        assert moved.status == target
    else:
        with pytest.raises(InvalidClaimTransition) as excinfo:
            actions.transition_claim(claim=claim, to_status=target, actor=user, **kwargs)
        assert "fact-checkers and editors" in str(excinfo.value) or "permission" in str(
            excinfo.value
        )
        claim.refresh_from_db()
        assert claim.status == start


def test_only_the_assignee_rates_and_assignment_mails_them(
    users, mailoutbox, django_capture_on_commit_callbacks
):
    author, editor, checker = users["author"], users["editor"], users["fact-checker"]
    claim = claim_in("submitted", author)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign_claim(claim=claim, actor=editor, assignee=checker)
    assert [m.to for m in mailoutbox] == [[checker.email]]
    assert claim.slug in mailoutbox[0].subject
    with pytest.raises(InvalidClaimTransition, match="assigned to fc"):
        actions.rate_claim(claim=claim, actor=editor, verdict="false", rationale="No.")
    rated = actions.rate_claim(claim=claim, actor=checker, verdict="false", rationale="No.")
    assert rated.reviewer == checker


def test_a_writer_cannot_be_assigned_a_claim(users):
    claim = claim_in("submitted", users["author"])
    with pytest.raises(InvalidClaimTransition, match="not a fact-checker"):
        actions.assign_claim(claim=claim, actor=users["editor"], assignee=users["writer"])


def test_four_eyes_applies_to_editors_too(users):
    editor = users["editor"]
    claim = claim_in("submitted", editor)
    assert "in_review" not in actions.available_claim_moves(claim, editor)
    with pytest.raises(InvalidClaimTransition, match="You wrote this claim"):
        actions.assign_claim(claim=claim, actor=editor)


def test_four_eyes_refusals_say_why_in_plain_words(users):
    checker, editor = users["fact-checker"], users["editor"]
    checker.first_name, checker.last_name = "Priya", "Raman"
    checker.save()
    claim = claim_in("submitted", checker)
    # Assigning someone else names them; the rule itself stays here, in the action.
    with pytest.raises(InvalidClaimTransition) as refused:
        actions.assign_claim(claim=claim, actor=editor, assignee=checker)
    assert str(refused.value) == "Priya Raman wrote this claim, so another reviewer must rate it."
    other = claim_in("submitted", users["author"])
    other.evidence_editors.add(editor)
    assert actions.four_eyes_problem(other, editor) == (
        "You changed this claim's evidence after it was submitted, so another reviewer must "
        "rate it."
    )
    assert actions.four_eyes_problem(other, checker) == ""


def test_assigning_is_not_offered_when_nobody_eligible_is_left(users):
    checker = users["fact-checker"]
    claim = claim_in(ClaimStatus.SUBMITTED, checker)
    # The editor is eligible: take them out by making them an evidence editor.
    claim.evidence_editors.add(users["editor"])
    assert [move.name for move in actions.claims.available_moves(claim, checker)] == ["withdraw"]
