"""RSS and Atom feeds of published articles, and of corrections.

Feed readers render an RSS ``<description>`` and an Atom ``<summary type="html">`` as HTML, and
the syndication framework only XML-escapes what it is given. Standfirsts and corrections are
plain text, so they are HTML-escaped first: a reader shows ``<img onerror=…>`` as the text it
is, never as an element.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from newsroom.models import Article, Correction


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
        return escape(article.standfirst)

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


class CorrectionsFeed(Feed):
    """Every correction, clarification and update to a live article, newest first (RSS)."""

    link = reverse_lazy("newsroom:correction_list")
    description = "Corrections, clarifications and updates to our articles, newest first."
    limit = 50

    def title(self) -> str:
        return f"{settings.NEWSROOM_SITE_NAME}: corrections"

    def items(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article")
            .order_by("-created_at", "-id")[: self.limit]
        )

    def item_title(self, correction: Correction) -> str:
        return f"{correction.get_kind_display()}: {correction.article.headline}"

    def item_description(self, correction: Correction) -> str:
        return escape(correction.text)

    def item_link(self, correction: Correction) -> str:
        return correction.get_absolute_url()

    def item_pubdate(self, correction: Correction):
        return correction.created_at

    def item_guid(self, correction: Correction) -> str:
        return f"correction-{correction.pk}"

    item_guid_is_permalink = False
