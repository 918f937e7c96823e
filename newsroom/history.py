"""Which stored versions of an article or a claim readers saw, for the public change log and
for retention, which must never prune them.

A version is the record's content from its revision's time until the next version's. It was
public if that span overlaps a period when the record was public:

- an article's live periods come from its ArticleEvents: a move to published or scheduled
  starts one at ``live_from`` (so a scheduled article counts from its time even if no job
  ran), and a move away ends it. Versions in a revision marked as a draft (``DraftRevision``)
  never count: the row kept serving readers while the draft was saved beside it.
- a claim's rated periods come from its ReviewEvents: a move to reviewed starts one and the
  next move away ends it. A reopened claim shows its verdict only as a previous one, so what
  readers saw rated is the content current while the claim stood reviewed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from reversion.models import Version

from newsroom.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Claim,
    ClaimStatus,
    ReviewEvent,
)

LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)
Period = tuple[dt.datetime, dt.datetime]


def live_periods(
    events: list[ArticleEvent], now: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The (start, end) spans an article was visible to readers, from its events oldest first.

    A backdated publication time does not make the article visible before the move itself,
    so a period starts at the later of ``live_from`` and the move.
    """
    periods = []
    start = None
    for event in events:
        if event.to_status in LIVE_STATUSES:
            if start is None and event.live_from is not None:
                start = max(event.live_from, event.created_at)
        elif start is not None:
            periods.append((start, event.created_at))
            start = None
    if start is not None:
        periods.append((start, now))
    return [(begin, end) for begin, end in periods if begin < end and begin <= now]


def rated_periods(events: Iterable[ReviewEvent], now: dt.datetime) -> list[Period]:
    """The (start, end) spans a claim stood reviewed with its verdict, from its events oldest
    first: from each move to reviewed until the next move away (or ``now``)."""
    periods = []
    start = None
    for event in events:
        if event.to_status == ClaimStatus.REVIEWED:
            if start is None:
                start = event.created_at
        elif start is not None:
            periods.append((start, event.created_at))
            start = None
    if start is not None:
        periods.append((start, now))
    return [(begin, end) for begin, end in periods if begin < end and begin <= now]


def current_during(
    versions: Sequence[tuple[dt.datetime, int]], periods: Iterable[Period]
) -> set[int]:
    """The ids of ``versions`` — (saved at, id) pairs sorted oldest first — that were current at
    some moment of ``periods``: the one current when each period began, and every one saved
    during it."""
    saved = [when for when, _ in versions]
    seen: set[int] = set()
    for begin, end in periods:
        first = bisect_right(saved, begin)
        if first:
            seen.add(versions[first - 1][1])
        seen.update(pk for _, pk in versions[first : bisect_left(saved, end)])
    return seen


def article_versions(article: Article) -> QuerySet[Version]:
    """All versions of ``article``, oldest first, with their revisions and users."""
    return Version.objects.get_for_object(article).select_related("revision__user").order_by("pk")


def served_versions(queryset: QuerySet[Version]) -> QuerySet[Version]:
    """``queryset`` without versions saved as an article draft (a ``DraftRevision``)."""
    return queryset.filter(revision__article_draft__isnull=True)


def public_versions(article: Article, *, now: dt.datetime | None = None) -> list[Version]:
    """The versions of ``article`` that readers saw, oldest first (two queries).

    That is every version saved while the article was live, and the one current when each
    live period began, leaving out drafts. The publishing move records a revision of its own a
    moment after the period starts, so consecutive public versions can hold the same content;
    the change log shows only the ones that differ.
    """
    now = now or timezone.now()
    events = list(ArticleEvent.objects.filter(article=article).order_by("created_at", "pk"))
    periods = live_periods(events, now)
    if not periods:
        return []
    versions = sorted(
        served_versions(article_versions(article)),
        key=lambda version: (version.revision.date_created, version.pk),
    )
    seen = current_during([(v.revision.date_created, v.pk) for v in versions], periods)
    return sorted((v for v in versions if v.pk in seen), key=lambda version: version.pk)


def _seen_version_ids(
    model, periods_by_object: dict[int, list[Period]], versions: QuerySet[Version]
) -> set[int]:
    """The ids of ``versions`` of ``model`` current during their object's periods (one query)."""
    by_object: dict[str, list[tuple[dt.datetime, int]]] = defaultdict(list)
    wanted = {str(pk) for pk in periods_by_object}
    rows = versions.filter(content_type=ContentType.objects.get_for_model(model)).values_list(
        "object_id", "revision__date_created", "pk"
    )
    for object_id, saved, pk in rows.iterator():
        if object_id in wanted:
            by_object[object_id].append((saved, pk))
    seen: set[int] = set()
    for pk, periods in periods_by_object.items():
        seen |= current_during(sorted(by_object[str(pk)]), periods)
    return seen


def public_article_version_ids(*, now: dt.datetime | None = None) -> set[int]:
    """``public_versions`` of every article at once, as version ids (two queries)."""
    now = now or timezone.now()
    events: dict[int, list[ArticleEvent]] = defaultdict(list)
    for event in ArticleEvent.objects.only(
        "article_id", "to_status", "live_from", "created_at"
    ).order_by("created_at", "pk"):
        events[event.article_id].append(event)
    periods = {pk: live_periods(rows, now) for pk, rows in events.items()}
    periods = {pk: spans for pk, spans in periods.items() if spans}
    if not periods:
        return set()
    return _seen_version_ids(Article, periods, served_versions(Version.objects.all()))


def rated_claim_version_ids(*, now: dt.datetime | None = None) -> set[int]:
    """The ids of claim versions readers saw with a verdict: each claim's versions current
    during its ``rated_periods`` (three queries).

    A claim that stands reviewed with a verdict but has no move to reviewed on record (rated
    before the audit rows, or outside the actions) counts as rated all along: nothing says
    when it was not.
    """
    now = now or timezone.now()
    events: dict[int, list[ReviewEvent]] = defaultdict(list)
    for event in ReviewEvent.objects.only("claim_id", "to_status", "created_at").order_by(
        "created_at", "pk"
    ):
        events[event.claim_id].append(event)
    periods = {pk: rated_periods(rows, now) for pk, rows in events.items()}
    periods = {pk: spans for pk, spans in periods.items() if spans}
    rated = Claim.objects.filter(status=ClaimStatus.REVIEWED).exclude(verdict="")
    always = (dt.datetime.min.replace(tzinfo=dt.UTC), now)
    for pk in rated.values_list("pk", flat=True):
        if pk not in periods:
            periods[pk] = [always]
    if not periods:
        return set()
    return _seen_version_ids(Claim, periods, Version.objects.all())
