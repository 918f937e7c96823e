"""sitemap.xml: an index of sitemaps (``sitemap-<section>.xml``, ``?p=N`` past the first
``limit`` addresses) listing every page readers may see, with when it last changed.

No response builds more than ``limit`` addresses: at newsroom scale one sitemap of everything
was 3 MB, some 67,000 addresses, and 8 s to build. The index asks each section once for its
size and newest change together (``_Summarised``), so it costs one query per section.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse

from events.models import Event
from newsroom.models import Article, Claim
from profiles.models import Organization, Person

# Addresses per sitemap page (the protocol allows 50,000; smaller pages are cheaper to build).
SITEMAP_LIMIT = 5000


class _Summarised(Sitemap):
    """A sitemap of a QuerySet whose count (for the index's pages) and newest change (the
    index's ``lastmod``) come from one aggregate query, not a COUNT and then a pass over every
    item (Django's ``get_latest_lastmod`` calls ``lastmod`` on each)."""

    limit = SITEMAP_LIMIT
    # The fields whose greatest value is the section's latest change.
    changed_fields: tuple[str, ...] = ("updated_at",)

    @cached_property
    def _summary(self) -> dict:
        return (
            self.items()
            .order_by()
            .aggregate(count=Count("pk"), **{f: Max(f) for f in self.changed_fields})
        )

    @property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self._summary["count"]  # Paginator.count is a cached_property
        return paginator

    def get_latest_lastmod(self):
        changes = [self._summary[f] for f in self.changed_fields if self._summary[f]]
        return max(changes, default=None)


class ArticleSitemap(_Summarised):
    changefreq = "daily"
    priority = 0.8
    changed_fields = ("last_updated_at", "published_at")

    def items(self):
        return Article.objects.published().order_by("-published_at", "id")

    def lastmod(self, article: Article):
        return max(filter(None, [article.last_updated_at, article.published_at]))


class _UpdatedSitemap(_Summarised):
    """Objects with an ``updated_at``; only what readers may see."""

    changefreq = "weekly"
    priority = 0.5

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
            "newsroom:methodology",
            "newsroom:about",
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
