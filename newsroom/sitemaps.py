"""sitemap.xml: every page readers may see, with when it last changed."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from newsroom.models import Article, Claim
from profiles.models import Organization, Person


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("-published_at", "id")

    def lastmod(self, article: Article):
        return max(filter(None, [article.last_updated_at, article.published_at]))


class _UpdatedSitemap(Sitemap):
    """Objects with an ``updated_at``; only what readers may see."""

    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def lastmod(self, obj):
        return obj.updated_at


class PersonSitemap(_UpdatedSitemap):
    def items(self):
        return Person.objects.published().order_by("slug")


class OrganizationSitemap(_UpdatedSitemap):
    def items(self):
        return Organization.objects.published().order_by("slug")


class EventSitemap(_UpdatedSitemap):
    def items(self):
        return Event.objects.published().order_by("slug")


class ClaimSitemap(_UpdatedSitemap):
    def items(self):
        return Claim.objects.public().order_by("slug")


class ListPageSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return [
            "newsroom:home",
            "newsroom:article_list",
            "newsroom:claim_list",
            "profiles:person_list",
            "profiles:organization_list",
            "events:event_list",
        ]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {
    "pages": ListPageSitemap,
    "articles": ArticleSitemap,
    "claims": ClaimSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "events": EventSitemap,
}
