"""Profile merges: which duplicate person or organization was merged into which, and how.

A merge (``newsroom.actions.merges``) moves everything that pointed at the duplicate to the
survivor and keeps the duplicate hidden, its slug redirecting to the survivor. The row records
exactly what moved, so undoing the merge moves those rows back and nothing else; it is the meta
of the merge's revision, so both records' histories lead to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from reversion.models import Revision

from profiles.models import Organization, Person


class MergeKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"


class ProfileMergeQuerySet(models.QuerySet):
    def active(self) -> ProfileMergeQuerySet:
        """Merges that have not been undone."""
        return self.filter(undone_at__isnull=True)


class ProfileMerge(models.Model):
    kind = models.CharField(max_length=20, choices=MergeKind)
    duplicate_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    survivor_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    duplicate_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    survivor_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="profile_merges", editable=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    # What moved, by relation: ids of the rows whose foreign key was changed, the claims whose
    # subjects changed (and whether the survivor was already one), the articles rewritten.
    moved = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProfileMergeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "profile merge"
        indexes = [models.Index(fields=["-created_at"], name="profile_merge_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=MergeKind.PERSON,
                        duplicate_person__isnull=False,
                        survivor_person__isnull=False,
                        duplicate_organization__isnull=True,
                        survivor_organization__isnull=True,
                    )
                    | Q(
                        kind=MergeKind.ORGANIZATION,
                        duplicate_person__isnull=True,
                        survivor_person__isnull=True,
                        duplicate_organization__isnull=False,
                        survivor_organization__isnull=False,
                    )
                ),
                name="profile_merge_kind_records",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duplicate} merged into {self.survivor}"

    @property
    def duplicate(self) -> Person | Organization:
        return self.duplicate_person or self.duplicate_organization

    @property
    def survivor(self) -> Person | Organization:
        return self.survivor_person or self.survivor_organization

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
