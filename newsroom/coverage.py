"""What the newsroom's reporting adds to people, organizations and events, loaded up front.

Profiles and events know nothing of claims and articles (dependencies run profiles ← events ←
newsroom), so their QuerySets load only their own rows and newsroom adds its own here, for
the pages (``newsroom.views``) and the API alike.
"""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

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


def people_in_the_news(people: QuerySet) -> QuerySet:
    """``people`` named in published articles, most recently mentioned first
    (``last_in_news``)."""
    latest = (
        Article.objects.published()
        .filter(related_people=OuterRef("pk"))
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    return (
        people.annotate(last_in_news=Subquery(latest))
        .filter(last_in_news__isnull=False)
        .order_by("-last_in_news", "family_name")
    )
