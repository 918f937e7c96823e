"""Which old revisions may be pruned, and which must be kept whatever their age.

Each record keeps its newest versions (``keep_last``; always at least the latest) and those
younger than ``keep_days``. Older ones go unless one of these keeps them:

- under review: every version of a claim submitted, in review or reopened, or of an article in
  review, approved or scheduled;
- seen by readers: an article version that was served (``newsroom.history``; drafts never
  were); a claim version current while the claim stood reviewed with its verdict; a person,
  organization or event version saved while its ``is_published`` flag was on;
- current draft: an article's ``draft_version``, unpublished work nobody else holds;
- audit row: every version in a revision a ReviewEvent or ArticleEvent points at (the FK is
  PROTECT: deleting it would fail);
- correction: the article version readers were served when a correction was written;
- share link: the version a share link shows.

A revision is deleted only when every version in it may go, so a record is never separated
from its inline rows; the versions a kept one holds back are reported as "same revision".
Everything is read in bulk: a handful of queries over all versions, whatever their number.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version

from events.models import Event
from newsroom.history import public_article_version_ids, rated_claim_version_ids
from newsroom.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Claim,
    ClaimStatus,
    Correction,
    DraftRevision,
    ReviewEvent,
    ShareLink,
)
from profiles.models import Organization, Person

ARTICLE_STATES_UNDER_REVIEW = (
    ArticleStatus.IN_REVIEW,
    ArticleStatus.APPROVED,
    ArticleStatus.SCHEDULED,
)
CLAIM_STATES_UNDER_REVIEW = (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, ClaimStatus.REOPENED)
# Records readers see only while this field of theirs is on; versions store it.
PUBLISHED_FLAG_MODELS = (Person, Organization, Event)

# Why a version stays. A version kept for several reasons is counted under the first that
# applies, in the order of REASONS.
NEWEST = "newest"
RECENT = "recent"
UNDER_REVIEW = "under review"
SEEN = "seen by readers"
UNREADABLE = "unreadable data"
DRAFT = "current draft"
AUDIT = "audit row"
CORRECTION = "correction"
SHARE_LINK = "share link"
SAME_REVISION = "same revision"
REASONS = (
    NEWEST,
    RECENT,
    UNDER_REVIEW,
    SEEN,
    UNREADABLE,
    DRAFT,
    AUDIT,
    CORRECTION,
    SHARE_LINK,
    SAME_REVISION,
)
BASIC_REASONS = (NEWEST, RECENT)
BATCH = 500

Key = tuple[int, str]  # (content type id, object id), as reversion stores them


@dataclass
class RecordPlan:
    """What a prune does to one record's versions."""

    model: str
    object_id: str
    label: str
    deleted: int = 0
    kept: Counter = field(default_factory=Counter)

    @property
    def held_back(self) -> bool:
        """Whether any old version is kept by a rule beyond keep-last/keep-days."""
        return any(reason not in BASIC_REASONS for reason in self.kept)


@dataclass
class PrunePlan:
    revisions: list[int]
    versions: int
    # Records with a version to delete or one held back, by model and label.
    records: list[RecordPlan]
    # Kept versions of every record, by reason.
    kept: Counter = field(default_factory=Counter)

    @property
    def kept_protected(self) -> int:
        """Old versions kept by a rule beyond keep-last/keep-days."""
        return sum(n for reason, n in self.kept.items() if reason not in BASIC_REASONS)


def describe_kept(kept: Counter) -> str:
    """``kept 3: seen by readers 2, audit row 1`` (reasons in the order of precedence)."""
    parts = [f"{reason} {kept[reason]}" for reason in REASONS if kept[reason]]
    return f"kept {sum(kept.values())}" + (f": {', '.join(parts)}" if parts else "")


def _published_flags(version_ids: Iterable[int]) -> tuple[set[int], set[int]]:
    """Of ``version_ids``, those whose stored data has ``is_published`` on, and those whose data
    cannot be read (kept: nobody can tell whether readers saw them). One query per 500."""
    ids = sorted(version_ids)
    published: set[int] = set()
    unreadable: set[int] = set()
    for start in range(0, len(ids), BATCH):
        rows = Version.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
            "pk", "format", "serialized_data"
        )
        for pk, format_, data in rows:
            try:
                if format_ != "json":
                    raise ValueError(format_)
                if json.loads(data)[0]["fields"].get("is_published"):
                    published.add(pk)
            except (ValueError, IndexError, KeyError, TypeError, AttributeError):
                unreadable.add(pk)
    return published, unreadable


def _correction_version_ids(served: dict[str, list[tuple[dt.datetime, int]]]) -> set[int]:
    """The article version readers were served when each correction was written.

    ``served`` maps article ids to their non-draft versions as (saved at, id), oldest first.
    """
    kept = set()
    for article_id, written in Correction.objects.values_list("article_id", "created_at"):
        versions = served.get(str(article_id), [])
        at = bisect_right(versions, (written, float("inf")))
        if at:
            kept.add(versions[at - 1][1])
    return kept


def plan_prune(
    *, keep_days: int | None, keep_last: int | None, now: dt.datetime | None = None
) -> PrunePlan:
    """The revisions a prune would delete, and why the other old versions stay.

    Needs at least one of ``keep_days``/``keep_last``: with one, the other keeps nothing; with
    both, either keeps. Reads without locking; ``prune`` checks the references again.
    """
    if keep_days is None and keep_last is None:
        raise ValueError("Say how much history to keep: keep_days, keep_last or both.")
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=keep_days) if keep_days is not None else None
    types = ContentType.objects.get_for_models(Article, Claim, *PUBLISHED_FLAG_MODELS)
    article_type, claim_type = types[Article].pk, types[Claim].pk
    flag_types = {types[model].pk for model in PUBLISHED_FLAG_MODELS}
    drafts = set(DraftRevision.objects.values_list("revision_id", flat=True))

    rows: list[tuple[int, int, Key]] = []
    keys: dict[Key, Key] = {}
    reasons: dict[int, str] = {}
    labels: dict[Key, str] = {}
    seen_per_object: dict[Key, int] = defaultdict(int)
    served: dict[str, list[tuple[dt.datetime, int]]] = defaultdict(list)
    flagged: list[int] = []
    versions = Version.objects.values_list(
        "pk", "revision_id", "content_type_id", "object_id", "revision__date_created", "object_repr"
    ).order_by("-pk")
    for pk, revision_id, content_type_id, object_id, created, label in versions.iterator():
        # One key object per record, not per version: there can be half a million rows.
        key = keys.setdefault((content_type_id, object_id), (content_type_id, object_id))
        seen_per_object[key] += 1
        if seen_per_object[key] == 1:
            labels[key] = label
            reasons[pk] = NEWEST
        elif keep_last is not None and seen_per_object[key] <= keep_last:
            reasons[pk] = NEWEST
        elif cutoff is not None and created > cutoff:
            reasons[pk] = RECENT
        elif content_type_id in flag_types:
            flagged.append(pk)
        rows.append((pk, revision_id, key))
        if content_type_id == article_type and revision_id not in drafts:
            served[object_id].append((created, pk))
    for article_versions in served.values():
        article_versions.sort()

    def keep(version_ids: Iterable[int], reason: str) -> None:
        for pk in version_ids:
            reasons.setdefault(pk, reason)

    under_review = {
        (article_type, str(pk))
        for pk in Article.objects.filter(status__in=ARTICLE_STATES_UNDER_REVIEW).values_list(
            "pk", flat=True
        )
    } | {
        (claim_type, str(pk))
        for pk in Claim.objects.filter(status__in=CLAIM_STATES_UNDER_REVIEW).values_list(
            "pk", flat=True
        )
    }
    keep((pk for pk, _, key in rows if key in under_review), UNDER_REVIEW)
    keep(public_article_version_ids(now=now), SEEN)
    keep(rated_claim_version_ids(now=now), SEEN)
    published, unreadable = _published_flags(pk for pk in flagged if pk not in reasons)
    keep(published, SEEN)
    keep(unreadable, UNREADABLE)
    keep(
        Article.objects.filter(draft_version__isnull=False).values_list(
            "draft_version_id", flat=True
        ),
        DRAFT,
    )
    audited = set(
        ReviewEvent.objects.filter(revision__isnull=False).values_list("revision_id", flat=True)
    ) | set(
        ArticleEvent.objects.filter(revision__isnull=False).values_list("revision_id", flat=True)
    )
    keep((pk for pk, revision_id, _ in rows if revision_id in audited), AUDIT)
    keep(_correction_version_ids(served), CORRECTION)
    keep(ShareLink.objects.values_list("version_id", flat=True), SHARE_LINK)

    revision_ok: dict[int, bool] = {}
    for pk, revision_id, _ in rows:
        revision_ok[revision_id] = revision_ok.get(revision_id, True) and pk not in reasons
    records: dict[Key, RecordPlan] = {}
    kept: Counter = Counter()
    deleted_versions = 0
    for pk, revision_id, key in rows:
        record = records.get(key)
        if record is None:
            model = ContentType.objects.get_for_id(key[0])
            record = records[key] = RecordPlan(
                f"{model.app_label}.{model.model}", key[1], labels[key] or f"#{key[1]}"
            )
        if revision_ok[revision_id]:
            record.deleted += 1
            deleted_versions += 1
        else:
            reason = reasons.get(pk, SAME_REVISION)
            record.kept[reason] += 1
            kept[reason] += 1
    doomed = sorted(revision_id for revision_id, ok in revision_ok.items() if ok)
    listed = sorted(
        (record for record in records.values() if record.deleted or record.held_back),
        key=lambda record: (record.model, record.label, record.object_id),
    )
    return PrunePlan(doomed, deleted_versions, listed, kept)


@transaction.atomic
def prune(plan: PrunePlan) -> int:
    """Delete the planned revisions (their versions go with them); return how many.

    Runs in one transaction. A revision an audit row, a share link or an article's draft came
    to point at since the plan was made is left alone, so the PROTECT foreign keys never fail
    the delete and no link or draft is lost.
    """
    referenced = (
        ReviewEvent.objects.filter(revision__isnull=False).values("revision_id"),
        ArticleEvent.objects.filter(revision__isnull=False).values("revision_id"),
    )
    pinned = (
        ShareLink.objects.values("version_id"),
        Article.objects.filter(draft_version__isnull=False).values("draft_version_id"),
    )
    deleted = 0
    for start in range(0, len(plan.revisions), BATCH):
        batch = Revision.objects.filter(pk__in=plan.revisions[start : start + BATCH])
        for revision_ids in referenced:
            batch = batch.exclude(pk__in=revision_ids)
        for version_ids in pinned:
            batch = batch.exclude(version__pk__in=version_ids)
        deleted += batch.delete()[1].get("reversion.Revision", 0)
    return deleted
