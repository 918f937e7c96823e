"""/api/claimreview/: every public ClaimReview as one schema.org ``DataFeed``, for fact-check
aggregators, a page at a time, newest rating first, with ``since=`` for what was rated or
changed since the last fetch.

Each item is the ClaimReview the claim's own page carries (``newsroom.jsonld.claim_review``):
one builder, so the feed and the page cannot disagree. A claim under review again has no
standing verdict, and so no ClaimReview: it leaves the feed until it is rated again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from newsroom import jsonld
from newsroom.api.paging import IsoDateTime, ListParams, paginate
from newsroom.api.schemas import Error
from newsroom.models import Claim, ClaimStatus

router = Router(tags=["claimreview"])


class FeedParams(ListParams):
    since: IsoDateTime | None = Field(
        None, description="Only reviews rated or changed at or after this ISO 8601 time."
    )

    def filter_since(self, since: dt.datetime | None) -> Q:
        return Q(updated_at__gte=since) | Q(reviewed_at__gte=since)


class FeedItem(Schema):
    type: str = Field(alias="@type")
    dateModified: dt.datetime | None = None
    item: dict[str, Any]


class DataFeed(Schema):
    context: str = Field(alias="@context")
    type: str = Field(alias="@type")
    name: str
    url: str
    count: int
    next: str | None
    previous: str | None
    dataFeedElement: list[FeedItem]


def _item(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    review = jsonld.claim_review(claim, request) or {}
    review.pop("@context", None)  # the feed's own context covers its items
    return {"@type": "DataFeedItem", "dateModified": claim.updated_at, "item": review}


@router.get(
    "claimreview/",
    response={200: DataFeed, 400: Error, 404: Error},
    url_name="api_claimreview",
    by_alias=True,
)
def claimreview_feed(request: HttpRequest, params: Query[FeedParams]):
    """Every public ClaimReview, as a schema.org DataFeed of DataFeedItems."""
    claims = params.filter(
        Claim.objects.public()
        .filter(status=ClaimStatus.REVIEWED)  # a standing verdict: a reopened one has none
        .for_footnotes()
    ).order_by("-reviewed_at", "-pk")
    page = paginate(request, claims, params, _item)
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.NEWSROOM_SITE_NAME}: fact-checks",
        "url": request.build_absolute_uri(reverse("newsroom:api_claimreview")),
        "count": page["count"],
        "next": page["next"],
        "previous": page["previous"],
        "dataFeedElement": page["results"],
    }
