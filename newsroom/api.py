"""A read-only JSON API for machine readers: what the public site shows, as data.

Plain Django views returning JSON: the API only reads, and every endpoint loads through the
same QuerySet methods as the pages, so it sees exactly what anonymous readers see and runs a
fixed number of queries. Lists are paginated (``?page=N``, ``next``/``previous`` links).

Errors are JSON too, ``{"error": "..."}``: 400 for a parameter that is not valid (a page that
is not a whole number from 1), 404 for an unknown record, page or address.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from events.models import Event
from newsroom.actions import stored_body
from newsroom.coverage import prefetch_coverage
from newsroom.models import Article, Claim
from profiles.models import Membership, Organization, Person

PAGE_SIZE = 50


def _url(request: HttpRequest, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def _api(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(f"newsroom:api_{name}", kwargs=kwargs))


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _partial(value, precision: str) -> dict | None:
    return {"date": value.isoformat(), "precision": precision} if value else None


def _respond(data: dict | list) -> JsonResponse:
    response = JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


class BadParameter(Exception):
    """A query parameter the API cannot use; answered with 400 and the message."""


def _error(status: int, message: str) -> JsonResponse:
    response = _respond({"error": message})
    response.status_code = status
    return response


def api_view(view):
    """A GET-only API view whose errors are JSON: 400 for a bad parameter, 404 for a miss."""

    @require_GET
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return _error(400, str(error))
        except Http404 as error:
            return _error(404, str(error) or "Not found.")

    return wrapper


_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")  # ASCII digits only; int() also takes "１２"


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not _PAGE_NUMBER.fullmatch(raw):
        if re.fullmatch(r"[0-9]+", raw) and raw.strip("0"):
            raise Http404("No such page.")  # a whole number, just far beyond the last page
        raise BadParameter("page must be a whole number from 1.")
    return int(raw)


def _paginated(request: HttpRequest, queryset: QuerySet, render) -> JsonResponse:
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(_page_number(request))
    except EmptyPage as error:
        raise Http404(f"No such page: {error}") from error

    def link(number: int | None) -> str | None:
        if number is None:
            return None
        return request.build_absolute_uri(f"{request.path}?page={number}")

    return _respond(
        {
            "count": paginator.count,
            "next": link(page.next_page_number() if page.has_next() else None),
            "previous": link(page.previous_page_number() if page.has_previous() else None),
            "results": [render(request, obj) for obj in page.object_list],
        }
    )


# ---------------------------------------------------------------------------------------------
# Representations


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
    return {
        "slug": claim.slug,
        "url": _url(request, claim),
        "api_url": _api(request, "claim", slug=claim.slug),
        "statement": claim.statement,
        "kind": claim.kind,
        "claimant": {"name": str(claimant), "url": _url(request, claimant)} if claimant else None,
        "said_on": _iso(claim.said_on),
        # A reopened claim's verdict rated an earlier version: it is only ever "previous".
        "under_review_again": not claim.verdict_is_current,
        "verdict": claim.verdict if claim.verdict_is_current else None,
        "verdict_label": claim.get_verdict_display() if claim.verdict_is_current else None,
        "previous_verdict": None if claim.verdict_is_current else claim.verdict,
        "rating": claim.rating_value if claim.verdict_is_current else None,
        "reviewed_at": _iso(claim.reviewed_at),
        "contested": bool(getattr(claim, "is_contested", False)),
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
                "source": {
                    "title": citation.source.title,
                    "kind": citation.source.kind,
                    "publisher": str(citation.source.publisher)
                    if citation.source.publisher and citation.source.publisher.is_published
                    else None,
                    "url": citation.source.url or None,
                    "published_on": _iso(citation.source.published_on),
                    "page": _url(request, citation.source),
                },
            }
            for citation in claim.citations.all()
        ],
        verdict_history=[
            {
                "at": _iso(event.created_at),
                "status": event.to_status,
                "verdict": event.verdict or None,
            }
            for event in claim.verdict_history
        ],
    )
    return data


def article_summary(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "url": _url(request, article),
        "api_url": _api(request, "article", slug=article.slug),
        "headline": article.headline,
        "standfirst": article.standfirst,
        "kind": article.kind,
        "section": article.section.name if article.section else None,
        "bylines": [author.name for author in article.bylines.all()],
        "published_at": _iso(article.first_published_at or article.published_at),
        "updated_at": _iso(article.last_updated_at),
    }


def article_detail(request: HttpRequest, article: Article) -> dict[str, Any]:
    data = article_summary(request, article)
    data.update(
        # Rendered, never the raw body: its references name records readers may not see.
        body_html=stored_body(article).body_html,
        claims=[claim_summary(request, claim) for claim in article.public_claims],
        corrections=[
            {"kind": c.kind, "text": c.text, "at": _iso(c.created_at)}
            for c in article.corrections.all()
        ],
        tags=[tag.name for tag in article.tags.all()],
    )
    return data


def _position(request: HttpRequest, membership: Membership, *, who: str) -> dict[str, Any]:
    other = membership.person if who == "person" else membership.organization
    return {
        who: {"name": str(other), "url": _url(request, other) if other.is_published else None},
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
        "api_url": _api(request, "person", slug=person.slug),
        "full_name": person.full_name,
        "native_name": person.native_name or None,
        "summary": person.summary,
    }


def person_detail(request: HttpRequest, person: Person) -> dict[str, Any]:
    data = person_summary(request, person)
    data.update(
        given_name=person.given_name,
        family_name=person.family_name,
        name_order=person.name_order,
        aliases=person.alias_list,
        birth_date=_partial(person.birth_date, person.birth_date_precision),
        birthplace=person.birthplace or None,
        wikidata_id=person.wikidata_id or None,
        current_positions=[
            _position(request, m, who="organization") for m in person.current_positions
        ],
        earlier_positions=[
            _position(request, m, who="organization") for m in person.earlier_positions
        ],
        claims_about=[claim_summary(request, c) for c in person.public_claims],
    )
    return data


def organization_detail(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    return {
        "slug": organization.slug,
        "url": _url(request, organization),
        "name": organization.name,
        "acronym": organization.acronym or None,
        "kind": organization.kind,
        "country": organization.country or None,
        "seats": organization.seats,
        "parent": {"name": str(organization.parent), "url": _url(request, organization.parent)}
        if organization.parent and organization.parent.is_published
        else None,
        "summary": organization.summary,
        "current_members": [
            _position(request, m, who="person") for m in organization.current_members
        ],
    }


def event_summary(request: HttpRequest, event: Event) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "url": _url(request, event),
        "api_url": _api(request, "event", slug=event.slug),
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "status_reason": event.status_reason or None,
        "starts_at": _iso(event.local_starts_at),
        "start_precision": event.start_precision,
        "ends_at": _iso(event.local_ends_at),
        "end_precision": event.end_precision,
        "place": {"name": event.place.name, "time_zone": event.place.time_zone}
        if event.place
        else None,
        "replaced_by": {"title": event.replaced_by.title, "url": _url(request, event.replaced_by)}
        if event.replaced_by and event.replaced_by.is_published
        else None,
    }


def event_detail(request: HttpRequest, event: Event) -> dict[str, Any]:
    data = event_summary(request, event)
    data.update(
        summary=event.summary,
        parent={"title": event.parent.title, "url": _url(request, event.parent)}
        if event.parent and event.parent.is_published
        else None,
        participants=[
            {
                "person": {"name": str(p.person), "url": _url(request, p.person)},
                "role": p.role,
                "representing": str(p.organization) if p.organization else None,
            }
            for p in event.public_participations
        ],
        claims_about=[claim_summary(request, c) for c in event.public_claims],
    )
    return data


# ---------------------------------------------------------------------------------------------
# Views


@api_view
def index(request: HttpRequest) -> JsonResponse:
    """/api/: where everything is."""
    return _respond(
        {
            "articles": _api(request, "articles"),
            "claims": _api(request, "claims"),
            "people": _api(request, "people"),
            "events": _api(request, "events"),
        }
    )


@api_view
def articles(request: HttpRequest) -> JsonResponse:
    queryset = Article.objects.published().for_listing().order_by("-published_at", "-pk")
    return _paginated(request, queryset, article_summary)


@api_view
def article(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(
        Article.objects.published().for_public_detail().with_public_claims(), slug=slug
    )
    return _respond(article_detail(request, obj))


@api_view
def claims(request: HttpRequest) -> JsonResponse:
    queryset = Claim.objects.public().for_listing().order_by("-reviewed_at", "-pk")
    return _paginated(request, queryset, claim_summary)


@api_view
def claim(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(Claim.objects.public().for_public_detail(), slug=slug)
    return _respond(claim_detail(request, obj))


@api_view
def people(request: HttpRequest) -> JsonResponse:
    queryset = Person.objects.published().order_by("family_name", "full_name", "pk")
    return _paginated(request, queryset, person_summary)


@api_view
def person(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(
        prefetch_coverage(Person.objects.published().for_public_detail()), slug=slug
    )
    return _respond(person_detail(request, obj))


@api_view
def organization(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(Organization.objects.published().for_public_detail(), slug=slug)
    return _respond(organization_detail(request, obj))


@api_view
def events(request: HttpRequest) -> JsonResponse:
    queryset = Event.objects.published().for_listing().order_by("-starts_at", "-pk")
    return _paginated(request, queryset, event_summary)


@api_view
def event(request: HttpRequest, slug: str) -> JsonResponse:
    obj = get_object_or_404(
        prefetch_coverage(
            Event.objects.published().for_public_detail(), claims_made="claims_made_at"
        ),
        slug=slug,
    )
    return _respond(event_detail(request, obj))


@api_view
def not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """Any other address under /api/: a JSON 404, like the API's other misses."""
    raise Http404(f"No API endpoint at /api/{rest}")
