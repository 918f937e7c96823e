"""Which stored versions of a record readers saw, given the periods it was public.

A version is the record's content from its revision's time until the next version's. It was
seen if that span overlaps a period when the record was public. Which periods those are is
the owning app's business (an article's live periods, a claim's rated ones: see
``newsroom.public_versions``); this module only matches periods to versions, in bulk.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from reversion.models import Version

Period = tuple[dt.datetime, dt.datetime]
# Since when a record was public (a datetime) or not public (None), oldest first.
Change = tuple[dt.datetime, bool]
ALWAYS_UNTIL = dt.datetime.min.replace(tzinfo=dt.UTC)


def periods(changes: Iterable[Change], now: dt.datetime) -> list[Period]:
    """The (start, end) spans a record was public, from its changes oldest first.

    Each change is ``(when, public)``: a public change starts a period unless one is open, a
    non-public one ends it; a period still open ends at ``now``. Empty and future spans go.
    """
    spans = []
    start = None
    for when, public in changes:
        if public:
            if start is None:
                start = when
        elif start is not None:
            spans.append((start, when))
            start = None
    if start is not None:
        spans.append((start, now))
    return [(begin, end) for begin, end in spans if begin < end and begin <= now]


def always(now: dt.datetime) -> list[Period]:
    """One period covering all time until ``now``: for a record public with no change on record."""
    return [(ALWAYS_UNTIL, now)]


def current_during(
    versions: Sequence[tuple[dt.datetime, int]], spans: Iterable[Period]
) -> set[int]:
    """The ids of ``versions`` — (saved at, id) pairs sorted oldest first — that were current at
    some moment of ``spans``: the one current when each period began, and every one saved
    during it."""
    saved = [when for when, _ in versions]
    seen: set[int] = set()
    for begin, end in spans:
        first = bisect_right(saved, begin)
        if first:
            seen.add(versions[first - 1][1])
        seen.update(pk for _, pk in versions[first : bisect_left(saved, end)])
    return seen


def seen_versions(versions: Sequence[Version], spans: Iterable[Period]) -> list[Version]:
    """Of one record's ``versions`` (with their revisions), those current during ``spans``,
    oldest first."""
    ordered = sorted(versions, key=lambda version: (version.revision.date_created, version.pk))
    seen = current_during([(v.revision.date_created, v.pk) for v in ordered], spans)
    return sorted((v for v in ordered if v.pk in seen), key=lambda version: version.pk)


def seen_version_ids(
    model: type[Model],
    periods_by_object: dict[int, list[Period]],
    versions: QuerySet[Version] | None = None,
) -> set[int]:
    """The ids of the versions of ``model`` current during their object's periods, for many
    objects at once (one query over ``versions``, all versions by default)."""
    if not periods_by_object:
        return set()
    versions = Version.objects.all() if versions is None else versions
    by_object: dict[str, list[tuple[dt.datetime, int]]] = defaultdict(list)
    wanted = {str(pk) for pk in periods_by_object}
    rows = versions.filter(content_type=ContentType.objects.get_for_model(model)).values_list(
        "object_id", "revision__date_created", "pk"
    )
    for object_id, saved, pk in rows.iterator():
        if object_id in wanted:
            by_object[object_id].append((saved, pk))
    seen: set[int] = set()
    for pk, spans in periods_by_object.items():
        seen |= current_during(sorted(by_object[str(pk)]), spans)
    return seen
