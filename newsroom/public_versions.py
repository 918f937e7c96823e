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
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from reversion.models import Version

from newsroom.history.seen import Period, always, periods, seen_version_ids, seen_versions
from newsroom.models import (
    LIVE_STATUSES,
    Article,
    ArticleEvent,
    Claim,
    ClaimStatus,
    ReviewEvent,
)


def live_periods(events: Iterable[ArticleEvent], now: dt.datetime) -> list[Period]:
    """The (start, end) spans an article was visible to readers, from its events oldest first.

    A backdated publication time does not make the article visible before the move itself,
    so a period starts at the later of ``live_from`` and the move.
    """
    changes = []
    for event in events:
        if event.to_status not in LIVE_STATUSES:
            changes.append((event.created_at, False))
        elif event.live_from is not None:
            changes.append((max(event.live_from, event.created_at), True))
    return periods(changes, now)


def rated_periods(events: Iterable[ReviewEvent], now: dt.datetime) -> list[Period]:
    """The (start, end) spans a claim stood reviewed with its verdict, from its events oldest
    first: from each move to reviewed until the next move away (or ``now``)."""
    return periods(
        ((event.created_at, event.to_status == ClaimStatus.REVIEWED) for event in events), now
    )


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
    events = ArticleEvent.objects.filter(article=article).order_by("created_at", "pk")
    spans = live_periods(events, now)
    if not spans:
        return []
    return seen_versions(list(served_versions(article_versions(article))), spans)


def public_article_version_ids(*, now: dt.datetime | None = None) -> set[int]:
    """``public_versions`` of every article at once, as version ids (two queries)."""
    now = now or timezone.now()
    events: dict[int, list[ArticleEvent]] = defaultdict(list)
    for event in ArticleEvent.objects.only(
        "article_id", "to_status", "live_from", "created_at"
    ).order_by("created_at", "pk"):
        events[event.article_id].append(event)
    spans = {pk: live_periods(rows, now) for pk, rows in events.items()}
    spans = {pk: found for pk, found in spans.items() if found}
    return seen_version_ids(Article, spans, served_versions(Version.objects.all()))


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
    spans = {pk: rated_periods(rows, now) for pk, rows in events.items()}
    spans = {pk: found for pk, found in spans.items() if found}
    rated = Claim.objects.filter(status=ClaimStatus.REVIEWED).exclude(verdict="")
    for pk in rated.values_list("pk", flat=True):
        spans.setdefault(pk, always(now))
    return seen_version_ids(Claim, spans)
