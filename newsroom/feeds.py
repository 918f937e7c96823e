"""RSS and Atom feeds of published articles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from newsroom.models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("newsroom:article_list")
    description = "The latest published articles, with every fact linked to its evidence."
    limit = 30

    def title(self) -> str:
        return f"{settings.NEWSROOM_SITE_NAME}: latest articles"

    def items(self):
        return Article.objects.published().for_listing().order_by("-published_at")[: self.limit]

    def item_title(self, article: Article) -> str:
        return article.headline

    def item_description(self, article: Article) -> str:
        return article.standfirst

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.last_updated_at or article.published_at

    def item_author_name(self, article: Article) -> str:
        return ", ".join(author.name for author in article.bylines.all())

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.name] if article.section_id else []

    def item_guid(self, article: Article) -> str:
        return f"article-{article.pk}"

    item_guid_is_permalink = False


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
