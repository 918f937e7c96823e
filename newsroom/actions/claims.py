"""The fact-check workflow: claims move draft → submitted → in review → reviewed → reopened.

Nothing else changes a claim's status. Every move runs in one transaction, re-reads the row
with ``select_for_update()`` so two reviewers cannot race, writes a ReviewEvent and records a
revision with a comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newsroom.actions.common import record_revision
from newsroom.exceptions import InvalidClaimTransition, WorkflowError
from newsroom.models import (
    POSITIVE_VERDICTS,
    Citation,
    Claim,
    ClaimStatus,
    ReviewEvent,
    Stance,
    Verdict,
)
from newsroom.verification import find_excerpt

# Who may make each move. Roles get these permissions in newsroom/roles.py.
CLAIM_MOVE_PERMISSIONS: dict[tuple[str, str], str] = {
    (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED): "newsroom.change_claim",
    (ClaimStatus.SUBMITTED, ClaimStatus.DRAFT): "newsroom.change_claim",
    (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW): "newsroom.review_claim",
    (ClaimStatus.IN_REVIEW, ClaimStatus.SUBMITTED): "newsroom.review_claim",
    (ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED): "newsroom.review_claim",
    (ClaimStatus.REVIEWED, ClaimStatus.REOPENED): "newsroom.review_claim",
    (ClaimStatus.REOPENED, ClaimStatus.REVIEWED): "newsroom.review_claim",
}


def _is_author_or_editor_of(claim: Claim, user: AbstractBaseUser) -> bool:
    return user.pk is not None and user.pk in (claim.created_by_id, claim.statement_edited_by_id)


def claim_move_problem(
    claim: Claim,
    user: AbstractBaseUser,
    to_status: str,
    *,
    assignee: AbstractBaseUser | None = None,
) -> str:
    """Why ``user`` may not move ``claim`` to ``to_status`` now, or "" if they may.

    Reads only the claim and the user's permissions; the admin uses it to show just the
    buttons a user can press, and ``transition_claim`` to refuse the rest.
    """
    if not claim.can_transition_to(to_status):
        return (
            f"A claim that is {claim.get_status_display().lower()} cannot move to "
            f"“{ClaimStatus(to_status).label.lower()}”."
        )
    permission = CLAIM_MOVE_PERMISSIONS[(claim.status, to_status)]
    if not user.has_perm(permission):
        if permission == "newsroom.review_claim":
            return "Only fact-checkers and editors can review claims."
        return "You do not have permission to change claims."
    if to_status == ClaimStatus.IN_REVIEW:
        reviewer = assignee or user
        if not reviewer.has_perm("newsroom.review_claim"):
            return f"{reviewer} is not a fact-checker and cannot be assigned a claim."
        if _is_author_or_editor_of(claim, reviewer):
            return "Nobody reviews a claim they wrote or last edited; assign another fact-checker."
    if to_status == ClaimStatus.REVIEWED:
        if _is_author_or_editor_of(claim, user):
            return "Nobody rates a claim they wrote or last edited; another fact-checker must."
        if claim.assignee_id and claim.assignee_id != user.pk:
            return f"This claim is assigned to {claim.assignee}; only they can rate it."
    if to_status == ClaimStatus.REOPENED and _is_author_or_editor_of(claim, user):
        return "Nobody reviews a claim they wrote or last edited; another fact-checker must."
    return ""


def available_claim_moves(claim: Claim, user: AbstractBaseUser) -> list[str]:
    """The statuses ``user`` may move ``claim`` to now (evidence rules are checked on the move)."""
    return [
        status
        for status in sorted(claim.TRANSITIONS.get(claim.status, ()))
        if not claim_move_problem(claim, user, status)
    ]


def _notify_assignee(claim: Claim, assignee: AbstractBaseUser, actor: AbstractBaseUser) -> None:
    if not assignee.email:
        return
    url = reverse("admin:newsroom_claim_change", args=[claim.pk])
    body = (
        f"{actor} assigned you a claim to review:\n\n“{claim.statement}”\n\n"
        f"Open it in the admin: {url}\n"
    )
    # After commit only: a rolled-back assignment must not send mail.
    transaction.on_commit(
        lambda: send_mail(
            f"Claim to review: {claim.slug}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [assignee.email],
            fail_silently=True,
        )
    )


@transaction.atomic
def transition_claim(
    *,
    claim: Claim,
    to_status: str,
    actor: AbstractBaseUser,
    note: str = "",
    verdict: str = "",
    rationale: str = "",
    assignee: AbstractBaseUser | None = None,
) -> Claim:
    """Move ``claim`` to ``to_status``, write its ReviewEvent and a revision, return it.

    Locks the claim row for the transaction. Raises ``InvalidClaimTransition`` when the move is
    not in ``Claim.TRANSITIONS``, the actor lacks the permission for it (see
    ``claim_move_problem``), or it breaks an evidence rule: submitting needs a citation; a
    verdict needs a rationale; a positive verdict needs a supporting citation whose excerpt was
    found in its source's archived text; reopening needs a note saying what changed.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    from_status = locked.status
    problem = claim_move_problem(locked, actor, to_status, assignee=assignee)
    if problem:
        raise InvalidClaimTransition(problem)
    update_fields = ["status", "updated_at"]

    if to_status == ClaimStatus.SUBMITTED and from_status == ClaimStatus.DRAFT:
        if not locked.citations.exists():
            raise InvalidClaimTransition("Cite at least one source before submitting the claim.")
    elif to_status == ClaimStatus.IN_REVIEW:
        locked.assignee = assignee or actor
        update_fields.append("assignee")
    elif to_status == ClaimStatus.SUBMITTED and from_status == ClaimStatus.IN_REVIEW:
        locked.assignee = None
        update_fields.append("assignee")
    elif to_status == ClaimStatus.REVIEWED:
        if verdict not in Verdict.values:
            raise InvalidClaimTransition("Choose a verdict.")
        if not rationale.strip():
            raise InvalidClaimTransition("Explain the verdict: a rationale is required.")
        if verdict in POSITIVE_VERDICTS and not (
            locked.citations.filter(stance=Stance.SUPPORTS, excerpt_verified=True).exists()
        ):
            raise InvalidClaimTransition(
                "A claim rated accurate or mostly accurate needs a supporting citation whose "
                "excerpt was found in its source's archived text."
            )
        locked.verdict = verdict
        locked.rationale = rationale.strip()
        locked.reviewer = actor
        locked.reviewed_at = timezone.now()
        update_fields += ["verdict", "rationale", "reviewer", "reviewed_at"]
    elif to_status == ClaimStatus.REOPENED:
        if not note.strip():
            raise InvalidClaimTransition("Say what changed: reopening a claim needs a note.")
        # Reopened means back in review, with whoever reopened it as the reviewer.
        locked.assignee = actor
        update_fields.append("assignee")

    locked.status = to_status
    locked.save(update_fields=update_fields)
    ReviewEvent.objects.create(
        claim=locked,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        verdict=locked.verdict if to_status == ClaimStatus.REVIEWED else "",
        note=note,
    )
    comment = (
        f"Claim {ClaimStatus(from_status).label.lower()} → {ClaimStatus(to_status).label.lower()}"
    )
    if to_status == ClaimStatus.REVIEWED:
        comment += f": rated {Verdict(verdict).label.lower()}"
    record_revision(locked, actor=actor, comment=comment + (f". {note}" if note else "."))
    if to_status == ClaimStatus.IN_REVIEW and locked.assignee_id != actor.pk:
        _notify_assignee(locked, locked.assignee, actor)
    return locked


def verify_citation(*, citation: Citation, save: bool = True) -> Citation:
    """Check the excerpt against the source's archived text and store the result.

    ``excerpt_verified`` is None when the source has no archived text (nothing to check
    against), else whether the excerpt was found; when not found, ``closest_passage`` holds
    what the source says nearest to it. Pass ``save=False`` to set the fields on an unsaved
    citation (the admin saves it with its form).
    """
    archived = citation.source.archived_text
    match = find_excerpt(citation.excerpt, archived) if archived else None
    citation.excerpt_verified = match.found if match else None
    citation.closest_passage = match.closest_passage if match and not match.found else ""
    if save and citation.pk:
        citation.save(update_fields=["excerpt_verified", "closest_passage"])
    return citation


def reverify_source_citations(*, source) -> int:
    """Re-check every citation of ``source`` after its archived text changed; return how many."""
    citations = list(source.citations.select_related("source"))
    for citation in citations:
        verify_citation(citation=citation, save=False)
    Citation.objects.bulk_update(citations, ["excerpt_verified", "closest_passage"])
    return len(citations)


def recheck_source_citations(*, source) -> list[Citation]:
    """Re-check every citation of ``source``; return those whose result changed.

    For after its archived text changed: a citation that was found and no longer is (or the
    other way round) changes the evidence of its claim, which ``evidence_changed`` acts on.
    """
    citations = list(source.citations.select_related("source", "claim"))
    before = {citation.pk: citation.excerpt_verified for citation in citations}
    for citation in citations:
        verify_citation(citation=citation, save=False)
    Citation.objects.bulk_update(citations, ["excerpt_verified", "closest_passage"])
    return [citation for citation in citations if citation.excerpt_verified != before[citation.pk]]


def describe_verification_change(citation: Citation) -> str:
    """What changed for ``citation`` when its source's archived text changed, for a note."""
    now = {True: "is now found", False: "is no longer found", None: "can no longer be checked"}
    return (
        f"the archived text of “{citation.source}” changed, and the excerpt cited from it "
        f"{now[citation.excerpt_verified]} there"
    )


@dataclass(frozen=True)
class EvidenceChange:
    """What ``evidence_changed`` did: reopened the claim, or left a message asking for it."""

    claim: Claim
    reopened: bool
    message: str


def evidence_changed(*, claim: Claim, actor: AbstractBaseUser, what: str) -> EvidenceChange | None:
    """React to a change in ``claim``'s evidence; ``what`` says what changed, for the note.

    A reviewed claim's verdict rested on the evidence as it was, so the claim is reopened
    (``reopen_claim``, with a ReviewEvent and a revision) when ``actor`` may reopen it, as
    ``claim_move_problem`` decides. Otherwise nothing changes and the returned message says the
    claim needs reopening by a fact-checker. Returns None for a claim that is not reviewed: one
    being reviewed or waiting for review will be judged on the new evidence anyway. Call it after
    the change is saved, outside the transaction that saved it, so the reopening gets its own
    revision and comment.
    """
    claim = Claim.objects.get(pk=claim.pk)
    if claim.status != ClaimStatus.REVIEWED:
        return None
    needs_reopening = (
        f"The evidence for “{claim}” changed after its verdict ({what}); it needs reopening "
        "by a fact-checker."
    )
    if claim_move_problem(claim, actor, ClaimStatus.REOPENED):
        return EvidenceChange(claim, False, needs_reopening)
    try:
        claim = reopen_claim(claim=claim, actor=actor, note=f"Evidence changed: {what}.")
    except WorkflowError as error:
        # Someone else moved it meanwhile: say so rather than fail the save that came first.
        return EvidenceChange(claim, False, f"{needs_reopening} {error}")
    return EvidenceChange(
        claim, True, f"Reopened “{claim}” for review: its evidence changed after its verdict."
    )


def submit_claim(*, claim: Claim, actor: AbstractBaseUser, note: str = "") -> Claim:
    """Send a draft claim to the review queue. Needs at least one citation."""
    return transition_claim(claim=claim, to_status=ClaimStatus.SUBMITTED, actor=actor, note=note)


def assign_claim(
    *,
    claim: Claim,
    actor: AbstractBaseUser,
    assignee: AbstractBaseUser | None = None,
    note: str = "",
) -> Claim:
    """Start review of a submitted claim, by ``assignee`` (default: the actor)."""
    return transition_claim(
        claim=claim, to_status=ClaimStatus.IN_REVIEW, actor=actor, assignee=assignee, note=note
    )


def rate_claim(
    *, claim: Claim, actor: AbstractBaseUser, verdict: str, rationale: str, note: str = ""
) -> Claim:
    """Give a claim in review (or reopened) its verdict with a rationale."""
    return transition_claim(
        claim=claim,
        to_status=ClaimStatus.REVIEWED,
        actor=actor,
        verdict=verdict,
        rationale=rationale,
        note=note,
    )


def reopen_claim(*, claim: Claim, actor: AbstractBaseUser, note: str) -> Claim:
    """Reopen a reviewed claim because the evidence changed; its last verdict stays visible."""
    return transition_claim(claim=claim, to_status=ClaimStatus.REOPENED, actor=actor, note=note)
