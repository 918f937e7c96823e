"""What the API's endpoint modules (claims, articles, profiles, events) share.

Every endpoint loads through the same QuerySet methods as the public pages (``published()``,
``public()``, ``for_public_detail()``…), so it sees exactly what anonymous readers see, and
runs a fixed number of queries whatever the data (tests/newsroom/api/test_api.py). Filters
take slugs and ISO 8601 dates; a filter naming an unknown or hidden record matches nothing.

Here: addresses, partial dates, names that link only when published, a record or its 404
(or, for a merged profile, its 301), and the claim and source summaries records embed."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from events.models import Event
from newsroom.api import schemas
from newsroom.api.paging import refuse_unknown
from newsroom.models import Claim, Source
from profiles.models import Organization, Person, merged_survivor

BAD_OR_NOT_FOUND = {400: schemas.Error, 404: schemas.Error}


def page_url(request: HttpRequest, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def api_url(request: HttpRequest, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(f"newsroom:api_{name}", kwargs=kwargs))


def partial_date(value, precision: str) -> dict | None:
    return {"date": value, "precision": precision} if value else None


def named(request: HttpRequest, obj) -> dict:
    return {"name": str(obj), "url": page_url(request, obj) if obj.is_published else None}


def get_or_404(request: HttpRequest, queryset, **lookup):
    refuse_unknown(request)
    return get_object_or_404(queryset, **lookup)


def profile_or_redirect(request: HttpRequest, queryset, model, slug: str, name: str):
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


def published_people(slug: str):
    return Person.objects.published().filter(slug=slug)


def published_organizations(slug: str):
    return Organization.objects.published().filter(slug=slug)


def published_events(slug: str):
    return Event.objects.published().filter(slug=slug)


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
        "url": page_url(request, claim),
        "api_url": api_url(request, "claim", slug=claim.slug),
        "statement": claim.statement,
        "kind": claim.kind,
        "claimant": {"name": str(claimant), "url": page_url(request, claimant)}
        if claimant
        else None,
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
        "page": page_url(request, source),
        "api_url": api_url(request, "source", pk=source.pk),
    }
