"""The search index: a row per record readers may find, written by ``newsroom.search.index``."""

from __future__ import annotations

from django.db import models


class SearchKind(models.TextChoices):
    ARTICLE = "articles", "Articles"
    CLAIM = "claims", "Fact-checks"
    PERSON = "people", "People"
    ORGANIZATION = "organizations", "Organizations"
    EVENT = "events", "Events"
    SOURCE = "sources", "Sources"
    CITATION = "citations", "Quoted evidence"


class SearchDocument(models.Model):
    """What search matches and shows of one public record, as plain text readers read it.

    A record readers may not see has no row (``newsroom.search.index`` deletes it), so no
    query can find it. A scheduled article has its row before it goes live: ``visible_from``
    keeps it out until then, as ``Article.objects.published()`` does.

    The full-text index is the database's own, kept current by the database on every write of
    a row: on PostgreSQL a stored, weighted ``tsvector`` column (GIN) and a trigram index on
    ``names``; on SQLite FTS5 tables filled by triggers. Both are created by migration 0009
    with SQL, outside the model, so Django's schema stays the same on both.
    """

    kind = models.CharField(max_length=20, choices=SearchKind)
    object_id = models.BigIntegerField()
    visible_from = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)
    url = models.CharField(max_length=500)
    meta = models.CharField(max_length=300, blank=True)
    title = models.TextField()
    # Every name the record goes by, one per line: matched by similarity and substring too.
    names = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    # Last: SQLite reads the columns before a long text without following its overflow pages.
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = "search document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=SearchKind.values), name="searchdocument_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"
