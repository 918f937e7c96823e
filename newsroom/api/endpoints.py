"""The API's endpoints: lists and details of what the public site shows.

Every endpoint loads through the same QuerySet methods as the public pages (``published()``,
``public()``, ``for_public_detail()``…), so it sees exactly what anonymous readers see, and
runs a fixed number of queries whatever the data (tests/newsroom/api/test_queries.py).
Filters take slugs and ISO dates; a published-profile filter with an unknown or hidden slug
simply matches nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router
from pydantic import Field

from events.models import Event, EventKind, EventStatus, Participation
from newsroom.actions import stored_body
from newsroom.api import schemas
from newsroom.api.paging import IsoDate, IsoDateTime, ListParams, aware, paginate, refuse_unknown
from newsroom.coverage import prefetch_coverage
from newsroom.models import (
    Article,
    ArticleKind,
    Citation,
    Claim,
    ClaimKind,
    Correction,
    CorrectionKind,
    Source,
    SourceKind,
    Verdict,
)
from profiles.models import Membership, Organization, OrganizationKind, Person, merged_survivor

router = Router()

NOT_FOUND = {404: schemas.Error}
BAD_OR_NOT_FOUND = {400: schemas.Error, 404: schemas.Error}


def _url(request: HttpRequest, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def api_url(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(f"newsroom:api_{name}", kwargs=kwargs))


def _partial(value, precision: str) -> dict | None:
    return {"date": value, "precision": precision} if value else None


def _named(request: HttpRequest, obj) -> dict:
    return {"name": str(obj), "url": _url(request, obj) if obj.is_published else None}


def _detail(request: HttpRequest, queryset, **lookup):
    refuse_unknown(request)
    return get_object_or_404(queryset, **lookup)


def _profile_or_redirect(request: HttpRequest, queryset, model, slug: str, name: str):
    """The published profile with ``slug``, or a 301 to the survivor's API address when it
    was merged into another (as the HTML pages answer), or a 404."""
    refuse_unknown(request)
    obj = queryset.filter(slug=slug).first()
    if obj is not None:
        return obj
    survivor = merged_survivor(model, slug)
    if survivor is None:
        raise Http404(f"No {model._meta.verbose_name} with the slug {slug!r}.")
    return HttpResponsePermanentRedirect(reverse(f"newsroom:api_{name}", args=[survivor.slug]))


def _published_people(slug: str):
    return Person.objects.published().filter(slug=slug)


def _published_organizations(slug: str):
    return Organization.objects.published().filter(slug=slug)


def _published_events(slug: str):
    return Event.objects.published().filter(slug=slug)


# ---------------------------------------------------------------------------------------------
# Claims


def claim_summary(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    # Joined published or not (``ClaimQuerySet.with_claimants``): name only a public one.
    claimant = next(
        (
            who
            for who in (claim.claimant_person, claim.claimant_organization)
            if who and who.is_published
        ),
        None,
    )
    current = claim.verdict_is_current
    return {
        "slug": claim.slug,
        "url": _url(request, claim),
        "api_url": api_url(request, "claim", slug=claim.slug),
        "statement": claim.statement,
        "kind": claim.kind,
        "claimant": {"name": str(claimant), "url": _url(request, claimant)} if claimant else None,
        "said_on": claim.said_on,
        # A reopened claim's verdict rated an earlier version: it is only ever "previous".
        "under_review_again": not current,
        "verdict": claim.verdict if current else None,
        "verdict_label": claim.get_verdict_display() if current else None,
        "previous_verdict": None if current else claim.verdict,
        "rating": claim.rating_value if current else None,
        "reviewed_at": claim.reviewed_at,
        "contested": bool(getattr(claim, "is_contested", False)),
    }


def cited_source(request: HttpRequest, source: Source) -> dict[str, Any]:
    publisher = source.publisher
    return {
        "id": source.pk,
        "title": source.title,
        "kind": source.kind,
        "publisher": str(publisher) if publisher and publisher.is_published else None,
        "url": source.url or None,
        "published_on": source.published_on,
        "page": _url(request, source),
        "api_url": api_url(request, "source", pk=source.pk),
    }


def claim_detail(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    data = claim_summary(request, claim)
    data.update(
        rationale=claim.rationale,
        citations=[
            {
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
    said_after: IsoDate | None = Field(None, description="Said on or after this day.")
    said_before: IsoDate | None = Field(None, description="Said on or before this day.")
    reviewed_after: IsoDate | None = Field(None, description="Rated on or after this day.")
    reviewed_before: IsoDate | None = Field(None, description="Rated on or before this day.")
    updated_since: IsoDateTime | None = Field(None, description="Changed at or after this time.")


def filter_claims(claims, f: ClaimFilters):
    if f.person:
        people = _published_people(f.person)
        claims = claims.filter(
            Q(claimant_person__in=people) | Q(pk__in=Claim.objects.filter(about_people__in=people))
        )
    if f.organization:
        orgs = _published_organizations(f.organization)
        claims = claims.filter(
            Q(claimant_organization__in=orgs)
            | Q(pk__in=Claim.objects.filter(about_organizations__in=orgs))
        )
    if f.event:
        events = _published_events(f.event)
        claims = claims.filter(
            Q(said_at_event__in=events) | Q(pk__in=Claim.objects.filter(about_events__in=events))
        )
    if f.verdict:
        claims = claims.filter(verdict=f.verdict)
    if f.kind:
        claims = claims.filter(kind=f.kind)
    if f.said_after:
        claims = claims.filter(said_on__gte=f.said_after)
    if f.said_before:
        claims = claims.filter(said_on__lte=f.said_before)
    if f.reviewed_after:
        claims = claims.filter(reviewed_at__date__gte=f.reviewed_after)
    if f.reviewed_before:
        claims = claims.filter(reviewed_at__date__lte=f.reviewed_before)
    if f.updated_since:
        claims = claims.filter(updated_at__gte=aware(f.updated_since))
    return claims


@router.get(
    "claims/",
    response={200: schemas.Page[schemas.ClaimSummary], **BAD_OR_NOT_FOUND},
    url_name="api_claims",
    tags=["claims"],
)
def claims(request: HttpRequest, filters: Query[ClaimFilters]):
    """Reviewed claims with their verdicts, most recently rated first."""
    queryset = filter_claims(Claim.objects.public().for_listing(), filters)
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
        request, _detail(request, Claim.objects.public().for_public_detail(), slug=slug)
    )


# ---------------------------------------------------------------------------------------------
# Articles


def article_summary(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "url": _url(request, article),
        "api_url": api_url(request, "article", slug=article.slug),
        "headline": article.headline,
        "standfirst": article.standfirst,
        "kind": article.kind,
        "section": article.section.name if article.section else None,
        "bylines": [author.name for author in article.bylines.all()],
        "published_at": article.first_published_at or article.published_at,
        "updated_at": article.last_updated_at,
    }


def article_detail(request: HttpRequest, article: Article) -> dict[str, Any]:
    data = article_summary(request, article)
    data.update(
        # Rendered, never the raw body: its references name records readers may not see.
        body_html=stored_body(article).body_html,
        claims=[claim_summary(request, claim) for claim in article.public_claims],
        corrections=[
            {"kind": c.kind, "text": c.text, "at": c.created_at} for c in article.corrections.all()
        ],
        tags=[tag.name for tag in article.tags.all()],
    )
    return data


class ArticleFilters(ListParams):
    person: str | None = Field(None, description="Naming this person (slug).")
    organization: str | None = Field(None, description="Naming this organization (slug).")
    event: str | None = Field(None, description="About this event (slug).")
    kind: ArticleKind | None = None
    published_after: IsoDate | None = Field(None, description="Published on or after this day.")
    published_before: IsoDate | None = Field(None, description="Published on or before this day.")
    updated_since: IsoDateTime | None = Field(
        None, description="Published or updated at or after this time."
    )


@router.get(
    "articles/",
    response={200: schemas.Page[schemas.ArticleSummary], **BAD_OR_NOT_FOUND},
    url_name="api_articles",
    tags=["articles"],
)
def articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Published articles, newest first."""
    f = filters
    queryset = Article.objects.published().for_listing()
    if f.person:
        queryset = queryset.filter(
            pk__in=Article.objects.filter(related_people__in=_published_people(f.person))
        )
    if f.organization:
        queryset = queryset.filter(
            pk__in=Article.objects.filter(
                related_organizations__in=_published_organizations(f.organization)
            )
        )
    if f.event:
        queryset = queryset.filter(
            pk__in=Article.objects.filter(related_events__in=_published_events(f.event))
        )
    if f.kind:
        queryset = queryset.filter(kind=f.kind)
    if f.published_after:
        queryset = queryset.filter(published_at__date__gte=f.published_after)
    if f.published_before:
        queryset = queryset.filter(published_at__date__lte=f.published_before)
    if f.updated_since:
        queryset = queryset.alias(changed=Coalesce("last_updated_at", "published_at")).filter(
            changed__gte=aware(f.updated_since)
        )
    return paginate(request, queryset.order_by("-published_at", "-pk"), f, article_summary)


@router.get(
    "articles/{slug}/",
    response={200: schemas.ArticleDetail, **BAD_OR_NOT_FOUND},
    url_name="api_article",
    tags=["articles"],
)
def article(request: HttpRequest, slug: str):
    """A published article: its rendered body, the claims it cites, its corrections."""
    queryset = Article.objects.published().for_public_detail().with_public_claims()
    return article_detail(request, _detail(request, queryset, slug=slug))


# ---------------------------------------------------------------------------------------------
# Corrections


def _correction(request: HttpRequest, correction: Correction) -> dict[str, Any]:
    article = correction.article
    return {
        "id": correction.pk,
        "api_url": api_url(request, "correction", pk=correction.pk),
        "url": _url(request, correction),
        "kind": correction.kind,
        "text": correction.text,
        "at": correction.created_at,
        "article": {
            "slug": article.slug,
            "headline": article.headline,
            "url": _url(request, article),
            "api_url": api_url(request, "article", slug=article.slug),
        },
    }


def _public_corrections():
    return Correction.objects.filter(article__in=Article.objects.published()).select_related(
        "article"
    )


class CorrectionFilters(ListParams):
    article: str | None = Field(None, description="To this article (slug).")
    kind: CorrectionKind | None = None
    since: IsoDateTime | None = Field(None, description="Appended at or after this time.")


@router.get(
    "corrections/",
    response={200: schemas.Page[schemas.Correction], **BAD_OR_NOT_FOUND},
    url_name="api_corrections",
    tags=["articles"],
)
def corrections(request: HttpRequest, filters: Query[CorrectionFilters]):
    """Every correction, clarification and update to a live article, newest first."""
    queryset = _public_corrections()
    if filters.article:
        queryset = queryset.filter(article__slug=filters.article)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.since:
        queryset = queryset.filter(created_at__gte=aware(filters.since))
    return paginate(request, queryset.order_by("-created_at", "-pk"), filters, _correction)


@router.get(
    "corrections/{int:pk}/",
    response={200: schemas.Correction, **BAD_OR_NOT_FOUND},
    url_name="api_correction",
    tags=["articles"],
)
def correction(request: HttpRequest, pk: int):
    """One correction."""
    return _correction(request, _detail(request, _public_corrections(), pk=pk))


# ---------------------------------------------------------------------------------------------
# People, organizations, memberships


def _position(request: HttpRequest, membership: Membership, *, who: str) -> dict[str, Any]:
    other = membership.person if who == "person" else membership.organization
    return {
        who: _named(request, other),
        "role": membership.role,
        "rank": membership.rank,
        "rank_of": membership.organization.seats if membership.rank else None,
        "start": _partial(membership.start_date, membership.start_precision),
        "end": _partial(membership.end_date, membership.end_precision),
        "note": membership.note,
    }


def person_summary(request: HttpRequest, person: Person) -> dict[str, Any]:
    return {
        "slug": person.slug,
        "url": _url(request, person),
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
        birth_date=_partial(person.birth_date, person.birth_date_precision),
        birthplace=person.birthplace or None,
        wikidata_id=person.wikidata_id or None,
        **positions,
        claims_about=[claim_summary(request, c) for c in person.public_claims],
    )
    return data


class PersonFilters(ListParams):
    organization: str | None = Field(None, description="Holding a position there now (slug).")
    updated_since: IsoDateTime | None = Field(None, description="Changed at or after this time.")


@router.get(
    "people/",
    response={200: schemas.Page[schemas.PersonSummary], **BAD_OR_NOT_FOUND},
    url_name="api_people",
    tags=["profiles"],
)
def people(request: HttpRequest, filters: Query[PersonFilters]):
    """Published people, by family name."""
    queryset = Person.objects.published()
    if filters.organization:
        queryset = queryset.filter(
            Exists(
                Membership.objects.current().filter(
                    person=OuterRef("pk"),
                    organization__in=_published_organizations(filters.organization),
                )
            )
        )
    if filters.updated_since:
        queryset = queryset.filter(updated_at__gte=aware(filters.updated_since))
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
    found = _profile_or_redirect(request, queryset, Person, slug, "person")
    if isinstance(found, HttpResponsePermanentRedirect):
        return found
    return person_detail(request, found)


def organization_summary(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    parent = organization.parent  # prefetched as published only (``with_public_parent``)
    return {
        "slug": organization.slug,
        "url": _url(request, organization),
        "api_url": api_url(request, "organization", slug=organization.slug),
        "name": organization.name,
        "acronym": organization.acronym or None,
        "kind": organization.kind,
        "country": organization.country or None,
        "seats": organization.seats,
        "parent": {"name": str(parent), "url": _url(request, parent)} if parent else None,
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
    updated_since: IsoDateTime | None = Field(None, description="Changed at or after this time.")


@router.get(
    "organizations/",
    response={200: schemas.Page[schemas.OrganizationSummary], **BAD_OR_NOT_FOUND},
    url_name="api_organizations",
    tags=["profiles"],
)
def organizations(request: HttpRequest, filters: Query[OrganizationFilters]):
    """Published organizations, by name."""
    queryset = Organization.objects.published().with_public_parent()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.parent:
        queryset = queryset.filter(parent__in=_published_organizations(filters.parent))
    if filters.updated_since:
        queryset = queryset.filter(updated_at__gte=aware(filters.updated_since))
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
    found = _profile_or_redirect(request, queryset, Organization, slug, "organization")
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
        organization=_named(request, membership.organization),
        current=membership.is_current,
    )
    return data


class MembershipFilters(ListParams):
    person: str | None = Field(None, description="Held by this person (slug).")
    organization: str | None = Field(None, description="In this organization (slug).")
    current: bool | None = Field(None, description="true: held now; false: ended.")
    start_after: IsoDate | None = Field(None, description="Started on or after this day.")
    start_before: IsoDate | None = Field(None, description="Started on or before this day.")


@router.get(
    "memberships/",
    response={200: schemas.Page[schemas.Membership], **BAD_OR_NOT_FOUND},
    url_name="api_memberships",
    tags=["profiles"],
)
def memberships(request: HttpRequest, filters: Query[MembershipFilters]):
    """Positions people hold or held in organizations."""
    f = filters
    queryset = public_memberships()
    if f.person:
        queryset = queryset.filter(person__slug=f.person)
    if f.organization:
        queryset = queryset.filter(organization__slug=f.organization)
    if f.current is not None:
        queryset = queryset.filter(end_date__isnull=f.current)
    if f.start_after:
        queryset = queryset.filter(start_date__gte=f.start_after)
    if f.start_before:
        queryset = queryset.filter(start_date__lte=f.start_before)
    queryset = queryset.order_by("organization__name", "rank", "person__family_name", "pk")
    return paginate(request, queryset, f, _membership)


@router.get(
    "memberships/{int:pk}/",
    response={200: schemas.Membership, **BAD_OR_NOT_FOUND},
    url_name="api_membership",
    tags=["profiles"],
)
def membership(request: HttpRequest, pk: int):
    """One position."""
    return _membership(request, _detail(request, public_memberships(), pk=pk))


# ---------------------------------------------------------------------------------------------
# Events


def event_summary(request: HttpRequest, event: Event) -> dict[str, Any]:
    replaced_by = event.replaced_by  # prefetched as published only (``with_public_links``)
    return {
        "slug": event.slug,
        "url": _url(request, event),
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
        "replaced_by": {"title": replaced_by.title, "url": _url(request, replaced_by)}
        if replaced_by
        else None,
    }


def event_detail(request: HttpRequest, event: Event) -> dict[str, Any]:
    data = event_summary(request, event)
    data.update(
        summary=event.summary,
        parent={"title": event.parent.title, "url": _url(request, event.parent)}
        if event.parent
        else None,
        participants=[
            {
                "person": _named(request, p.person),
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
    start_after: IsoDate | None = Field(None, description="Starting on or after this day.")
    start_before: IsoDate | None = Field(None, description="Starting on or before this day.")
    updated_since: IsoDateTime | None = Field(None, description="Changed at or after this time.")


@router.get(
    "events/",
    response={200: schemas.Page[schemas.EventSummary], **BAD_OR_NOT_FOUND},
    url_name="api_events",
    tags=["events"],
)
def events(request: HttpRequest, filters: Query[EventFilters]):
    """Published events, latest first."""
    f = filters
    queryset = Event.objects.published().for_listing()
    if f.person:
        queryset = queryset.filter(
            Exists(
                Participation.objects.filter(
                    event=OuterRef("pk"), person__in=_published_people(f.person)
                )
            )
        )
    if f.organization:
        orgs = _published_organizations(f.organization)
        queryset = queryset.filter(
            Q(organizer__in=orgs)
            | Exists(Participation.objects.filter(event=OuterRef("pk"), organization__in=orgs))
        )
    if f.kind:
        queryset = queryset.filter(kind=f.kind)
    if f.status:
        queryset = queryset.filter(status=f.status)
    if f.start_after:
        queryset = queryset.filter(starts_at__date__gte=f.start_after)
    if f.start_before:
        queryset = queryset.filter(starts_at__date__lte=f.start_before)
    if f.updated_since:
        queryset = queryset.filter(updated_at__gte=aware(f.updated_since))
    queryset = queryset.order_by("-starts_at", "-pk")
    return paginate(request, queryset, f, event_summary)


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
    return event_detail(request, _detail(request, queryset, slug=slug))


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
                "url": _url(request, citation.claim),
                "api_url": api_url(request, "claim", slug=citation.claim.slug),
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
    published_after: IsoDate | None = Field(None, description="Published on or after this day.")
    published_before: IsoDate | None = Field(None, description="Published on or before this day.")


@router.get(
    "sources/",
    response={200: schemas.Page[schemas.SourceSummary], **BAD_OR_NOT_FOUND},
    url_name="api_sources",
    tags=["claims"],
)
def sources(request: HttpRequest, filters: Query[SourceFilters]):
    """Sources that public claims cite, newest first."""
    f = filters
    queryset = Source.objects.public().prefetch_related(
        Prefetch("publisher", queryset=Organization.objects.published())
    )
    if f.organization:
        queryset = queryset.filter(publisher__in=_published_organizations(f.organization))
    if f.kind:
        queryset = queryset.filter(kind=f.kind)
    if f.claim:
        queryset = queryset.filter(
            Exists(
                Citation.objects.filter(
                    source=OuterRef("pk"), claim__in=Claim.objects.public().filter(slug=f.claim)
                )
            )
        )
    if f.published_after:
        queryset = queryset.filter(published_on__gte=f.published_after)
    if f.published_before:
        queryset = queryset.filter(published_on__lte=f.published_before)
    queryset = queryset.order_by("-published_on", "title", "pk")
    return paginate(request, queryset, f, source_summary)


@router.get(
    "sources/{int:pk}/",
    response={200: schemas.SourceDetail, **BAD_OR_NOT_FOUND},
    url_name="api_source",
    tags=["claims"],
)
def source(request: HttpRequest, pk: int):
    """A source and the public claims that cite it."""
    return source_detail(
        request, _detail(request, Source.objects.public().for_public_detail(), pk=pk)
    )
