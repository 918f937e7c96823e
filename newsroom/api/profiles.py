"""The people, organizations and memberships endpoints. A merged duplicate profile's slug
answers 301 with the survivor's API address, as its HTML page does."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponsePermanentRedirect
from ninja import FilterLookup, Query, Router
from pydantic import Field

from newsroom.api import schemas
from newsroom.api.common import (
    BAD_OR_NOT_FOUND,
    api_url,
    claim_summary,
    get_or_404,
    named,
    page_url,
    partial_date,
    profile_or_redirect,
    published_organizations,
)
from newsroom.api.paging import IsoDate, IsoDateTime, ListParams, paginate
from newsroom.coverage import prefetch_coverage
from profiles.models import Membership, Organization, OrganizationKind, Person

router = Router(tags=["profiles"])


def _position(request: HttpRequest, membership: Membership, *, who: str) -> dict[str, Any]:
    other = membership.person if who == "person" else membership.organization
    return {
        who: named(request, other),
        "role": membership.role,
        "rank": membership.rank,
        "rank_of": membership.organization.seats if membership.rank else None,
        "start": partial_date(membership.start_date, membership.start_precision),
        "end": partial_date(membership.end_date, membership.end_precision),
        "note": membership.note,
    }


def person_summary(request: HttpRequest, person: Person) -> dict[str, Any]:
    return {
        "slug": person.slug,
        "url": page_url(request, person),
        "api_url": api_url(request, "person", slug=person.slug),
        "full_name": person.full_name,
        "native_name": person.native_name or None,
        "summary": person.summary,
    }


def person_detail(request: HttpRequest, person: Person) -> dict[str, Any]:
    data = person_summary(request, person)
    positions = {
        name: [_position(request, m, who="organization") for m in getattr(person, name)]
        for name in ("current_positions", "earlier_positions")
    }
    data.update(
        given_name=person.given_name,
        family_name=person.family_name,
        name_order=person.name_order,
        aliases=person.alias_list,
        birth_date=partial_date(person.birth_date, person.birth_date_precision),
        birthplace=person.birthplace or None,
        wikidata_id=person.wikidata_id or None,
        **positions,
        claims_about=[claim_summary(request, c) for c in person.public_claims],
    )
    return data


class PersonFilters(ListParams):
    organization: str | None = Field(None, description="Holding a position there now (slug).")
    updated_since: Annotated[IsoDateTime | None, FilterLookup("updated_at__gte")] = Field(
        None, description="Changed at or after this time."
    )

    def filter_organization(self, slug: str | None) -> Q:
        held_now = Membership.objects.current().filter(
            person=OuterRef("pk"), organization__in=published_organizations(slug)
        )
        return Q(Exists(held_now))


@router.get(
    "people/",
    response={200: schemas.Page[schemas.PersonSummary], **BAD_OR_NOT_FOUND},
    url_name="api_people",
    tags=["profiles"],
)
def people(request: HttpRequest, filters: Query[PersonFilters]):
    """Published people, by family name."""
    queryset = filters.filter(Person.objects.published())
    queryset = queryset.order_by("family_name", "full_name", "pk")
    return paginate(request, queryset, filters, person_summary)


@router.get(
    "people/{slug}/",
    response={200: schemas.PersonDetail, 301: None, **BAD_OR_NOT_FOUND},
    url_name="api_person",
    tags=["profiles"],
)
def person(request: HttpRequest, slug: str):
    """A person with positions now and before, and the claims about them. A merged duplicate's
    slug answers 301 with the survivor's address."""
    queryset = prefetch_coverage(Person.objects.published().for_public_detail())
    found = profile_or_redirect(request, queryset, Person, slug, "person")
    if isinstance(found, HttpResponsePermanentRedirect):
        return found
    return person_detail(request, found)


def organization_summary(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    parent = organization.parent  # prefetched as published only (``with_public_parent``)
    return {
        "slug": organization.slug,
        "url": page_url(request, organization),
        "api_url": api_url(request, "organization", slug=organization.slug),
        "name": organization.name,
        "acronym": organization.acronym or None,
        "kind": organization.kind,
        "country": organization.country or None,
        "seats": organization.seats,
        "parent": {"name": str(parent), "url": page_url(request, parent)} if parent else None,
        "summary": organization.summary,
    }


def organization_detail(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    data = organization_summary(request, organization)
    data["current_members"] = [
        _position(request, m, who="person") for m in organization.current_members
    ]
    return data


class OrganizationFilters(ListParams):
    kind: OrganizationKind | None = None
    parent: str | None = Field(None, description="Directly under this organization (slug).")
    updated_since: Annotated[IsoDateTime | None, FilterLookup("updated_at__gte")] = Field(
        None, description="Changed at or after this time."
    )

    def filter_parent(self, slug: str | None) -> Q:
        return Q(parent__in=published_organizations(slug))


@router.get(
    "organizations/",
    response={200: schemas.Page[schemas.OrganizationSummary], **BAD_OR_NOT_FOUND},
    url_name="api_organizations",
    tags=["profiles"],
)
def organizations(request: HttpRequest, filters: Query[OrganizationFilters]):
    """Published organizations, by name."""
    queryset = filters.filter(Organization.objects.published().with_public_parent())
    return paginate(request, queryset.order_by("name", "pk"), filters, organization_summary)


@router.get(
    "organizations/{slug}/",
    response={200: schemas.OrganizationDetail, 301: None, **BAD_OR_NOT_FOUND},
    url_name="api_organization",
    tags=["profiles"],
)
def organization(request: HttpRequest, slug: str):
    """An organization with its current members by rank. A merged duplicate's slug answers
    301 with the survivor's address."""
    queryset = Organization.objects.published().for_public_detail()
    found = profile_or_redirect(request, queryset, Organization, slug, "organization")
    if isinstance(found, HttpResponsePermanentRedirect):
        return found
    return organization_detail(request, found)


def public_memberships():
    """Positions where readers may see both the person and the organization."""
    return Membership.objects.of_published_people().filter(organization__is_published=True)


def _membership(request: HttpRequest, membership: Membership) -> dict[str, Any]:
    data = _position(request, membership, who="person")
    data.update(
        id=membership.pk,
        api_url=api_url(request, "membership", pk=membership.pk),
        organization=named(request, membership.organization),
        current=membership.is_current,
    )
    return data


class MembershipFilters(ListParams):
    person: Annotated[str | None, FilterLookup("person__slug")] = Field(
        None, description="Held by this person (slug)."
    )
    organization: Annotated[str | None, FilterLookup("organization__slug")] = Field(
        None, description="In this organization (slug)."
    )
    current: Annotated[bool | None, FilterLookup("end_date__isnull")] = Field(
        None, description="true: held now; false: ended."
    )
    start_after: Annotated[IsoDate | None, FilterLookup("start_date__gte")] = Field(
        None, description="Started on or after this day."
    )
    start_before: Annotated[IsoDate | None, FilterLookup("start_date__lte")] = Field(
        None, description="Started on or before this day."
    )


@router.get(
    "memberships/",
    response={200: schemas.Page[schemas.Membership], **BAD_OR_NOT_FOUND},
    url_name="api_memberships",
    tags=["profiles"],
)
def memberships(request: HttpRequest, filters: Query[MembershipFilters]):
    """Positions people hold or held in organizations."""
    queryset = filters.filter(public_memberships())
    queryset = queryset.order_by("organization__name", "rank", "person__family_name", "pk")
    return paginate(request, queryset, filters, _membership)


@router.get(
    "memberships/{int:pk}/",
    response={200: schemas.Membership, **BAD_OR_NOT_FOUND},
    url_name="api_membership",
    tags=["profiles"],
)
def membership(request: HttpRequest, pk: int):
    """One position."""
    return _membership(request, get_or_404(request, public_memberships(), pk=pk))
