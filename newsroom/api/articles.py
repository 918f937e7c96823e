"""The articles and corrections endpoints: published articles with their rendered bodies,
and every correction to a live article."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from ninja import FilterLookup, Query, Router
from pydantic import Field

from newsroom.actions import stored_body
from newsroom.api import schemas
from newsroom.api.common import (
    BAD_OR_NOT_FOUND,
    api_url,
    claim_summary,
    get_or_404,
    page_url,
    published_events,
    published_organizations,
    published_people,
)
from newsroom.api.paging import IsoDate, IsoDateTime, ListParams, paginate
from newsroom.models import Article, ArticleKind, Correction, CorrectionKind

router = Router(tags=["articles"])


def article_summary(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "url": page_url(request, article),
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
    published_after: Annotated[IsoDate | None, FilterLookup("published_at__date__gte")] = Field(
        None, description="Published on or after this day."
    )
    published_before: Annotated[IsoDate | None, FilterLookup("published_at__date__lte")] = Field(
        None, description="Published on or before this day."
    )
    # ``changed``: the articles() queryset's alias for the last update, else the publication.
    updated_since: Annotated[IsoDateTime | None, FilterLookup("changed__gte")] = Field(
        None, description="Published or updated at or after this time."
    )

    # A subquery, not a join: an article naming a person twice is listed once.
    def filter_person(self, slug: str | None) -> Q:
        return Q(pk__in=Article.objects.filter(related_people__in=published_people(slug)))

    def filter_organization(self, slug: str | None) -> Q:
        organizations = published_organizations(slug)
        return Q(pk__in=Article.objects.filter(related_organizations__in=organizations))

    def filter_event(self, slug: str | None) -> Q:
        return Q(pk__in=Article.objects.filter(related_events__in=published_events(slug)))


@router.get(
    "articles/",
    response={200: schemas.Page[schemas.ArticleSummary], **BAD_OR_NOT_FOUND},
    url_name="api_articles",
    tags=["articles"],
)
def articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Published articles, newest first."""
    queryset = filters.filter(
        Article.objects.published()
        .for_listing()
        .alias(changed=Coalesce("last_updated_at", "published_at"))
    )
    return paginate(request, queryset.order_by("-published_at", "-pk"), filters, article_summary)


@router.get(
    "articles/{slug}/",
    response={200: schemas.ArticleDetail, **BAD_OR_NOT_FOUND},
    url_name="api_article",
    tags=["articles"],
)
def article(request: HttpRequest, slug: str):
    """A published article: its rendered body, the claims it cites, its corrections."""
    queryset = Article.objects.published().for_public_detail().with_public_claims()
    return article_detail(request, get_or_404(request, queryset, slug=slug))


# ---------------------------------------------------------------------------------------------
# Corrections


def _correction(request: HttpRequest, correction: Correction) -> dict[str, Any]:
    article = correction.article
    return {
        "id": correction.pk,
        "api_url": api_url(request, "correction", pk=correction.pk),
        "url": page_url(request, correction),
        "kind": correction.kind,
        "text": correction.text,
        "at": correction.created_at,
        "article": {
            "slug": article.slug,
            "headline": article.headline,
            "url": page_url(request, article),
            "api_url": api_url(request, "article", slug=article.slug),
        },
    }


def _public_corrections():
    return Correction.objects.filter(article__in=Article.objects.published()).select_related(
        "article"
    )


class CorrectionFilters(ListParams):
    article: Annotated[str | None, FilterLookup("article__slug")] = Field(
        None, description="To this article (slug)."
    )
    kind: CorrectionKind | None = None
    since: Annotated[IsoDateTime | None, FilterLookup("created_at__gte")] = Field(
        None, description="Appended at or after this time."
    )


@router.get(
    "corrections/",
    response={200: schemas.Page[schemas.Correction], **BAD_OR_NOT_FOUND},
    url_name="api_corrections",
    tags=["articles"],
)
def corrections(request: HttpRequest, filters: Query[CorrectionFilters]):
    """Every correction, clarification and update to a live article, newest first."""
    queryset = filters.filter(_public_corrections())
    return paginate(request, queryset.order_by("-created_at", "-pk"), filters, _correction)


@router.get(
    "corrections/{int:pk}/",
    response={200: schemas.Correction, **BAD_OR_NOT_FOUND},
    url_name="api_correction",
    tags=["articles"],
)
def correction(request: HttpRequest, pk: int):
    """One correction."""
    return _correction(request, get_or_404(request, _public_corrections(), pk=pk))
