"""Sources: the documents evidence comes from, with their archived text."""

from __future__ import annotations

import hashlib

import reversion
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from profiles.models import Organization, Person


class SourceKind(models.TextChoices):
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    BRIEFING_TRANSCRIPT = "briefing_transcript", "Briefing transcript"
    STATE_MEDIA = "state_media", "State media"
    NEWS_REPORT = "news_report", "News report"
    ANALYSIS = "analysis", "Analysis"
    REFERENCE = "reference", "Reference work"
    OTHER = "other", "Other"


class SourceQuerySet(models.QuerySet):
    def public(self) -> SourceQuerySet:
        """Sources a public claim cites: the only ones readers may see."""
        citation_model = Source._meta.get_field("citations").related_model
        from newsroom.models.claims import public_q  # claims imports this module

        return self.filter(
            models.Exists(
                citation_model.objects.filter(public_q("claim__"), source=models.OuterRef("pk"))
            )
        )

    def for_public_detail(self) -> SourceQuerySet:
        """The publisher and the citations of public claims (``public_citations``), each
        claimant and the publisher only if readers may see them (else None)."""
        citation_model = Source._meta.get_field("citations").related_model
        from newsroom.models.claims import public_q  # claims imports this module

        return self.prefetch_related(
            Prefetch("publisher", queryset=Organization.objects.published()),
            Prefetch(
                "citations",
                queryset=citation_model.objects.filter(public_q("claim__"))
                .select_related("claim")
                .prefetch_related(
                    Prefetch("claim__claimant_person", queryset=Person.objects.published()),
                    Prefetch(
                        "claim__claimant_organization", queryset=Organization.objects.published()
                    ),
                )
                .order_by("claim__slug", "id"),
                to_attr="public_citations",
            ),
        )


@reversion.register()
class Source(models.Model):
    title = models.CharField(max_length=300)
    publisher = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_sources",
    )
    kind = models.CharField(max_length=30, choices=SourceKind, default=SourceKind.NEWS_REPORT)
    url = models.URLField("URL", max_length=500, blank=True)
    published_on = models.DateField("published on", null=True, blank=True)
    author = models.CharField(max_length=200, blank=True)
    language = models.CharField(
        max_length=20, default="en", help_text="BCP 47 language tag, e.g. en, zh-Hans, hi."
    )
    archived_text = models.TextField(
        "archived text",
        blank=True,
        help_text="The source's text as captured, so excerpts can be checked against it even if "
        "the page changes or disappears.",
    )
    archived_sha256 = models.CharField(
        "SHA-256 of archived text", max_length=64, blank=True, editable=False
    )
    archived_at = models.DateTimeField("captured at", null=True, blank=True)
    notes = models.TextField(blank=True, help_text="For the newsroom only.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = "source"
        indexes = [models.Index(fields=["-published_on", "title"], name="source_published_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsroom:source_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # The hash describes the archived text, so it follows it; the capture time is the editor's
        # to give (a page saved yesterday), and defaults to now.
        text = self.archived_text
        self.archived_sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""
        if text and self.archived_at is None:
            self.archived_at = timezone.now()
