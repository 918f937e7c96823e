"""Public pages of the editorial core. Reads go through QuerySet methods; no writes here.

Every page loads what its template shows with a fixed number of queries (see
tests/newsroom/test_views.py); templates only loop over prefetched attributes.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from newsroom import jsonld
from newsroom.markdown import render_markdown
from newsroom.models import Article, Author, Claim, Section, Source, Tag, Verdict
from profiles.models import Person


class HomeView(ListView):
    """The front page: latest articles, latest verdicts, people in the news."""

    template_name = "newsroom/home.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()[:13]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(context["articles"])
        context["lead"] = articles[0] if articles else None
        context["more_articles"] = articles[1:]
        context["latest_claims"] = list(
            Claim.objects.public().for_listing().order_by("-reviewed_at")[:6]
        )
        context["people_in_news"] = list(
            Person.objects.published().for_listing().in_the_news()[:8]
        )
        return context


class ArticleListView(ListView):
    """All published articles, newest first, twenty to a page."""

    paginate_by = 20
    context_object_name = "articles"
    template_name = "newsroom/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = Section.objects.all()
        return context


class _FilteredArticleListView(ArticleListView):
    """An article list filtered by one object (a section, tag or author) named in the URL."""

    model_filtered_by: type = Section
    filter_field = "section"
    context_name = "section"

    def get_queryset(self):
        self.filtered_by = get_object_or_404(self.model_filtered_by, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.filter_field: self.filtered_by})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.context_name] = self.filtered_by
        return context


class SectionDetailView(_FilteredArticleListView):
    template_name = "newsroom/section_detail.html"


class TagDetailView(_FilteredArticleListView):
    model_filtered_by = Tag
    filter_field = "tags"
    context_name = "tag"
    template_name = "newsroom/tag_detail.html"


class AuthorDetailView(_FilteredArticleListView):
    model_filtered_by = Author
    filter_field = "bylines"
    context_name = "author"
    template_name = "newsroom/author_detail.html"


class ArticleDetailView(DetailView):
    """A published article: the body with claim footnotes, corrections, related profiles."""

    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .filter(
                published_at__year=self.kwargs["year"], published_at__month=self.kwargs["month"]
            )
            .for_public_detail()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        body = render_markdown(
            article.body,
            claims={claim.slug: claim for claim in article.public_claims},
            people={person.slug: person for person in article.referenced_people},
            organizations={org.slug: org for org in article.referenced_organizations},
            events={event.slug: event for event in article.referenced_events},
        )
        context.update(
            body=body,
            related_people=[p for p in article.referenced_people if p.is_published],
            related_organizations=[o for o in article.referenced_organizations if o.is_published],
            related_events=[e for e in article.referenced_events if e.is_published],
            structured_data=jsonld.news_article(article, self.request),
        )
        return context


class ClaimListView(ListView):
    """Reviewed claims with their verdicts, most recently rated first; filter by verdict."""

    paginate_by = 30
    context_object_name = "claims"
    template_name = "newsroom/claim_list.html"

    def get_queryset(self):
        claims = Claim.objects.public().for_listing().order_by("-reviewed_at", "-id")
        self.verdict = self.request.GET.get("verdict", "")
        if self.verdict in Verdict.values:
            claims = claims.filter(verdict=self.verdict)
        else:
            self.verdict = ""
        return claims

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verdicts"] = Verdict.choices
        context["current_verdict"] = self.verdict
        return context


class ClaimDetailView(DetailView):
    """A reviewed claim: verdict and rationale, every citation, the verdict's history."""

    context_object_name = "claim"

    def get_queryset(self):
        return Claim.objects.public().for_public_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = jsonld.claim_review(self.object, self.request)
        return context


class SourceDetailView(DetailView):
    """A source: what it is, and which public claims cite it."""

    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.for_public_detail()


# ---------------------------------------------------------------------------------------------
# Crawlers


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
