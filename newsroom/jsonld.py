"""schema.org JSON-LD for the editorial core's pages: NewsArticle and ClaimReview.

Builders read only what the page's QuerySet loaded; they return plain dicts that the
``jsonld`` template filter serialises.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from newsroom.models import Article, Claim


def publisher(request: HttpRequest) -> dict[str, Any]:
    """The newsroom itself, as publisher and fact-checker."""
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("newsroom:home")),
    }


def _claimant(claim: Claim, request: HttpRequest) -> dict[str, Any] | None:
    # Joined published or not (``ClaimQuerySet.with_claimants``): name only a public one.
    if claim.claimant_person is not None and claim.claimant_person.is_published:
        person = claim.claimant_person
        return {
            "@type": "Person",
            "name": person.full_name,
            "url": request.build_absolute_uri(person.get_absolute_url()),
        }
    if claim.claimant_organization is not None and claim.claimant_organization.is_published:
        org = claim.claimant_organization
        return {
            "@type": "Organization",
            "name": org.name,
            "url": request.build_absolute_uri(org.get_absolute_url()),
        }
    return None


def claim_review(claim: Claim, request: HttpRequest) -> dict[str, Any] | None:
    """ClaimReview for a claim with a standing verdict (load it with ``for_footnotes()``).

    None for a claim under review again: its last verdict rated other content, and a
    ClaimReview would present it as the rating of what the page now says.
    """
    if not claim.verdict_is_current:
        return None
    appearances = []
    for citation in claim.citations.all():
        source = citation.source
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
        if source.url:
            appearance["url"] = source.url
        if source.published_on:
            appearance["datePublished"] = source.published_on.isoformat()
        if source.publisher is not None and source.publisher.is_published:
            appearance["publisher"] = {"@type": "Organization", "name": source.publisher.name}
        appearances.append(appearance)
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    claimant = _claimant(claim, request)
    if claimant:
        item["author"] = claimant
    if claim.said_on:
        item["datePublished"] = claim.said_on.isoformat()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "claimReviewed": claim.statement,
        "author": publisher(request),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": claim.rating_value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.get_verdict_display(),
        },
        "itemReviewed": item,
    }
    if claim.reviewed_at:
        data["datePublished"] = claim.reviewed_at.isoformat()
    return data


def news_article(article: Article, request: HttpRequest) -> dict[str, Any]:
    """NewsArticle for a published article loaded with ``for_public_detail()``."""
    url = request.build_absolute_uri(article.get_absolute_url())
    modified = article.last_updated_at or article.published_at
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.bylines.all()
        ],
        "publisher": publisher(request),
        "isAccessibleForFree": True,
    }
    if article.lead_image_id:
        data["image"] = [request.build_absolute_uri(article.lead_image.file.url)]
    if article.section_id:
        data["articleSection"] = article.section.name
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    return {key: value for key, value in data.items() if value is not None}
