"""schema.org JSON-LD for the editorial core's pages: NewsArticle, ClaimReview, a source, the
site and its lists.

Builders read only what the page's QuerySet loaded; they return plain dicts that the
``jsonld`` template filter serialises. ``claim_review`` is public for other callers too (a
ClaimReview feed builds one per claim with it).

What machine readers are told must hold as the page does: a ClaimReview names as the claim's
appearances only the sources where it was made (``Citation.role``), never the evidence that
contradicts it; a verdict without a place on the scale ("unverifiable") has no number; dates
are no more precise than they are known (``profiles.partial_dates.iso_partial_date``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from newsroom.models import Article, CitationRole, Claim, Source

# The brand images (``tools/brand_images.py`` draws them) and their sizes, which Google
# wants for a publisher's logo and an article's image.
LOGO = ("brand/logo.png", 600, 60)
SHARE_IMAGE = ("brand/share.png", 1200, 630)
# Google shows at most this many characters of a NewsArticle's headline.
HEADLINE_MAX = 110


def _image(request: HttpRequest, path: str, width: int, height: int) -> dict[str, Any]:
    return {
        "@type": "ImageObject",
        "url": request.build_absolute_uri(static(path)),
        "width": width,
        "height": height,
    }


def default_image(request: HttpRequest) -> dict[str, Any]:
    """The share image a page without one of its own is shown with."""
    return _image(request, *SHARE_IMAGE)


def publisher(request: HttpRequest) -> dict[str, Any]:
    """The newsroom itself, as publisher and fact-checker, with its logo."""
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("newsroom:home")),
        "logo": _image(request, *LOGO),
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


def _source_work(source: Source, request: HttpRequest) -> dict[str, Any]:
    """A source as a CreativeWork: its own address when we have one, else our page holding
    its archived copy (which names the original)."""
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": source.title,
        "url": source.url or request.build_absolute_uri(source.get_absolute_url()),
    }
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.publisher is not None and source.publisher.is_published:
        work["publisher"] = {"@type": "Organization", "name": source.publisher.name}
    return work


def _first_appearance(appearances: list[tuple[Source, dict[str, Any]]]) -> dict | None:
    """The earliest dated appearance; an undated one only when it is the only one known."""
    dated = [(source.published_on, work) for source, work in appearances if source.published_on]
    if dated:
        return min(dated, key=lambda pair: pair[0])[1]
    return appearances[0][1] if len(appearances) == 1 else None


def rating(claim: Claim) -> dict[str, Any]:
    """The verdict as a Rating: on the 1-to-5 scale, except "unverifiable", which has no place
    on it (a 3 would put it between misleading and mostly accurate) and is named only."""
    data: dict[str, Any] = {"@type": "Rating", "alternateName": claim.get_verdict_display()}
    if claim.rating_value is not None:
        data.update(ratingValue=claim.rating_value, bestRating=5, worstRating=1)
    return data


def claim_review(claim: Claim, request: HttpRequest) -> dict[str, Any] | None:
    """ClaimReview for a claim with a standing verdict (load it with ``for_footnotes()``).

    None for a claim under review again: its last verdict rated other content, and a
    ClaimReview would present it as the rating of what the page now says. The claim's
    appearances are its citations marked as where it was made; evidence for or against it is
    not where it appeared.
    """
    if not claim.verdict_is_current:
        return None
    appearances = [
        (citation.source, _source_work(citation.source, request))
        for citation in claim.citations.all()
        if citation.role == CitationRole.APPEARANCE
    ]
    item: dict[str, Any] = {"@type": "Claim"}
    claimant = _claimant(claim, request)
    if claimant:
        item["author"] = claimant
    if claim.said_on:
        item["datePublished"] = claim.said_on.isoformat()
    if appearances:
        item["appearance"] = [work for _, work in appearances]
        first = _first_appearance(appearances)
        if first is not None:
            item["firstAppearance"] = first
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "claimReviewed": claim.statement,
        "author": publisher(request),
        "reviewRating": rating(claim),
        "itemReviewed": item,
    }
    if claim.reviewed_at:
        data["datePublished"] = claim.reviewed_at.date().isoformat()
    return data


def _instant(value) -> str | None:
    """A moment to the second: sub-second digits say nothing a reader or crawler needs."""
    return value.replace(microsecond=0).isoformat() if value else None


def news_article(article: Article, request: HttpRequest) -> dict[str, Any]:
    """NewsArticle for a published article loaded with ``for_public_detail()``.

    Google's fields: headline (at most 110 characters), image (the lead image, else the site's
    share image), datePublished and dateModified, author (the bylines; the newsroom when there
    are none) and publisher with its logo.
    """
    url = request.build_absolute_uri(article.get_absolute_url())
    modified = article.last_updated_at or article.published_at
    headline = article.headline
    if len(headline) > HEADLINE_MAX:
        headline = f"{headline[: HEADLINE_MAX - 1].rstrip()}…"
    authors = [
        {
            "@type": "Person",
            "name": author.name,
            "url": request.build_absolute_uri(author.get_absolute_url()),
        }
        for author in article.bylines.all()
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": article.standfirst or None,
        "datePublished": _instant(article.published_at),
        "dateModified": _instant(modified),
        "author": authors or [publisher(request)],
        "publisher": publisher(request),
        "isAccessibleForFree": True,
    }
    lead = article.lead_image if article.lead_image_id else None
    if lead is not None:
        image: dict[str, Any] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(lead.file.url),
        }
        if lead.width and lead.height:
            image.update(width=lead.width, height=lead.height)
        data["image"] = [image]
    else:
        data["image"] = [default_image(request)]
    if article.section_id:
        data["articleSection"] = article.section.name
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    return {key: value for key, value in data.items() if value is not None}


def source_work(source: Source, request: HttpRequest) -> dict[str, Any]:
    """A source's page: the work we archived, with the original's address as ``sameAs``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        **_source_work(source, request),
        "url": request.build_absolute_uri(source.get_absolute_url()),
    }
    if source.url:
        data["sameAs"] = source.url
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if source.language:
        data["inLanguage"] = source.language
    return data


def website(request: HttpRequest) -> dict[str, Any]:
    """The home page: the site, published by the newsroom."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("newsroom:home")),
        "publisher": publisher(request),
        "image": default_image(request),
    }
