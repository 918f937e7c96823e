"""Imports: which report became which source, and the candidate claims found in it.

An import turns a report into a ``Source`` and one draft quote claim per quotation in it
(``newsroom.actions.imports``). The candidates record what the importer found — the words, the
speaker as written, the paragraph — and what an editor decided about each, so the review screen
can show what is left to do and the history says which import created which claim.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q

from newsroom.models.claims import Claim
from newsroom.models.sources import Source


@reversion.register(follow=("candidates",))
class SourceImport(models.Model):
    source = models.OneToOneField(Source, on_delete=models.CASCADE, related_name="source_import")
    origin = models.CharField(
        max_length=500, help_text="Where the report came from: a file name, a URL, or pasted text."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_imports",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import"
        indexes = [models.Index(fields=["-created_at"], name="sourceimport_created_idx")]

    def __str__(self) -> str:
        return f"Import of “{self.source}”"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DISCARDED = "discarded", "Discarded"
    MERGED = "merged", "Merged"


@reversion.register()
class ImportCandidate(models.Model):
    source_import = models.ForeignKey(
        SourceImport, on_delete=models.CASCADE, related_name="candidates"
    )
    # The draft claim made for the quotation; None once discarded or merged (its claim deleted,
    # which the deletion log can recover with this link).
    claim = models.ForeignKey(
        Claim,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_candidates",
    )
    position = models.PositiveIntegerField(help_text="Order of the quotation in the report.")
    quotation = models.TextField(help_text="The words between the quotation marks, as written.")
    speaker = models.CharField(
        max_length=200, blank=True, help_text="Who the report says spoke, as written."
    )
    paragraph = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=CandidateStatus, default=CandidateStatus.PENDING
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source_import", "position"]
        verbose_name = "candidate claim"
        indexes = [
            models.Index(fields=["source_import", "position"], name="candidate_position_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CandidateStatus.values), name="candidate_status_valid"
            ),
        ]

    def __str__(self) -> str:
        words = self.quotation if len(self.quotation) <= 80 else f"{self.quotation[:79]}…"
        return f"“{words}”"
