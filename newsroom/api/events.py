"""The events endpoints: published events in their local time, with participants and the
claims about them."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from ninja import FilterLookup, Query, Router
from pydantic import Field

from events.models import Event, EventKind, EventStatus, Participation
from newsroom.api import schemas
from newsroom.api.common import (
    BAD_OR_NOT_FOUND,
    api_url,
    claim_summary,
    get_or_404,
    named,
    page_url,
    published_organizations,
    published_people,
)
from newsroom.api.paging import IsoDate, IsoDateTime, ListParams, paginate
from newsroom.coverage import prefetch_coverage

router = Router(tags=["events"])


def event_summary(request: HttpRequest, event: Event) -> dict[str, Any]:
    replaced_by = event.replaced_by  # prefetched as published only (``with_public_links``)
    return {
        "slug": event.slug,
        "url": page_url(request, event),
        "api_url": api_url(request, "event", slug=event.slug),
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "status_reason": event.status_reason or None,
        "starts_at": event.local_starts_at,
        "start_precision": event.start_precision,
        "ends_at": event.local_ends_at,
        "end_precision": event.end_precision,
        "place": {"name": event.place.name, "time_zone": event.place.time_zone}
        if event.place
        else None,
        "replaced_by": {"title": replaced_by.title, "url": page_url(request, replaced_by)}
        if replaced_by
        else None,
    }


def event_detail(request: HttpRequest, event: Event) -> dict[str, Any]:
    data = event_summary(request, event)
    data.update(
        summary=event.summary,
        parent={"title": event.parent.title, "url": page_url(request, event.parent)}
        if event.parent
        else None,
        participants=[
            {
                "person": named(request, p.person),
                "role": p.role,
                "representing": str(p.organization) if p.organization else None,
            }
            for p in event.public_participations
        ],
        claims_about=[claim_summary(request, c) for c in event.public_claims],
    )
    return data


class EventFilters(ListParams):
    person: str | None = Field(None, description="With this participant (slug).")
    organization: str | None = Field(
        None, description="Organized by this organization, or with someone representing it."
    )
    kind: EventKind | None = None
    status: EventStatus | None = None
    start_after: Annotated[IsoDate | None, FilterLookup("starts_at__date__gte")] = Field(
        None, description="Starting on or after this day."
    )
    start_before: Annotated[IsoDate | None, FilterLookup("starts_at__date__lte")] = Field(
        None, description="Starting on or before this day."
    )
    updated_since: Annotated[IsoDateTime | None, FilterLookup("updated_at__gte")] = Field(
        None, description="Changed at or after this time."
    )

    def filter_person(self, slug: str | None) -> Q:
        people = published_people(slug)
        return Q(Exists(Participation.objects.filter(event=OuterRef("pk"), person__in=people)))

    def filter_organization(self, slug: str | None) -> Q:
        organizations = published_organizations(slug)
        represented = Participation.objects.filter(
            event=OuterRef("pk"), organization__in=organizations
        )
        return Q(organizer__in=organizations) | Q(Exists(represented))


@router.get(
    "events/",
    response={200: schemas.Page[schemas.EventSummary], **BAD_OR_NOT_FOUND},
    url_name="api_events",
    tags=["events"],
)
def events(request: HttpRequest, filters: Query[EventFilters]):
    """Published events, latest first."""
    queryset = filters.filter(Event.objects.published().for_listing())
    return paginate(request, queryset.order_by("-starts_at", "-pk"), filters, event_summary)


@router.get(
    "events/{slug}/",
    response={200: schemas.EventDetail, **BAD_OR_NOT_FOUND},
    url_name="api_event",
    tags=["events"],
)
def event(request: HttpRequest, slug: str):
    """A published event with its participants and the claims about it."""
    queryset = prefetch_coverage(
        Event.objects.published().for_public_detail(), claims_made="claims_made_at"
    )
    return event_detail(request, get_or_404(request, queryset, slug=slug))
