"""What the newsroom's reporting adds to people, organizations and events, loaded up front.

Profiles and events know nothing of claims and articles (dependencies run profiles ← events ←
newsroom), so their QuerySets load only their own rows and newsroom adds its own here, for
the pages (``newsroom.views``) and the API alike.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import DateTimeField, Max, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from newsroom.models import Article, Claim


def prefetch_coverage(queryset: QuerySet, *, claims_made: str = "claims_made") -> QuerySet:
    """People, organizations or events with the public claims about each (``public_claims``),
    those it made or that were made at it (``public_claims_made``, through the relation named
    ``claims_made``: ``claims_made_at`` for events) and the published articles naming it
    (``public_articles``): three queries however many rows."""
    public_claims = Claim.objects.public().for_cards()
    return queryset.prefetch_related(
        Prefetch("claims", queryset=public_claims, to_attr="public_claims"),
        Prefetch(claims_made, queryset=public_claims, to_attr="public_claims_made"),
        Prefetch(
            "articles",
            queryset=Article.objects.published().for_listing(),
            to_attr="public_articles",
        ),
    )


# How many of the newest published articles the front page looks at first for the people in
# the news; widened (20 times, then to every article) only when they name too few.
NEWS_WINDOW = 50
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def people_in_the_news(people: QuerySet, *, limit: int, window: int = NEWS_WINDOW) -> list:
    """The first ``limit`` of ``people`` named in published articles, most recently mentioned
    first (``last_in_news``), then by family name.

    Starts from the newest ``window`` published articles, through the published-date
    index, rather than asking every person when they were last named (a subquery per person).
    The answer is exact: every article from the window's oldest date on is read (ties
    included), so a person left out was last named before anyone listed. One query, unless
    the window names fewer than ``limit`` people and older articles exist."""
    published = Article.objects.published()
    newest_dates = published.order_by("-published_at").values("published_at")
    for size in (window, window * 20, None):
        if size is None:
            named = published
            since = Value(None, output_field=DateTimeField())
        else:
            since = Subquery(newest_dates[size - 1 : size])
            named = published.filter(published_at__gte=Coalesce(since, Value(_EPOCH)))
        rows = list(
            people.filter(articles__in=named)
            .annotate(last_in_news=Max("articles__published_at"), window_from=since)
            .order_by("-last_in_news", "family_name", "pk")[:limit]
        )
        # window_from is None: fewer published articles than the window, so it held them all.
        if len(rows) >= limit or (rows and rows[0].window_from is None):
            return rows
    return rows
