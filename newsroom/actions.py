"""The fact-check and publishing workflows. Nothing else changes a claim's or article's status.

The admin, the management commands and (later) the API call these functions; they check the
workflow's invariants and write the audit rows. Callers check permissions and input first.
Every function runs in one transaction, re-reads its row with ``select_for_update()`` so two
reviewers cannot race, and records a django-reversion revision with a comment.
"""

from __future__ import annotations

import datetime as dt

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from events.models import Event
from newsroom.exceptions import InvalidArticleTransition, InvalidClaimTransition
from newsroom.models import (
    POSITIVE_VERDICTS,
    Article,
    ArticleEvent,
    ArticleStatus,
    Claim,
    ClaimStatus,
    ReviewEvent,
    Stance,
    Verdict,
)
from newsroom.references import slugs_by_kind
from profiles.models import Organization, Person

# ---------------------------------------------------------------------------------------------
# Claims


def _record_revision(obj, *, actor: AbstractBaseUser, comment: str) -> None:
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        reversion.add_to_revision(obj)


def _check_four_eyes(claim: Claim, user: AbstractBaseUser, doing: str) -> None:
    if user.pk is not None and user.pk in (claim.created_by_id, claim.statement_edited_by_id):
        raise InvalidClaimTransition(
            f"You cannot {doing} a claim you wrote or last edited; another fact-checker must."
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
    not in ``Claim.TRANSITIONS`` or breaks a rule: submitting needs a citation; a reviewer is
    never the claim's author or last editor; a verdict needs a rationale; a positive verdict
    needs a supporting citation whose excerpt was not found missing from its source.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    from_status = locked.status
    if not locked.can_transition_to(to_status):
        raise InvalidClaimTransition(
            f"A claim that is {locked.get_status_display().lower()} cannot move to "
            f"“{ClaimStatus(to_status).label.lower()}”."
        )
    update_fields = ["status", "updated_at"]

    if to_status == ClaimStatus.SUBMITTED and from_status == ClaimStatus.DRAFT:
        if not locked.citations.exists():
            raise InvalidClaimTransition("Cite at least one source before submitting the claim.")
    elif to_status == ClaimStatus.IN_REVIEW:
        reviewer = assignee or actor
        _check_four_eyes(locked, reviewer, "review")
        locked.assignee = reviewer
        update_fields.append("assignee")
    elif to_status == ClaimStatus.SUBMITTED and from_status == ClaimStatus.IN_REVIEW:
        locked.assignee = None
        update_fields.append("assignee")
    elif to_status == ClaimStatus.REVIEWED:
        _check_four_eyes(locked, actor, "rate")
        if verdict not in Verdict.values:
            raise InvalidClaimTransition("Choose a verdict.")
        if not rationale.strip():
            raise InvalidClaimTransition("Explain the verdict: a rationale is required.")
        if verdict in POSITIVE_VERDICTS and not (
            locked.citations.filter(stance=Stance.SUPPORTS).exclude(excerpt_verified=False).exists()
        ):
            raise InvalidClaimTransition(
                "A claim rated accurate or mostly accurate needs a supporting citation whose "
                "excerpt is found in its source."
            )
        locked.verdict = verdict
        locked.rationale = rationale.strip()
        locked.reviewer = actor
        locked.reviewed_at = timezone.now()
        update_fields += ["verdict", "rationale", "reviewer", "reviewed_at"]
    elif to_status == ClaimStatus.REOPENED and not note.strip():
        raise InvalidClaimTransition("Say what changed: reopening a claim needs a note.")

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
    _record_revision(locked, actor=actor, comment=comment + (f". {note}" if note else "."))
    return locked


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


# ---------------------------------------------------------------------------------------------
# Articles


def unrated_claims(article: Article) -> list[Claim]:
    """Claims the article cites that have no verdict yet (what blocks publication)."""
    return list(article.claims.filter(verdict=""))


@transaction.atomic
def transition_article(
    *,
    article: Article,
    to_status: str,
    actor: AbstractBaseUser,
    note: str = "",
    publish_at: dt.datetime | None = None,
    override_reason: str = "",
) -> Article:
    """Move ``article`` to ``to_status``, write its ArticleEvent and a revision, return it.

    Locks the article row. Raises ``InvalidArticleTransition`` when the move is not in
    ``Article.TRANSITIONS``, or when publishing or scheduling an article that cites unrated
    claims without an override reason.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    from_status = locked.status
    if not locked.can_transition_to(to_status):
        raise InvalidArticleTransition(
            f"An article that is {locked.get_status_display().lower()} cannot move to "
            f"“{ArticleStatus(to_status).label.lower()}”."
        )
    update_fields = ["status", "updated_at"]
    now = timezone.now()
    if to_status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        unrated = unrated_claims(locked)
        if unrated and not override_reason.strip():
            names = "; ".join(claim.slug for claim in unrated)
            raise InvalidArticleTransition(
                f"This article cites claims without a verdict ({names}). Have them reviewed, "
                "or give a reason to override."
            )
        if to_status == ArticleStatus.SCHEDULED:
            if publish_at is None or publish_at <= now:
                raise InvalidArticleTransition("Choose a publication time in the future.")
            locked.published_at = publish_at
        else:
            locked.published_at = publish_at if publish_at and publish_at <= now else now
            locked.first_published_at = locked.first_published_at or locked.published_at
            update_fields.append("first_published_at")
        update_fields.append("published_at")
    locked.status = to_status
    locked.save(update_fields=update_fields)
    ArticleEvent.objects.create(
        article=locked,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        override_reason=override_reason.strip(),
    )
    comment = (
        f"Article {ArticleStatus(from_status).label.lower()} → "
        f"{ArticleStatus(to_status).label.lower()}"
    )
    if override_reason.strip():
        comment += f" (override: {override_reason.strip()})"
    _record_revision(locked, actor=actor, comment=comment + (f". {note}" if note else "."))
    return locked


def sync_article_references(*, article: Article) -> dict[str, list[str]]:
    """Set the article's related claims, people, organizations and events from its body.

    Returns the slugs the body names that match nothing, by kind, for the editor to fix. Call
    inside the revision that saves the article, so the revision holds the new relations.
    """
    wanted = slugs_by_kind(article.body)
    found = {
        "claim": Claim.objects.filter(slug__in=wanted["claim"]),
        "person": Person.objects.filter(slug__in=wanted["person"]),
        "org": Organization.objects.filter(slug__in=wanted["org"]),
        "event": Event.objects.filter(slug__in=wanted["event"]),
    }
    relations = {
        "claim": article.claims,
        "person": article.related_people,
        "org": article.related_organizations,
        "event": article.related_events,
    }
    missing = {}
    for kind, queryset in found.items():
        objects = list(queryset)
        relations[kind].set(objects)
        known = {obj.slug for obj in objects}
        missing[kind] = [slug for slug in wanted[kind] if slug not in known]
    return missing
