"""The publishing workflow: draft → in review → approved → scheduled / published → unpublished.

Nothing else changes an article's status. Every move runs in one transaction, locks the row,
writes an ArticleEvent and records a revision with a comment.
"""

from __future__ import annotations

import datetime as dt

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from events.models import Event
from newsroom.actions.common import record_revision
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    ArticleURL,
    Claim,
    Correction,
    ShareLink,
)
from newsroom.references import slugs_by_kind
from profiles.models import Organization, Person


def _article_move_permission(from_status: str, to_status: str) -> str:
    # Writers move their drafts in and out of review; everything past review is an editor's.
    if {from_status, to_status} <= {ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW}:
        return "newsroom.change_article"
    return "newsroom.publish_article"


def article_move_problem(article: Article, user: AbstractBaseUser, to_status: str) -> str:
    """Why ``user`` may not move ``article`` to ``to_status`` now, or "" if they may."""
    if not article.can_transition_to(to_status):
        return (
            f"An article that is {article.get_status_display().lower()} cannot move to "
            f"“{ArticleStatus(to_status).label.lower()}”."
        )
    if not user.has_perm(_article_move_permission(article.status, to_status)):
        return "Only editors can approve, schedule, publish or unpublish articles."
    return ""


def available_article_moves(article: Article, user: AbstractBaseUser) -> list[str]:
    """The statuses ``user`` may move ``article`` to now (the claim gate is checked on the move)."""
    return [
        status
        for status in sorted(article.TRANSITIONS.get(article.status, ()))
        if not article_move_problem(article, user, status)
    ]


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
    ``Article.TRANSITIONS`` or not the actor's to make, or when publishing or scheduling an
    article that cites unrated claims without an override reason from an editor allowed to
    give one (the reason is kept on the ArticleEvent and in the revision comment).
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    from_status = locked.status
    problem = article_move_problem(locked, actor, to_status)
    if problem:
        raise InvalidArticleTransition(problem)
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
        if unrated and not actor.has_perm("newsroom.override_publish_gate"):
            raise InvalidArticleTransition(
                "Only an editor can publish an article that cites unrated claims."
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
    if to_status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
        record_article_url(article=locked)
    ArticleEvent.objects.create(
        article=locked,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        override_reason=override_reason.strip(),
        live_from=locked.published_at
        if to_status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
        else None,
    )
    comment = (
        f"Article {ArticleStatus(from_status).label.lower()} → "
        f"{ArticleStatus(to_status).label.lower()}"
    )
    if override_reason.strip():
        comment += f" (override: {override_reason.strip()})"
    record_revision(locked, actor=actor, comment=comment + (f". {note}" if note else "."))
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


def record_article_url(*, article: Article) -> ArticleURL | None:
    """Remember the article's current address so it keeps working after a slug or date change.

    Call whenever a live (or scheduled) article's slug or publication time may have changed;
    the public view answers any remembered address with a 301 to the current one. An address
    that once belonged to another article now belongs to this one: the newest owner wins.
    """
    if article.published_at is None:
        return None
    when = timezone.localtime(article.published_at)
    url, _ = ArticleURL.objects.update_or_create(
        year=when.year, month=when.month, slug=article.slug, defaults={"article": article}
    )
    return url


@transaction.atomic
def publish_due_articles(*, now: dt.datetime | None = None) -> list[Article]:
    """Turn scheduled articles whose time has come into published ones; return them.

    Readers already see a due article without this (``published_q`` treats "scheduled and
    due" as live), so it only makes the record match: status, first-published time, audit row.
    Safe to run as often as you like; an article is handled once. Rows are locked and skipped
    when another run holds them.
    """
    now = now or timezone.now()
    due = list(
        Article.objects.select_for_update(skip_locked=True).filter(
            status=ArticleStatus.SCHEDULED, published_at__lte=now
        )
    )
    for article in due:
        article.status = ArticleStatus.PUBLISHED
        # The reader saw it from its scheduled time, so that is when it was first published.
        article.first_published_at = article.first_published_at or article.published_at
        article.save(update_fields=["status", "first_published_at", "updated_at"])
        ArticleEvent.objects.create(
            article=article,
            actor=None,
            from_status=ArticleStatus.SCHEDULED,
            to_status=ArticleStatus.PUBLISHED,
            note="Scheduled time reached.",
            live_from=article.published_at,
        )
        record_revision(article, actor=None, comment="Article scheduled → published (on time).")
    return due


@transaction.atomic
def mark_substantive_update(*, article: Article, actor: AbstractBaseUser, note: str) -> Article:
    """Stamp "updated" on a live article: readers see it; a copy edit should not call this."""
    if not article.is_live:
        raise InvalidArticleTransition("Only a published article can be marked as updated.")
    if not actor.has_perm("newsroom.publish_article"):
        raise InvalidArticleTransition("Only editors can mark an article as updated.")
    if not note.strip():
        raise InvalidArticleTransition("Say what changed: readers see the update.")
    article.last_updated_at = timezone.now()
    article.save(update_fields=["last_updated_at", "updated_at"])
    record_revision(article, actor=actor, comment=f"Substantive update: {note.strip()}")
    return article


@transaction.atomic
def add_correction(
    *, article: Article, actor: AbstractBaseUser, kind: str, text: str
) -> Correction:
    """Append a correction, clarification or update. Corrections are never edited afterwards;
    a fix to one is a new one."""
    if not actor.has_perm("newsroom.add_correction"):
        raise InvalidArticleTransition("Only editors can add corrections.")
    correction = Correction(article=article, kind=kind, text=text.strip(), created_by=actor)
    correction.full_clean()
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(f"{correction.get_kind_display()} appended.")
        correction.save()
    return correction


# ---------------------------------------------------------------------------------------------
# Share links

SHARE_LINK_SALT = "newsroom.share-link"
DEFAULT_SHARE_LINK_LIFETIME = dt.timedelta(days=3)


@transaction.atomic
def create_share_link(
    *,
    article: Article,
    actor: AbstractBaseUser,
    lifetime: dt.timedelta = DEFAULT_SHARE_LINK_LIFETIME,
    note: str = "",
) -> ShareLink:
    """Make a preview link to the article as it is now (its latest revision).

    Saves a revision first when the article has none, so there is always a version to pin.
    """
    if not actor.has_perm("newsroom.change_article"):
        raise InvalidArticleTransition("You cannot share this article.")
    if lifetime <= dt.timedelta(0) or lifetime > dt.timedelta(days=30):
        raise InvalidArticleTransition("A share link lasts between a minute and 30 days.")
    version = Version.objects.get_for_object(article).first()
    if version is None:
        record_revision(article, actor=actor, comment="Revision saved for a share link.")
        version = Version.objects.get_for_object(article).first()
    return ShareLink.objects.create(
        article=article,
        version=version,
        note=note,
        created_by=actor,
        expires_at=timezone.now() + lifetime,
    )


def share_link_token(link: ShareLink) -> str:
    """The signed token that goes in the link's URL; unguessable, and tamper-evident."""
    return signing.dumps(link.pk, salt=SHARE_LINK_SALT)


def resolve_share_link(token: str) -> ShareLink | None:
    """The active link ``token`` names, or None if it is forged, expired or revoked."""
    try:
        pk = signing.loads(token, salt=SHARE_LINK_SALT)
    except signing.BadSignature:
        return None
    return ShareLink.objects.active().select_related("article", "version").filter(pk=pk).first()


def revoke_share_link(*, link: ShareLink, actor: AbstractBaseUser) -> ShareLink:
    """Stop a link from working, at once."""
    if not actor.has_perm("newsroom.change_article"):
        raise InvalidArticleTransition("You cannot revoke this link.")
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    return link
