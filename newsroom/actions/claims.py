"""The fact-check workflow: claims move draft → submitted → in review → reviewed → reopened.

Read ``CLAIM_MOVES`` first: the table of the six moves — each one's name, the states it starts
from, the state it leads to, the permission it needs, the rule on top of that (four-eyes) and
the function that makes it. ``claim_move_problem`` and ``available_moves`` answer from it who
may make which move now, and ``transition_claim`` dispatches through it. Each move function
holds its own checks and field updates, and records its audit row (a ``ReviewEvent``, saved as
the meta of the move's revision so it points at the revision it describes) through
``common.record_move``. Every move runs in one transaction and re-reads the claim with
``select_for_update()``, so two reviewers cannot race.

A verdict is bound to what was rated. ``rate_claim`` stores the claim's content as the reviewer
saw it (``Claim.rated_content``, see ``evidence.claim_content``); ``check_claim_content`` runs
after every change to any of it — whatever path made it, since ``newsroom.receivers`` calls it
from the models' signals — and reopens a reviewed claim whose content no longer matches, in the
same transaction, with a ReviewEvent that says what changed. It also records who changed the
evidence (four-eyes counts evidence, not just the wording) and keeps a renamed public claim's
old slug.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from newsroom import tasks
from newsroom.actions.articles import unschedule_articles_citing
from newsroom.actions.common import record_move
from newsroom.actions.context import editing, note_reopened
from newsroom.actions.evidence import claim_content, describe_content_changes, rated_part
from newsroom.actions.rendered_bodies import mark_bodies_stale
from newsroom.exceptions import InvalidClaimTransition
from newsroom.models import (
    POSITIVE_VERDICTS,
    Claim,
    ClaimSlug,
    ClaimStatus,
    ReviewEvent,
    Stance,
    Verdict,
)
from newsroom.names import user_name
from newsroom.search.index import index_records

# Roles get these permissions in newsroom/roles.py.
CHANGE = "newsroom.change_claim"
REVIEW = "newsroom.review_claim"
_REFUSALS = {
    CHANGE: "You do not have permission to change claims.",
    REVIEW: "Only fact-checkers and editors can review claims.",
}


def four_eyes_problem(claim: Claim, user: AbstractBaseUser, *, actor=None) -> str:
    """Four-eyes: why ``user`` may not review ``claim``, in words for ``actor`` (by default
    ``user`` themselves), or "" if they may. ``user`` wrote the claim, last changed its
    wording, or changed its statement or citations since it was submitted."""
    you = actor is None or actor.pk == user.pk
    who = "You" if you else user_name(user)
    if user.pk is None:
        return "Only a saved user can review a claim."
    if user.pk == claim.created_by_id:
        done = "wrote this claim"
    elif user.pk == claim.statement_edited_by_id:
        done = "last changed this claim's wording"
    elif claim.pk is not None and claim.evidence_editors.filter(pk=user.pk).exists():
        done = "changed this claim's evidence after it was submitted"
    else:
        return ""
    return f"{who} {done}, so another reviewer must rate it."


def is_too_close_to_review(claim: Claim, user: AbstractBaseUser) -> bool:
    """Four-eyes: ``user`` wrote the claim, last changed its wording, or changed its statement or
    citations since it was submitted (``four_eyes_problem`` says which)."""
    return bool(four_eyes_problem(claim, user))


def reviewers() -> QuerySet:
    """Active users who may review claims (superusers, and whoever holds ``review_claim``
    through a group or directly), by name."""
    permission = Permission.objects.filter(
        codename="review_claim", content_type__app_label="newsroom"
    )
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def eligible_reviewers(claim: Claim) -> QuerySet:
    """``reviewers()`` less the claim's author and those who changed its wording or evidence
    (four-eyes): whom ``claim`` may be assigned to.

    The same rule as ``four_eyes_problem``, asked of everyone in one query rather than of
    each user's permissions one by one.
    """
    return (
        reviewers()
        .exclude(pk__in=[pk for pk in (claim.created_by_id, claim.statement_edited_by_id) if pk])
        .exclude(pk__in=claim.evidence_editors.values("pk"))
    )


# ---------------------------------------------------------------------------------------------
# Who, besides the permission: each rule says why ``user`` may not make the move now, or "".


def _anyone(claim: Claim, user: AbstractBaseUser, *, assignee=None) -> str:
    return ""


def _may_be_assigned(claim: Claim, user: AbstractBaseUser, *, assignee=None) -> str:
    reviewer = assignee or user
    if not reviewer.is_active or not reviewer.has_perm(REVIEW):
        return f"{user_name(reviewer)} is not a fact-checker and cannot be assigned a claim."
    return four_eyes_problem(claim, reviewer, actor=user)


def _may_rate(claim: Claim, user: AbstractBaseUser, *, assignee=None) -> str:
    problem = four_eyes_problem(claim, user)
    if problem:
        return problem
    if claim.assignee_id and claim.assignee_id != user.pk:
        return f"This claim is assigned to {user_name(claim.assignee)}; only they can rate it."
    return ""


def _may_reopen(claim: Claim, user: AbstractBaseUser, *, assignee=None) -> str:
    problem = four_eyes_problem(claim, user)
    return problem.replace("rate it", "reopen it") if problem else ""


# ---------------------------------------------------------------------------------------------
# The moves


def _lock(claim: Claim, actor: AbstractBaseUser, to_status: str, **kwargs) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    problem = claim_move_problem(locked, actor, to_status, **kwargs)
    if problem:
        raise InvalidClaimTransition(problem)
    return locked


def _label(status: str) -> str:
    return ClaimStatus(status).label.lower()


def _record_move(
    claim: Claim,
    *,
    actor: AbstractBaseUser | None,
    from_status: str,
    note: str,
    comment: str,
    verdict: str = "",
) -> None:
    """Save the claim's revision and its ReviewEvent (``common.record_move``)."""
    record_move(
        claim,
        actor=actor,
        comment=comment,
        note=note,
        audit_model=ReviewEvent,
        claim=claim,
        from_status=from_status,
        to_status=claim.status,
        verdict=verdict,
    )


@transaction.atomic
def submit_claim(*, claim: Claim, actor: AbstractBaseUser, note: str = "") -> Claim:
    """Send a draft claim to the review queue. Needs at least one citation."""
    locked = _lock(claim, actor, ClaimStatus.SUBMITTED)
    if not locked.citations.exists():
        raise InvalidClaimTransition("Cite at least one source before submitting the claim.")
    locked.status = ClaimStatus.SUBMITTED
    locked.save(update_fields=["status", "updated_at"])
    _record_move(
        locked,
        actor=actor,
        from_status=ClaimStatus.DRAFT,
        note=note,
        comment="Claim draft → submitted for review.",
    )
    return locked


@transaction.atomic
def withdraw_claim(*, claim: Claim, actor: AbstractBaseUser, note: str = "") -> Claim:
    """Take a submitted claim back to draft, before anyone started reviewing it."""
    locked = _lock(claim, actor, ClaimStatus.DRAFT)
    locked.status = ClaimStatus.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    _record_move(
        locked,
        actor=actor,
        from_status=ClaimStatus.SUBMITTED,
        note=note,
        comment="Claim submitted for review → draft.",
    )
    return locked


@transaction.atomic
def assign_claim(
    *,
    claim: Claim,
    actor: AbstractBaseUser,
    assignee: AbstractBaseUser | None = None,
    note: str = "",
) -> Claim:
    """Start review of a submitted claim, by ``assignee`` (default: the actor), who must be a
    fact-checker clear of the four-eyes rule. The assignee is e-mailed after commit."""
    reviewer = assignee or actor
    locked = _lock(claim, actor, ClaimStatus.IN_REVIEW, assignee=reviewer)
    locked.status = ClaimStatus.IN_REVIEW
    locked.assignee = reviewer
    locked.save(update_fields=["status", "assignee", "updated_at"])
    _record_move(
        locked,
        actor=actor,
        from_status=ClaimStatus.SUBMITTED,
        note=note,
        comment=f"Claim submitted for review → in review, assigned to {user_name(reviewer)}.",
    )
    if reviewer.pk != actor.pk:
        _notify_assignee(locked, reviewer, actor)
    return locked


@transaction.atomic
def unassign_claim(*, claim: Claim, actor: AbstractBaseUser, note: str = "") -> Claim:
    """Put a claim in review back in the queue, unassigned."""
    locked = _lock(claim, actor, ClaimStatus.SUBMITTED)
    locked.status = ClaimStatus.SUBMITTED
    locked.assignee = None
    locked.save(update_fields=["status", "assignee", "updated_at"])
    _record_move(
        locked,
        actor=actor,
        from_status=ClaimStatus.IN_REVIEW,
        note=note,
        comment="Claim in review → submitted for review (back in the queue).",
    )
    return locked


@transaction.atomic
def rate_claim(
    *, claim: Claim, actor: AbstractBaseUser, verdict: str, rationale: str, note: str = ""
) -> Claim:
    """Give a claim in review (or reopened) its verdict with a rationale.

    A positive verdict needs a supporting citation whose excerpt was found in its source's
    archived text. The content the reviewer rated is stored with the verdict: the verdict holds
    for that content only.
    """
    locked = _lock(claim, actor, ClaimStatus.REVIEWED)
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
    from_status = locked.status
    content = claim_content(locked)
    locked.status = ClaimStatus.REVIEWED
    locked.verdict = verdict
    locked.rationale = rationale.strip()
    locked.reviewer = actor
    locked.reviewed_at = timezone.now()
    locked.rated_content = content
    locked.checked_content = {**content, "slug": locked.slug}
    locked.save(
        update_fields=[
            "status",
            "verdict",
            "rationale",
            "reviewer",
            "reviewed_at",
            "rated_content",
            "checked_content",
            "updated_at",
        ]
    )
    _record_move(
        locked,
        actor=actor,
        from_status=from_status,
        note=note,
        verdict=verdict,
        comment=f"Claim {_label(from_status)} → reviewed: rated {Verdict(verdict).label.lower()}.",
    )
    return locked


@transaction.atomic
def reopen_claim(*, claim: Claim, actor: AbstractBaseUser, note: str) -> Claim:
    """Reopen a reviewed claim because the evidence changed; readers then see it as under
    review again, its last verdict shown as previous. Needs a note saying what changed.

    Scheduled articles citing the claim go back to approved unless their override named it.
    """
    locked = _lock(claim, actor, ClaimStatus.REOPENED)
    if not note.strip():
        raise InvalidClaimTransition("Say what changed: reopening a claim needs a note.")
    _reopen(locked, actor=actor, assignee=actor, note=note.strip())
    return locked


def _reopen(
    locked: Claim, *, actor: AbstractBaseUser | None, assignee: AbstractBaseUser | None, note: str
) -> None:
    locked.status = ClaimStatus.REOPENED
    locked.assignee = assignee
    Claim.objects.filter(pk=locked.pk).update(
        status=locked.status, assignee=assignee, updated_at=timezone.now()
    )
    # Written with update(): no signal tells the stored footnotes it is under review again,
    # nor the search index.
    mark_bodies_stale(label="newsroom.claim", pks=[locked.pk])
    index_records("newsroom.claim", [locked.pk])
    _record_move(
        locked,
        actor=actor,
        from_status=ClaimStatus.REVIEWED,
        note=note,
        comment="Claim reviewed → reopened.",
    )
    unschedule_articles_citing(claim=locked, why=f"“{locked}” was reopened for review")


# ---------------------------------------------------------------------------------------------
# The table: which moves exist, from which states, to which, who may make them, what makes them


@dataclass(frozen=True)
class ClaimMove:
    """One move of the fact-check workflow."""

    name: str
    sources: tuple[str, ...]
    target: str
    permission: str
    function: Callable[..., Claim]
    # Who, besides the permission (four-eyes): why the user may not make the move, or "".
    rule: Callable[..., str] = _anyone
    # Gives up a step (the admin draws these as secondary buttons, after the others).
    backwards: bool = False


S = ClaimStatus
CLAIM_MOVES: tuple[ClaimMove, ...] = (
    #         name        from                        to           needs   made by
    ClaimMove("submit",   (S.DRAFT,),                 S.SUBMITTED, CHANGE, submit_claim),
    ClaimMove("withdraw", (S.SUBMITTED,),             S.DRAFT,     CHANGE, withdraw_claim,
              backwards=True),
    ClaimMove("assign",   (S.SUBMITTED,),             S.IN_REVIEW, REVIEW, assign_claim,
              rule=_may_be_assigned),
    ClaimMove("unassign", (S.IN_REVIEW,),             S.SUBMITTED, REVIEW, unassign_claim,
              backwards=True),
    ClaimMove("rate",     (S.IN_REVIEW, S.REOPENED),  S.REVIEWED,  REVIEW, rate_claim,
              rule=_may_rate),
    ClaimMove("reopen",   (S.REVIEWED,),              S.REOPENED,  REVIEW, reopen_claim,
              rule=_may_reopen),
)  # fmt: skip
del S


def claim_move(from_status: str, to_status: str) -> ClaimMove | None:
    """The move from ``from_status`` to ``to_status``, or None if the workflow has none."""
    for move in CLAIM_MOVES:
        if from_status in move.sources and move.target == to_status:
            return move
    return None


def claim_move_problem(
    claim: Claim,
    user: AbstractBaseUser,
    to_status: str,
    *,
    assignee: AbstractBaseUser | None = None,
) -> str:
    """Why ``user`` may not move ``claim`` to ``to_status`` now, or "" if they may.

    Reads the claim, its evidence editors and the user's permissions; every move function
    calls it to refuse what the table does not allow this user now.
    """
    move = claim_move(claim.status, to_status)
    if move is None:
        return (
            f"A claim that is {claim.get_status_display().lower()} cannot move to "
            f"“{ClaimStatus(to_status).label.lower()}”."
        )
    if not user.has_perm(move.permission):
        return _REFUSALS[move.permission]
    return move.rule(claim, user, assignee=assignee)


def available_claim_moves(claim: Claim, user: AbstractBaseUser) -> list[str]:
    """The statuses ``user`` may move ``claim`` to themselves now (evidence rules are checked
    on the move)."""
    return sorted(
        move.target
        for move in CLAIM_MOVES
        if claim.status in move.sources and not claim_move_problem(claim, user, move.target)
    )


def available_moves(claim: Claim, user: AbstractBaseUser) -> list[ClaimMove]:
    """The moves ``user`` may start on ``claim`` now, forward moves first: what the admin offers.

    Each move they may make themselves, and also "assign" for a fact-checker that four-eyes
    bars from taking the claim (its author, say) while someone eligible is left: they may still
    assign it to another fact-checker.
    """
    offered = []
    for move in sorted(CLAIM_MOVES, key=lambda move: (move.backwards, move.target)):
        if claim.status not in move.sources:
            continue
        if not claim_move_problem(claim, user, move.target) or (
            move.function is assign_claim
            and user.has_perm(move.permission)
            and eligible_reviewers(claim).exists()
        ):
            offered.append(move)
    return offered


def transition_claim(*, claim: Claim, to_status: str, actor: AbstractBaseUser, **kwargs) -> Claim:
    """Make the move from ``claim``'s status to ``to_status`` (for generic callers such as the
    admin's move buttons): the function ``CLAIM_MOVES`` names does the work, with those of
    ``kwargs`` it takes (``note``, ``assignee``, ``verdict``, ``rationale``).

    Raises ``InvalidClaimTransition`` when the workflow has no such move.
    """
    move = claim_move(claim.status, to_status)
    if move is None:
        raise InvalidClaimTransition(claim_move_problem(claim, actor, to_status))
    accepted = inspect.signature(move.function).parameters
    return move.function(
        claim=claim, actor=actor, **{key: value for key, value in kwargs.items() if key in accepted}
    )


def _notify_assignee(claim: Claim, assignee: AbstractBaseUser, actor: AbstractBaseUser) -> None:
    if not assignee.email:
        return
    url = reverse("admin:newsroom_claim_change", args=[claim.pk])
    body = (
        f"{actor} assigned you a claim to review:\n\n“{claim.statement}”\n\n"
        f"Open it in the admin: {url}\n"
    )
    # After commit only: a rolled-back assignment must not send mail. The worker sends it.
    transaction.on_commit(
        lambda: tasks.send_email.enqueue(f"Claim to review: {claim.slug}", body, [assignee.email]),
        robust=True,  # a queue that cannot be written costs the e-mail, not the assignment
    )


# ---------------------------------------------------------------------------------------------
# When what was rated changes


@transaction.atomic
def check_claim_content(*, claim_id: int, actor: AbstractBaseUser | None) -> Claim | None:
    """Apply the rules to a claim after its content may have changed; return it (None if gone).

    - a reviewed claim whose content no longer matches what was rated is reopened, with a
      ReviewEvent naming what changed (by ``actor``, or by the system when nobody is known);
    - whoever changed the statement or citations of a claim already submitted joins its
      evidence editors, and can no longer review it;
    - a public claim's old slug is kept, so its old address and references keep working.

    Locks the claim row. Writes with ``update()``, so it never triggers itself.
    """
    locked = Claim.objects.select_for_update().filter(pk=claim_id).first()
    if locked is None:
        return None
    content = claim_content(locked)
    checked = {**content, "slug": locked.slug}
    before = locked.checked_content
    if before != checked:
        updates: dict[str, Any] = {"checked_content": checked}
        if actor is not None and (before or {}).get("statement") != content["statement"]:
            updates["statement_edited_by"] = actor
        changed_evidence = before is not None and rated_part(before) != content
        if actor is not None and changed_evidence and locked.status != ClaimStatus.DRAFT:
            locked.evidence_editors.add(actor)
        old_slug = (before or {}).get("slug")
        if old_slug and old_slug != locked.slug:
            _keep_old_slug(locked, old_slug)
        Claim.objects.filter(pk=locked.pk).update(**updates)
        for name, value in updates.items():
            setattr(locked, name, value)
    rated = locked.rated_content
    if locked.status == ClaimStatus.REVIEWED and rated is not None and rated != content:
        what = "; ".join(describe_content_changes(rated, content)) or "its content changed"
        _reopen(locked, actor=actor, assignee=None, note=f"Changed after its verdict: {what}.")
        note_reopened(locked)
    return locked


def _keep_old_slug(claim: Claim, old_slug: str) -> None:
    ClaimSlug.objects.filter(slug=claim.slug).delete()
    if claim.verdict:
        ClaimSlug.objects.update_or_create(slug=old_slug, defaults={"claim": claim})


def revert_claim(*, version, actor: AbstractBaseUser, reason: str = "") -> Claim:
    """Put a claim's content (with its citations) back as ``version`` holds it.

    Workflow fields stay as they are; the revert is an edit like any other, so a reviewed
    claim whose content changes is reopened, and the reverting user counts as an evidence
    editor. Writes a ReviewEvent for the revert itself and a revision with ``reason``.
    """
    if not actor.has_perm("newsroom.change_claim"):
        raise InvalidClaimTransition("You do not have permission to change claims.")
    with editing(actor=actor):
        version.revision.revert(delete=True)
        claim = Claim.objects.get(pk=version.object_id)
        _record_move(claim, actor=actor, from_status=claim.status, note=reason, comment="")
    return Claim.objects.get(pk=claim.pk)
