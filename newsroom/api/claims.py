"""The claims and sources endpoints: reviewed claims with their verdicts, citations and
history; the sources public claims cite."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest
from ninja import FilterLookup, Query, Router
from pydantic import Field

from newsroom.api import schemas
from newsroom.api.common import (
    BAD_OR_NOT_FOUND,
    api_url,
    cited_source,
    claim_summary,
    get_or_404,
    page_url,
    published_events,
    published_organizations,
    published_people,
)
from newsroom.api.paging import IsoDate, IsoDateTime, ListParams, paginate
from newsroom.models import Citation, Claim, ClaimKind, Source, SourceKind, Verdict
from profiles.models import Organization

router = Router(tags=["claims"])


def claim_detail(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    data = claim_summary(request, claim)
    data.update(
        rationale=claim.rationale,
        citations=[
            {
                "role": citation.role,
                "stance": citation.stance,
                "excerpt": citation.excerpt,
                "locator": citation.locator,
                "excerpt_found_in_source": citation.excerpt_verified,
                "source": cited_source(request, citation.source),
            }
            for citation in claim.citations.all()
        ],
        verdict_history=[
            {"at": event.created_at, "status": event.to_status, "verdict": event.verdict or None}
            for event in claim.verdict_history
        ],
    )
    return data


class ClaimFilters(ListParams):
    person: str | None = Field(None, description="Said by or about this person (slug).")
    organization: str | None = Field(None, description="Said by or about this organization (slug).")
    event: str | None = Field(None, description="Said at or about this event (slug).")
    verdict: Verdict | None = None
    kind: ClaimKind | None = None
    said_after: Annotated[IsoDate | None, FilterLookup("said_on__gte")] = Field(
        None, description="Said on or after this day."
    )
    said_before: Annotated[IsoDate | None, FilterLookup("said_on__lte")] = Field(
        None, description="Said on or before this day."
    )
    reviewed_after: Annotated[IsoDate | None, FilterLookup("reviewed_at__date__gte")] = Field(
        None, description="Rated on or after this day."
    )
    reviewed_before: Annotated[IsoDate | None, FilterLookup("reviewed_at__date__lte")] = Field(
        None, description="Rated on or before this day."
    )
    updated_since: Annotated[IsoDateTime | None, FilterLookup("updated_at__gte")] = Field(
        None, description="Changed at or after this time."
    )

    # Who said it, or a subject (a subquery, so a claim about two matches is listed once).
    def filter_person(self, slug: str | None) -> Q:
        people = published_people(slug)
        return Q(claimant_person__in=people) | Q(
            pk__in=Claim.objects.filter(about_people__in=people)
        )

    def filter_organization(self, slug: str | None) -> Q:
        organizations = published_organizations(slug)
        return Q(claimant_organization__in=organizations) | Q(
            pk__in=Claim.objects.filter(about_organizations__in=organizations)
        )

    def filter_event(self, slug: str | None) -> Q:
        events = published_events(slug)
        return Q(said_at_event__in=events) | Q(pk__in=Claim.objects.filter(about_events__in=events))


@router.get(
    "claims/",
    response={200: schemas.Page[schemas.ClaimSummary], **BAD_OR_NOT_FOUND},
    url_name="api_claims",
    tags=["claims"],
)
def claims(request: HttpRequest, filters: Query[ClaimFilters]):
    """Reviewed claims with their verdicts, most recently rated first."""
    queryset = filters.filter(Claim.objects.public().for_listing())
    return paginate(request, queryset.order_by("-reviewed_at", "-pk"), filters, claim_summary)


@router.get(
    "claims/{slug}/",
    response={200: schemas.ClaimDetail, **BAD_OR_NOT_FOUND},
    url_name="api_claim",
    tags=["claims"],
)
def claim(request: HttpRequest, slug: str):
    """A reviewed claim with its rationale, citations (each with its source) and history."""
    return claim_detail(
        request, get_or_404(request, Claim.objects.public().for_public_detail(), slug=slug)
    )


# ---------------------------------------------------------------------------------------------
# Sources


def source_summary(request: HttpRequest, source: Source) -> dict[str, Any]:
    data = cited_source(request, source)
    data.update(author=source.author, language=source.language)
    return data


def source_detail(request: HttpRequest, source: Source) -> dict[str, Any]:
    data = source_summary(request, source)
    data.update(
        archived_sha256=source.archived_sha256 or None,
        archived_at=source.archived_at,
        cited_by=[
            {
                "slug": citation.claim.slug,
                "statement": citation.claim.statement,
                "url": page_url(request, citation.claim),
                "api_url": api_url(request, "claim", slug=citation.claim.slug),
                "role": citation.role,
                "stance": citation.stance,
                "excerpt": citation.excerpt,
            }
            for citation in source.public_citations
        ],
    )
    return data


class SourceFilters(ListParams):
    organization: str | None = Field(None, description="Published by this organization (slug).")
    kind: SourceKind | None = None
    claim: str | None = Field(None, description="Cited by this claim (slug).")
    published_after: Annotated[IsoDate | None, FilterLookup("published_on__gte")] = Field(
        None, description="Published on or after this day."
    )
    published_before: Annotated[IsoDate | None, FilterLookup("published_on__lte")] = Field(
        None, description="Published on or before this day."
    )

    def filter_organization(self, slug: str | None) -> Q:
        return Q(publisher__in=published_organizations(slug))

    def filter_claim(self, slug: str | None) -> Q:
        cited_by = Claim.objects.public().filter(slug=slug)
        return Q(Exists(Citation.objects.filter(source=OuterRef("pk"), claim__in=cited_by)))


@router.get(
    "sources/",
    response={200: schemas.Page[schemas.SourceSummary], **BAD_OR_NOT_FOUND},
    url_name="api_sources",
    tags=["claims"],
)
def sources(request: HttpRequest, filters: Query[SourceFilters]):
    """Sources that public claims cite, newest first."""
    queryset = filters.filter(
        Source.objects.public().prefetch_related(
            Prefetch("publisher", queryset=Organization.objects.published())
        )
    )
    queryset = queryset.order_by("-published_on", "title", "pk")
    return paginate(request, queryset, filters, source_summary)


@router.get(
    "sources/{int:pk}/",
    response={200: schemas.SourceDetail, **BAD_OR_NOT_FOUND},
    url_name="api_source",
    tags=["claims"],
)
def source(request: HttpRequest, pk: int):
    """A source and the public claims that cite it."""
    return source_detail(
        request, get_or_404(request, Source.objects.public().for_public_detail(), pk=pk)
    )
