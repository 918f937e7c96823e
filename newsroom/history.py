"""Which stored versions of an article readers saw, for its public change log and for
retention, which must never prune them.

A version is the article's content from its revision's time until the next version's. It
was public if that span overlaps a period when the article was live, and those periods come
from the ArticleEvents: a move to published or scheduled starts one at ``live_from`` (so a
scheduled article counts from its time even if no job ran), and a move away ends it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from reversion.models import Version

from newsroom.models import Article, ArticleEvent, ArticleStatus

LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)


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


def article_versions(article: Article) -> QuerySet[Version]:
    """All versions of ``article``, oldest first, with their revisions and users."""
    return Version.objects.get_for_object(article).select_related("revision__user").order_by("pk")


def public_versions(article: Article, *, now: dt.datetime | None = None) -> list[Version]:
    """The versions of ``article`` that readers saw, oldest first (two queries).

    That is every version saved while the article was live, and the one current when each
    live period began. The publishing move records a revision of its own a moment after the
    period starts, so consecutive public versions can hold the same content; the change log
    shows only the ones that differ.
    """
    now = now or timezone.now()
    events = list(ArticleEvent.objects.filter(article=article).order_by("created_at", "pk"))
    periods = live_periods(events, now)
    if not periods:
        return []
    versions = list(article_versions(article))
    public: dict[int, Version] = {}
    for begin, end in periods:
        current = None
        for version in versions:
            saved = version.revision.date_created
            if saved <= begin:
                current = version
            elif saved < end:
                public[version.pk] = version
        if current is not None:
            public[current.pk] = current
    return sorted(public.values(), key=lambda version: version.pk)
