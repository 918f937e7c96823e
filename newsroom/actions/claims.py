"""The fact-check workflow: claims move draft → submitted → in review → reviewed → reopened.

Read it as a table and six moves. ``CLAIM_MOVE_PERMISSIONS`` says who may make each move;
``claim_move_problem`` adds the four-eyes rule; each move function below holds its own checks,
field updates, audit row (a ``ReviewEvent``, saved with the move's revision through reversion's
revision meta, so the row points at the revision it describes) and revision. Every move runs in
one transaction and re-reads the claim with ``select_for_update()``, so two reviewers cannot
race.

A verdict is bound to what was rated. ``rate_claim`` stores the claim's content as the reviewer
saw it (``Claim.rated_content``: statement, kind, claimant, subjects, and every citation with
its source's archived-text hash); ``check_claim_content`` runs after every change to any of
those — whatever path made it, since ``newsroom.receivers`` calls it from the models' signals —
and reopens a reviewed claim whose content no longer matches, in the same transaction, with a
ReviewEvent that says what changed. It also records who changed the evidence (four-eyes counts
evidence, not just the wording) and keeps a renamed public claim's old slug.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from newsroom.actions.common import record_move
from newsroom.actions.context import editing, note_reopened
from newsroom.exceptions import InvalidClaimTransition
from newsroom.models import (
    POSITIVE_VERDICTS,
    Citation,
    Claim,
    ClaimSlug,
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

FOUR_EYES = (
    "Nobody reviews a claim they wrote or last edited, or whose statement or citations they "
    "changed after it was submitted"
)


def is_too_close_to_review(claim: Claim, user: AbstractBaseUser) -> bool:
    """Four-eyes: ``user`` wrote the claim, last changed its wording, or changed its statement or
    citations since it was submitted."""
    if user.pk is None:
        return True
    if user.pk in (claim.created_by_id, claim.statement_edited_by_id):
        return True
    return claim.pk is not None and claim.evidence_editors.filter(pk=user.pk).exists()


def claim_move_problem(
    claim: Claim,
    user: AbstractBaseUser,
    to_status: str,
    *,
    assignee: AbstractBaseUser | None = None,
) -> str:
    """Why ``user`` may not move ``claim`` to ``to_status`` now, or "" if they may.

    Reads the claim, its evidence editors and the user's permissions; the admin uses it to show
    just the buttons a user can press, and every move function to refuse the rest.
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
        if is_too_close_to_review(claim, reviewer):
            return f"{FOUR_EYES}; assign another fact-checker."
    if to_status == ClaimStatus.REVIEWED:
        if is_too_close_to_review(claim, user):
            return f"{FOUR_EYES}; another fact-checker must."
        if claim.assignee_id and claim.assignee_id != user.pk:
            return f"This claim is assigned to {claim.assignee}; only they can rate it."
    if to_status == ClaimStatus.REOPENED and is_too_close_to_review(claim, user):
        return f"{FOUR_EYES}; another fact-checker must."
    return ""


def available_claim_moves(claim: Claim, user: AbstractBaseUser) -> list[str]:
    """The statuses ``user`` may move ``claim`` to now (evidence rules are checked on the move)."""
    return [
        status
        for status in sorted(claim.TRANSITIONS.get(claim.status, ()))
        if not claim_move_problem(claim, user, status)
    ]


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
        comment=f"Claim submitted for review → in review, assigned to {reviewer}.",
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
    # Imported here: articles.py imports this module's content helpers.
    from newsroom.actions.articles import unschedule_articles_citing

    locked.status = ClaimStatus.REOPENED
    locked.assignee = assignee
    Claim.objects.filter(pk=locked.pk).update(
        status=locked.status, assignee=assignee, updated_at=timezone.now()
    )
    _record_move(
        locked,
        actor=actor,
        from_status=ClaimStatus.REVIEWED,
        note=note,
        comment="Claim reviewed → reopened.",
    )
    unschedule_articles_citing(claim=locked, why=f"“{locked}” was reopened for review")


_MOVES = {
    (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED): submit_claim,
    (ClaimStatus.SUBMITTED, ClaimStatus.DRAFT): withdraw_claim,
    (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW): assign_claim,
    (ClaimStatus.IN_REVIEW, ClaimStatus.SUBMITTED): unassign_claim,
    (ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED): rate_claim,
    (ClaimStatus.REOPENED, ClaimStatus.REVIEWED): rate_claim,
    (ClaimStatus.REVIEWED, ClaimStatus.REOPENED): reopen_claim,
}


def transition_claim(*, claim: Claim, to_status: str, actor: AbstractBaseUser, **kwargs) -> Claim:
    """Make the move from ``claim``'s status to ``to_status`` (for generic callers such as the
    admin's move buttons); the move function named in ``_MOVES`` does the work."""
    move = _MOVES.get((claim.status, to_status))
    if move is None:
        raise InvalidClaimTransition(claim_move_problem(claim, actor, to_status))
    accepted = inspect.signature(move).parameters
    return move(
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


# ---------------------------------------------------------------------------------------------
# What was rated, and what happens when it changes


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""


def claim_content(claim: Claim) -> dict[str, Any]:
    """What a verdict rates: the claim's wording, kind, claimant, subjects and citations.

    Citations carry the hash of their source's archived text as it is now (computed, not the
    stored field, which only the admin's form keeps up to date). Two queries for the relations.
    """
    citations = sorted(
        (
            {
                "source": citation.source_id,
                "source_title": citation.source.title,
                "excerpt": citation.excerpt,
                "locator": citation.locator,
                "stance": citation.stance,
                "archived_sha256": _text_hash(citation.source.archived_text),
            }
            for citation in Citation.objects.filter(claim_id=claim.pk).select_related("source")
        ),
        key=lambda row: (row["source"], row["excerpt"], row["locator"], row["stance"]),
    )
    subjects = {
        "about_people": [],
        "about_organizations": [],
        "about_events": [],
        "about_memberships": [],
    }
    for name in subjects:
        through = Claim._meta.get_field(name).remote_field.through
        column = Claim._meta.get_field(name).m2m_reverse_field_name()
        subjects[name] = sorted(
            through.objects.filter(claim_id=claim.pk).values_list(f"{column}_id", flat=True)
        )
    return {
        "statement": claim.statement,
        "kind": claim.kind,
        "claimant_person": claim.claimant_person_id,
        "claimant_organization": claim.claimant_organization_id,
        **subjects,
        "citations": citations,
    }


_SUBJECT_LABELS = {
    "about_people": "people it is about",
    "about_organizations": "organizations it is about",
    "about_events": "events it is about",
    "about_memberships": "positions it is about",
}


def describe_content_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two ``claim_content`` results, in words for a review note."""
    changes = []
    if old.get("statement") != new.get("statement"):
        changes.append(
            f"the statement changed from “{old.get('statement')}” to “{new.get('statement')}”"
        )
    if old.get("kind") != new.get("kind"):
        changes.append(f"the kind changed from {old.get('kind')} to {new.get('kind')}")
    if (old.get("claimant_person"), old.get("claimant_organization")) != (
        new.get("claimant_person"),
        new.get("claimant_organization"),
    ):
        changes.append("the claimant changed")
    for name, label in _SUBJECT_LABELS.items():
        if old.get(name) != new.get(name):
            changes.append(f"the {label} changed")
    old_rows = {_citation_key(row): row for row in old.get("citations", [])}
    new_rows = {_citation_key(row): row for row in new.get("citations", [])}
    for key in old_rows.keys() - new_rows.keys():
        changes.append(f"a citation of “{old_rows[key]['source_title']}” was removed or edited")
    for key in new_rows.keys() - old_rows.keys():
        changes.append(f"a citation of “{new_rows[key]['source_title']}” was added or edited")
    for key in old_rows.keys() & new_rows.keys():
        if old_rows[key]["archived_sha256"] != new_rows[key]["archived_sha256"]:
            changes.append(f"the archived text of “{new_rows[key]['source_title']}” changed")
    return changes


def _citation_key(row: dict[str, Any]) -> tuple:
    return (row["source"], row["excerpt"], row["locator"], row["stance"])


def _rated_part(content: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in content.items() if key != "slug"}


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
        changed_evidence = before is not None and _rated_part(before) != content
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


# ---------------------------------------------------------------------------------------------
# Citations and sources


def verify_citation(*, citation: Citation, save: bool = True) -> Citation:
    """Check the excerpt against the source's archived text and store the result.

    ``excerpt_verified`` is None when the source has no archived text (nothing to check
    against), else whether the excerpt was found; when not found, ``closest_passage`` holds
    what the source says nearest to it. Pass ``save=False`` to only set the fields.
    """
    archived = citation.source.archived_text
    match = find_excerpt(citation.excerpt, archived) if archived else None
    citation.excerpt_verified = match.found if match else None
    citation.closest_passage = match.closest_passage if match and not match.found else ""
    if save and citation.pk:
        Citation.objects.filter(pk=citation.pk).update(
            excerpt_verified=citation.excerpt_verified, closest_passage=citation.closest_passage
        )
    return citation


def reverify_source_citations(*, source) -> int:
    """Re-check every citation of ``source`` after its archived text changed; return how many.

    Their claims' content changed with the text (its hash is part of what was rated), so the
    caller's edit reopens any reviewed claim among them.
    """
    citations = list(source.citations.select_related("source"))
    for citation in citations:
        verify_citation(citation=citation, save=False)
    Citation.objects.bulk_update(citations, ["excerpt_verified", "closest_passage"])
    return len(citations)


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
