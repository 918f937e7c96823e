"""Site-wide pages: the front page, search, the methodology and about pages, and what crawlers
read (robots.txt, the news sitemap)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import ListView, TemplateView

from newsroom import jsonld, search
from newsroom.coverage import people_in_the_news
from newsroom.models import (
    MIN_INDEPENDENT_SOURCES,
    VERDICT_MEANINGS,
    Article,
    Claim,
    Verdict,
)
from profiles.models import Person


class HomeView(ListView):
    """The front page: latest articles, latest verdicts, people in the news."""

    template_name = "newsroom/home.html"
    context_object_name = "articles"

    def get_queryset(self):
        return (
            Article.objects.published()
            .for_listing()
            .prefetch_related("lead_image__renditions")[:13]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        context["lead"] = articles[0] if articles else None
        context["more_articles"] = articles[1:]
        context["latest_claims"] = list(
            Claim.objects.public().for_cards().order_by("-reviewed_at")[:6]
        )
        context["people_in_news"] = people_in_the_news(
            Person.objects.published().for_listing(), limit=8
        )
        context["structured_data"] = jsonld.website(self.request)
        return context


class SearchView(TemplateView):
    """/search/?q=…: public articles, fact-checks, people, organizations, events, sources and
    quoted evidence, the best of each kind; ``&type=people&page=2`` pages through one kind."""

    template_name = "newsroom/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        kind = self.request.GET.get("type") or None
        try:
            page = max(1, int(self.request.GET.get("page", "1")))
        except ValueError:
            page = 1
        results = search.search(query, kind=kind, page=min(page, 10_000))
        context.update(
            query=results.query,
            results=results,
            error=results.message,
            max_length=search.MAX_QUERY_LENGTH,
        )
        return context


def rating_scale() -> list[dict]:
    """The verdicts in the order of ``Verdict``, each with what it means (``VERDICT_MEANINGS``)."""
    return [
        {"value": verdict.value, "label": verdict.label, "meaning": VERDICT_MEANINGS[verdict]}
        for verdict in Verdict
    ]


class MethodologyView(TemplateView):
    """/methodology/: the rating scale, how claims are checked, the corrections policy."""

    template_name = "newsroom/methodology.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            scale=rating_scale(), min_sources=MIN_INDEPENDENT_SOURCES, **kwargs
        )


class AboutView(TemplateView):
    """/about/: who we are (the demo newsroom) and how to reach the methodology."""

    template_name = "newsroom/about.html"


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request) -> HttpResponse:
    """Keep crawlers out of the admin and point them at the sitemaps."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('newsroom:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('newsroom:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def news_sitemap(request) -> TemplateResponse:
    """A Google News sitemap: articles published in the last two days."""
    since = timezone.now() - dt.timedelta(days=2)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .prefetch_related("tags")[:1000]
    )
    return TemplateResponse(
        request,
        "newsroom/news_sitemap.xml",
        {"articles": articles, "publication_name": settings.NEWSROOM_SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
