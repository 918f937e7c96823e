"""The publishing workflow: draft → in review → approved → scheduled / published → unpublished.

Read ``ARTICLE_MOVES`` first: the table of the moves — each one's name, the states it starts
from, the state it leads to, the permission it needs and the function that makes it;
``available_moves`` and ``article_move_problem`` answer from it who may make which move now,
and ``transition_article`` dispatches through it. Nothing else changes an article's status.
Every move runs in one transaction, locks the row, and records an ArticleEvent (as the meta of
the move's revision, so it points at it) through ``common.record_move``.

Readers only see what an editor published. While an article is approved, scheduled or live its
row is what was approved or published: ``newsroom.receivers`` refuses any other change to it,
and edits are kept as a draft revision (``save_article_draft``) until an editor publishes them
through the gate (``publish_changes``) or discards them. The gate (``_gate``) reads the body
being published at that moment: unknown references and claims without a standing verdict
block, unless an editor's recorded override names them.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version

from events.models import Event
from newsroom.actions.common import record_move, record_revision
from newsroom.actions.context import applying_article_changes
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import (
    ARTICLE_WORKFLOW_FIELDS,
    FROZEN_STATUSES,
    LIVE_STATUSES,
    Article,
    ArticleEvent,
    ArticleStatus,
    ArticleURL,
    Claim,
    ClaimSlug,
    Correction,
    DraftRevision,
)
from newsroom.references import slugs_by_kind
from newsroom.search.index import index_records
from profiles.models import Organization, Person


def resolve_claim_slugs(slugs: list[str]) -> dict[str, Claim]:
    """The claims ``slugs`` name, by the slug used: a claim's current slug or one it had before
    it was renamed (two queries)."""
    found = {claim.slug: claim for claim in Claim.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        for old in ClaimSlug.objects.filter(slug__in=missing).select_related("claim"):
            found[old.slug] = old.claim
    return found


def _resolve_references(body: str) -> tuple[dict[str, list], dict[str, list[str]]]:
    """The objects ``body`` references, by kind, and the slugs that match nothing."""
    wanted = slugs_by_kind(body)
    claims = resolve_claim_slugs(wanted["claim"])
    found = {
        "claim": claims,
        "person": {p.slug: p for p in Person.objects.filter(slug__in=wanted["person"])},
        "org": {o.slug: o for o in Organization.objects.filter(slug__in=wanted["org"])},
        "event": {e.slug: e for e in Event.objects.filter(slug__in=wanted["event"])},
    }
    objects = {kind: list({obj.pk: obj for obj in found[kind].values()}.values()) for kind in found}
    missing = {kind: [slug for slug in wanted[kind] if slug not in found[kind]] for kind in found}
    return objects, missing


def publication_blockers(*, body: str) -> tuple[list[str], list[Claim]]:
    """What stops ``body`` going out now: claim references that match nothing, and cited
    claims without a standing verdict (draft, submitted, in review or reopened).

    Read from the body itself at the moment of asking, never from relations saved earlier.
    """
    objects, missing = _resolve_references(body)
    # An unknown profile reference reads as plain text; an unknown claim would be a sentence
    # presented as checked with nothing behind it.
    unknown = [f"[[claim:{slug}]]" for slug in missing["claim"]]
    unrated = [claim for claim in objects["claim"] if not claim.verdict_is_current]
    return unknown, unrated


def unrated_claims(article: Article) -> list[Claim]:
    """Claims the article's body cites that have no standing verdict (what blocks publication)."""
    return publication_blockers(body=article.body)[1]


def _gate(
    *,
    body: str,
    actor: AbstractBaseUser,
    override_reason: str,
    override_claims: list[str] | None,
) -> list[int]:
    """Refuse publishing ``body`` unless every cited claim has a standing verdict or an editor's
    override names it. Returns the ids of the claims the override covers.

    ``override_claims`` are the slugs the editor named; None means the claims blocking now
    (the ones the admin listed beside the reason). Unknown references always block.
    """
    unknown, unrated = publication_blockers(body=body)
    if unknown:
        raise InvalidArticleTransition(
            "These references match nothing; fix them before publishing: " + ", ".join(unknown)
        )
    if not unrated:
        return []
    names = "; ".join(claim.slug for claim in unrated)
    if not override_reason.strip():
        raise InvalidArticleTransition(
            f"This article cites claims without a standing verdict ({names}). Have them "
            "reviewed, or give a reason to override."
        )
    if not actor.has_perm("newsroom.override_publish_gate"):
        raise InvalidArticleTransition(
            "Only an editor can publish an article that cites claims without a verdict."
        )
    if override_claims is not None:
        named = set(override_claims)
        uncovered = [claim.slug for claim in unrated if claim.slug not in named]
        if uncovered:
            raise InvalidArticleTransition(
                "The override does not name these claims, which have no standing verdict: "
                + "; ".join(uncovered)
            )
    return [claim.pk for claim in unrated]


def _record_article_move(
    article: Article,
    *,
    actor: AbstractBaseUser | None,
    from_status: str,
    note: str,
    comment: str,
    override_reason: str = "",
    override_claim_ids: list[int] | None = None,
    live_from: dt.datetime | None = None,
) -> None:
    """Save the article's revision and its ArticleEvent (``common.record_move``)."""
    record_move(
        article,
        actor=actor,
        comment=comment,
        note=note,
        audit_model=ArticleEvent,
        article=article,
        from_status=from_status,
        to_status=article.status,
        override_reason=override_reason.strip(),
        override_claim_ids=override_claim_ids or [],
        live_from=live_from,
    )


# ---------------------------------------------------------------------------------------------
# The moves


def _lock(article: Article, actor: AbstractBaseUser, to_status: str) -> Article:
    locked = Article.objects.select_for_update().get(pk=article.pk)
    problem = article_move_problem(locked, actor, to_status)
    if problem:
        raise InvalidArticleTransition(problem)
    return locked


def _label(status: str) -> str:
    return ArticleStatus(status).label.lower()


def _move(locked: Article, *, actor: AbstractBaseUser, to_status: str, note: str) -> Article:
    """Set ``locked``'s status and record the move: what every move that only changes the
    status does. Out of the approved and live states the row is the working copy again, so an
    unpublished draft joins it."""
    from_status = locked.status
    locked.status = to_status
    with applying_article_changes():
        if to_status not in FROZEN_STATUSES and locked.draft_version_id:
            _apply_draft(locked)
        locked.save(update_fields=["status", "updated_at"])
    _record_article_move(
        locked,
        actor=actor,
        from_status=from_status,
        note=note,
        comment=f"Article {_label(from_status)} → {_label(to_status)}.",
    )
    return locked


def _go_live(
    locked: Article,
    *,
    actor: AbstractBaseUser,
    to_status: str,
    note: str,
    override_reason: str,
    covered: list[int],
    update_fields: list[str],
) -> Article:
    """Save a scheduled or published ``locked`` (its time already set), remember its address
    and record the move with the override that let it through the gate."""
    from_status = locked.status
    locked.status = to_status
    with applying_article_changes():
        locked.save(update_fields=["status", "updated_at", *update_fields])
    record_article_url(article=locked)
    comment = f"Article {_label(from_status)} → {_label(to_status)}"
    if override_reason.strip():
        comment += f" (override: {override_reason.strip()})"
    _record_article_move(
        locked,
        actor=actor,
        from_status=from_status,
        note=note,
        comment=comment + ".",
        override_reason=override_reason if covered else "",
        override_claim_ids=covered,
        live_from=locked.published_at,
    )
    return locked


@transaction.atomic
def submit_article(*, article: Article, actor: AbstractBaseUser, note: str = "") -> Article:
    """Send a draft to the editors for review."""
    locked = _lock(article, actor, ArticleStatus.IN_REVIEW)
    return _move(locked, actor=actor, to_status=ArticleStatus.IN_REVIEW, note=note)


@transaction.atomic
def withdraw_article(*, article: Article, actor: AbstractBaseUser, note: str = "") -> Article:
    """Take an article in review back to draft (its writer may, as well as an editor)."""
    locked = _lock(article, actor, ArticleStatus.DRAFT)
    return _move(locked, actor=actor, to_status=ArticleStatus.DRAFT, note=note)


@transaction.atomic
def return_article_to_draft(
    *, article: Article, actor: AbstractBaseUser, note: str = ""
) -> Article:
    """Send an approved or unpublished article back to draft (editors only); an approved
    article's unpublished draft becomes the working copy."""
    locked = _lock(article, actor, ArticleStatus.DRAFT)
    return _move(locked, actor=actor, to_status=ArticleStatus.DRAFT, note=note)


@transaction.atomic
def approve_article(*, article: Article, actor: AbstractBaseUser, note: str = "") -> Article:
    """Approve an article in review: from now on edits to it are kept as a draft."""
    locked = _lock(article, actor, ArticleStatus.APPROVED)
    return _move(locked, actor=actor, to_status=ArticleStatus.APPROVED, note=note)


@transaction.atomic
def unschedule_article(*, article: Article, actor: AbstractBaseUser, note: str = "") -> Article:
    """Take a scheduled article back to approved; it keeps its time until scheduled again."""
    locked = _lock(article, actor, ArticleStatus.APPROVED)
    return _move(locked, actor=actor, to_status=ArticleStatus.APPROVED, note=note)


@transaction.atomic
def unpublish_article(*, article: Article, actor: AbstractBaseUser, note: str = "") -> Article:
    """Take a live or scheduled article out of readers' reach; its draft becomes the working
    copy."""
    locked = _lock(article, actor, ArticleStatus.UNPUBLISHED)
    return _move(locked, actor=actor, to_status=ArticleStatus.UNPUBLISHED, note=note)


@transaction.atomic
def schedule_article(
    *,
    article: Article,
    actor: AbstractBaseUser,
    publish_at: dt.datetime | None,
    note: str = "",
    override_reason: str = "",
    override_claims: list[str] | None = None,
) -> Article:
    """Make an approved article go live by itself at ``publish_at`` (in the future), through the
    gate (``_gate``, run on its body now; ``unschedule_articles_citing`` keeps it true)."""
    locked = _lock(article, actor, ArticleStatus.SCHEDULED)
    covered = _gate(
        body=locked.body,
        actor=actor,
        override_reason=override_reason,
        override_claims=override_claims,
    )
    if publish_at is None or publish_at <= timezone.now():
        raise InvalidArticleTransition("Choose a publication time in the future.")
    locked.published_at = publish_at
    return _go_live(
        locked,
        actor=actor,
        to_status=ArticleStatus.SCHEDULED,
        note=note,
        override_reason=override_reason,
        covered=covered,
        update_fields=["published_at"],
    )


@transaction.atomic
def publish_article(
    *,
    article: Article,
    actor: AbstractBaseUser,
    note: str = "",
    publish_at: dt.datetime | None = None,
    override_reason: str = "",
    override_claims: list[str] | None = None,
) -> Article:
    """Publish an approved, scheduled or unpublished article now, through the gate (``_gate``,
    run on its body at this moment).

    ``publish_at`` in the past keeps the time readers have seen it since (a scheduled article
    already due); otherwise it goes out now. The first publication time is kept once set.
    """
    locked = _lock(article, actor, ArticleStatus.PUBLISHED)
    covered = _gate(
        body=locked.body,
        actor=actor,
        override_reason=override_reason,
        override_claims=override_claims,
    )
    now = timezone.now()
    locked.published_at = publish_at if publish_at and publish_at <= now else now
    locked.first_published_at = locked.first_published_at or locked.published_at
    return _go_live(
        locked,
        actor=actor,
        to_status=ArticleStatus.PUBLISHED,
        note=note,
        override_reason=override_reason,
        covered=covered,
        update_fields=["first_published_at", "published_at"],
    )


# ---------------------------------------------------------------------------------------------
# The table: which moves exist, from which states, to which, who may make them, what makes them

# Roles get these permissions in newsroom/roles.py.
CHANGE = "newsroom.change_article"
PUBLISH = "newsroom.publish_article"


@dataclass(frozen=True)
class ArticleMove:
    """One move of the publishing workflow."""

    name: str
    sources: tuple[str, ...]
    target: str
    permission: str
    function: Callable[..., Article]
    # Gives up a step (the admin draws these as secondary buttons).
    backwards: bool = False

    @property
    def goes_live(self) -> bool:
        """Whether the move passes the gate: readers see the article now or at its time."""
        return self.target in LIVE_STATUSES


S = ArticleStatus
ARTICLE_MOVES: tuple[ArticleMove, ...] = (
    #           name               from                                       to
    #           needs    made by
    ArticleMove("submit",          (S.DRAFT,),                                S.IN_REVIEW,
                CHANGE,  submit_article),
    ArticleMove("withdraw",        (S.IN_REVIEW,),                            S.DRAFT,
                CHANGE,  withdraw_article, backwards=True),
    ArticleMove("approve",         (S.IN_REVIEW,),                            S.APPROVED,
                PUBLISH, approve_article),
    ArticleMove("return_to_draft", (S.APPROVED, S.UNPUBLISHED),               S.DRAFT,
                PUBLISH, return_article_to_draft, backwards=True),
    ArticleMove("schedule",        (S.APPROVED,),                             S.SCHEDULED,
                PUBLISH, schedule_article),
    ArticleMove("unschedule",      (S.SCHEDULED,),                            S.APPROVED,
                PUBLISH, unschedule_article),
    ArticleMove("publish",         (S.APPROVED, S.SCHEDULED, S.UNPUBLISHED),  S.PUBLISHED,
                PUBLISH, publish_article),
    ArticleMove("unpublish",       (S.SCHEDULED, S.PUBLISHED),                S.UNPUBLISHED,
                PUBLISH, unpublish_article, backwards=True),
)  # fmt: skip
del S


def article_move(from_status: str, to_status: str) -> ArticleMove | None:
    """The move from ``from_status`` to ``to_status``, or None if the workflow has none."""
    for move in ARTICLE_MOVES:
        if from_status in move.sources and move.target == to_status:
            return move
    return None


def article_move_problem(article: Article, user: AbstractBaseUser, to_status: str) -> str:
    """Why ``user`` may not move ``article`` to ``to_status`` now, or "" if they may (the gate
    is checked on the move)."""
    move = article_move(article.status, to_status)
    if move is None:
        return (
            f"An article that is {article.get_status_display().lower()} cannot move to "
            f"“{ArticleStatus(to_status).label.lower()}”."
        )
    if not user.has_perm(move.permission):
        return "Only editors can approve, schedule, publish or unpublish articles."
    return ""


def available_moves(article: Article, user: AbstractBaseUser) -> list[ArticleMove]:
    """The moves ``user`` may make on ``article`` now, by target status: what the admin offers
    (the claim gate is checked on the move)."""
    return sorted(
        (
            move
            for move in ARTICLE_MOVES
            if article.status in move.sources and user.has_perm(move.permission)
        ),
        key=lambda move: move.target,
    )


def available_article_moves(article: Article, user: AbstractBaseUser) -> list[str]:
    """The statuses ``user`` may move ``article`` to now (the claim gate is checked on the move)."""
    return [move.target for move in available_moves(article, user)]


@transaction.atomic
def transition_article(
    *,
    article: Article,
    to_status: str,
    actor: AbstractBaseUser,
    note: str = "",
    publish_at: dt.datetime | None = None,
    override_reason: str = "",
    override_claims: list[str] | None = None,
) -> Article:
    """Make the move from ``article``'s status to ``to_status`` (for generic callers such as the
    admin's buttons): the function ``ARTICLE_MOVES`` names does the work, with those of the
    arguments it takes. Return the moved article.

    Locks the article row and reads its status from there. Raises ``InvalidArticleTransition``
    when the workflow has no such move or it is not the actor's to make, or when publishing or
    scheduling fails the gate.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    move = article_move(locked.status, to_status)
    if move is None:
        raise InvalidArticleTransition(article_move_problem(locked, actor, to_status))
    given = {
        "note": note,
        "publish_at": publish_at,
        "override_reason": override_reason,
        "override_claims": override_claims,
    }
    accepted = inspect.signature(move.function).parameters
    return move.function(
        article=locked,
        actor=actor,
        **{key: value for key, value in given.items() if key in accepted},
    )


# ---------------------------------------------------------------------------------------------
# Drafts of approved, scheduled and live articles

# Fields a draft carries: the article's content (not its workflow state or bookkeeping).
_NOT_CONTENT = set(ARTICLE_WORKFLOW_FIELDS) | {"id", "created_by", "created_at", "updated_at"}
_REFERENCE_FIELDS = {
    "claim": "claims",
    "person": "related_people",
    "org": "related_organizations",
    "event": "related_events",
}


def content_fields() -> list:
    """The article's content fields, concrete and many-to-many."""
    return [
        field
        for field in [*Article._meta.concrete_fields, *Article._meta.many_to_many]
        if field.name not in _NOT_CONTENT
    ]


def save_article_draft(
    *, article: Article, actor: AbstractBaseUser, m2m: dict[str, list], comment: str = ""
) -> Version:
    """Keep ``article``'s unsaved content as a draft revision; the row readers see is untouched.

    For an approved, scheduled or live article (``Article.is_frozen``). ``article`` holds the
    edited field values; ``m2m`` the edited tags and bylines. The references are read from the
    draft's body. The draft becomes ``article.draft_version`` until an editor publishes or
    discards it. Writers may save drafts; only editors make them public.
    """
    if not actor.has_perm("newsroom.change_article"):
        raise InvalidArticleTransition("You do not have permission to change articles.")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not locked.is_frozen:
            raise InvalidArticleTransition("Only approved, scheduled or live articles get drafts.")
        objects, _ = _resolve_references(article.body)
        fields = content_fields()
        # Serialised like reversion's own versions of an article (all but the workflow fields),
        # so history and compare read a draft like any other version.
        stored = [
            f.name
            for f in Article._meta.concrete_fields
            if f.name not in ARTICLE_WORKFLOW_FIELDS and not f.primary_key
        ]
        data = json.loads(serializers.serialize("json", [article], fields=stored))
        for field in fields:
            if not field.many_to_many:
                continue
            if field.name in _REFERENCE_FIELDS.values():
                kind = next(k for k, name in _REFERENCE_FIELDS.items() if name == field.name)
                values = [obj.pk for obj in objects[kind]]
            elif field.name in m2m:
                values = [obj.pk for obj in m2m[field.name]]
            else:
                values = list(getattr(locked, field.name).values_list("pk", flat=True))
            data[0]["fields"][field.name] = sorted(values)
        revision = Revision.objects.create(
            date_created=timezone.now(),
            user=actor,
            comment=comment or "Draft saved: not yet public.",
        )
        version = Version.objects.create(
            revision=revision,
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(locked.pk),
            db=locked._state.db or "default",
            format="json",
            serialized_data=json.dumps(data),
            object_repr=str(article)[:191],
        )
        DraftRevision.objects.create(revision=revision, article=locked)
        Article.objects.filter(pk=locked.pk).update(draft_version=version)
    article.draft_version = version
    return version


def draft_of(article: Article) -> Article | None:
    """An unsaved copy of ``article`` holding its draft's content, or None without a draft.

    Its ``draft_m2m`` attribute maps each many-to-many field to the draft's ids.
    """
    if article.draft_version_id is None:
        return None
    return article_as_in(Version.objects.get(pk=article.draft_version_id))


def article_as_in(version: Version) -> Article:
    """An unsaved copy of the article ``version`` belongs to, holding that version's content
    over the row's workflow state; ``draft_m2m`` maps each many-to-many field to its ids."""
    values = version.field_dict
    copy = Article.objects.get(pk=version.object_id)
    copy.draft_m2m = {}
    for field in content_fields():
        if field.many_to_many:
            copy.draft_m2m[field.name] = list(values.get(field.attname, []))
        elif field.attname in values:
            setattr(copy, field.attname, values[field.attname])
    return copy


def _apply_draft(locked: Article) -> None:
    """Copy the draft onto the locked row (content and relations) and clear it."""
    draft = draft_of(locked)
    for field in content_fields():
        if not field.many_to_many:
            setattr(locked, field.attname, getattr(draft, field.attname))
    locked.draft_version = None
    locked.save()
    for name, ids in draft.draft_m2m.items():
        getattr(locked, name).set(ids)


@transaction.atomic
def publish_changes(
    *,
    article: Article,
    actor: AbstractBaseUser,
    note: str = "",
    override_reason: str = "",
    override_claims: list[str] | None = None,
    substantive_update: bool = False,
) -> Article:
    """Make an article's draft what readers see (or what was approved), through the gate.

    Editors only. For a live or scheduled article the gate runs on the draft's body now; the
    change is an ArticleEvent and a revision, and readers see the new text from this moment.
    ``substantive_update`` stamps "Updated" for readers, with ``note`` saying what changed.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not actor.has_perm("newsroom.publish_article"):
        raise InvalidArticleTransition("Only editors can publish changes to an article.")
    draft = draft_of(locked)
    if draft is None:
        raise InvalidArticleTransition("This article has no unpublished changes.")
    if substantive_update and not note.strip():
        raise InvalidArticleTransition("Say what changed: readers see the update.")
    covered: list[int] = []
    if locked.status in LIVE_STATUSES:
        covered = _gate(
            body=draft.body,
            actor=actor,
            override_reason=override_reason,
            override_claims=override_claims,
        )
    with applying_article_changes():
        _apply_draft(locked)
        if substantive_update and locked.is_live:
            locked.last_updated_at = timezone.now()
            locked.save(update_fields=["last_updated_at", "updated_at"])
        if locked.status in LIVE_STATUSES:
            record_article_url(article=locked)
    what = "Changes published" if locked.is_live else "Changes approved"
    comment = what + (f" (override: {override_reason.strip()})" if covered else "") + "."
    if substantive_update:
        comment += " Substantive update:"
    _record_article_move(
        locked,
        actor=actor,
        from_status=locked.status,
        note=note.strip(),
        comment=comment,
        override_reason=override_reason if covered else "",
        override_claim_ids=covered,
        live_from=timezone.now() if locked.is_live else None,
    )
    return locked


@transaction.atomic
def discard_changes(*, article: Article, actor: AbstractBaseUser, note: str = "") -> Article:
    """Drop an article's unpublished draft; the draft stays in its history."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not actor.has_perm("newsroom.publish_article"):
        raise InvalidArticleTransition("Only editors can discard changes to an article.")
    if locked.draft_version_id is None:
        raise InvalidArticleTransition("This article has no unpublished changes.")
    Article.objects.filter(pk=locked.pk).update(draft_version=None)
    locked.draft_version = None
    _record_article_move(
        locked,
        actor=actor,
        from_status=locked.status,
        note=note.strip(),
        comment="Unpublished changes discarded.",
    )
    return locked


def unschedule_articles_citing(*, claim: Claim, why: str) -> list[Article]:
    """Send scheduled articles that cite ``claim`` and are not yet due back to approved, unless
    the override they were scheduled with named it.

    This keeps cron-free scheduling honest: a scheduled article becomes visible by itself when
    its time comes, so the gate's verdict must stay true until then. Call it in the transaction
    that takes the claim's verdict away.
    """
    now = timezone.now()
    moved = []
    for article in Article.objects.select_for_update().filter(
        status=ArticleStatus.SCHEDULED, published_at__gt=now, claims=claim
    ):
        last = article.events.filter(to_status=ArticleStatus.SCHEDULED).first()
        if last is not None and claim.pk in (last.override_claim_ids or []):
            continue
        article.status = ArticleStatus.APPROVED
        with applying_article_changes():
            article.save(update_fields=["status", "updated_at"])
        _record_article_move(
            article,
            actor=None,
            from_status=ArticleStatus.SCHEDULED,
            note=f"Unscheduled: {why} before the publication time.",
            comment="Article scheduled → approved.",
        )
        moved.append(article)
    return moved


def returned_to_review(*, article: Article, actor: AbstractBaseUser | None) -> Article:
    """Take an approved, scheduled or live article out of readers' reach after it was
    recovered from deletion: a published or scheduled one becomes unpublished, an approved one
    a draft. An editor then publishes it again through the gate. Other articles stay as they
    are."""
    if article.status not in FROZEN_STATUSES:
        return article
    from_status = article.status
    live_before = from_status in LIVE_STATUSES
    article.status = ArticleStatus.UNPUBLISHED if live_before else ArticleStatus.DRAFT
    Article.objects.filter(pk=article.pk).update(status=article.status, updated_at=timezone.now())
    index_records("newsroom.article", [article.pk])  # update() sends no signal
    _record_article_move(
        article,
        actor=actor,
        from_status=from_status,
        note="Recovered after its deletion; publish it again through the gate.",
        comment=f"Article {_label(from_status)} → {_label(article.status)}.",
    )
    return article


def sync_article_references(*, article: Article) -> dict[str, list[str]]:
    """Set the article's related claims, people, organizations and events from its body.

    Returns the slugs the body names that match nothing, by kind, for the editor to fix. A
    claim's old slug still finds it. Call inside the revision that saves the article, so the
    revision holds the new relations.
    """
    objects, missing = _resolve_references(article.body)
    for kind, name in _REFERENCE_FIELDS.items():
        getattr(article, name).set(objects[kind])
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
    The gate already holds for them: a claim that loses its verdict before an article's time
    sends the article back to approved at once (``unschedule_articles_citing``). Safe to run as
    often as you like; an article is handled once. Rows are locked and skipped when another
    run holds them.
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
        _record_article_move(
            article,
            actor=None,
            from_status=ArticleStatus.SCHEDULED,
            note="Scheduled time reached.",
            comment="Article scheduled → published (on time).",
            live_from=article.published_at,
        )
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
