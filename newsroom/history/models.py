"""The deletion log: what reversion cannot bring back when a deleted record is recovered."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone


class DeletionQuerySet(models.QuerySet):
    def pending(self) -> DeletionQuerySet:
        """Deletions not yet undone by a recovery."""
        return self.filter(recovered_at__isnull=True)

    def of_objects(self, keys) -> DeletionQuerySet:
        """Deletions of the records named by ``(content type id, object id)`` pairs."""
        condition = Q(pk__in=[])
        for content_type_id, object_id in keys:
            condition |= Q(content_type_id=content_type_id, object_id=str(object_id))
        return self.filter(condition)


class Deletion(models.Model):
    """The deletion of one versioned record, with what reversion cannot bring back.

    Reversion stores each record's own fields (but not the ones it is registered to exclude)
    and its own many-to-many fields, so recovering a deleted record from its last version
    misses the links *other* records held to it (reverse many-to-many rows, foreign keys set
    to null) and the excluded fields. They are kept here, written by
    ``newsroom.history.actions.record_deletion`` in the delete's transaction, and put back by
    ``restore_deletion`` when the record is recovered.

    A deletion listed on the admin's Recent changes page has a revision of its own (with no
    versions), so the page pages and filters it with the revisions. A row deleted as part of
    another record (a cascade, an inline row removed in its parent's form) has none: it comes
    back when that record is recovered or reverted.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    # The record's id as reversion stores it (``Version.object_id``).
    object_id = models.CharField(max_length=191)
    object_repr = models.TextField("record")
    # Also on the revision, but a cascaded row has no revision.
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when deleted from the shell or by a command.",
    )
    deleted_at = models.DateTimeField(default=timezone.now)
    revision = models.OneToOneField(
        "reversion.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion",
        help_text="Its row on the Recent changes page; empty for a row deleted with another.",
    )
    version = models.ForeignKey(
        "reversion.Version",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The last stored version, the one to recover; empty if it was never saved "
        "with a revision.",
    )
    links = models.JSONField(
        default=dict,
        encoder=DjangoJSONEncoder,
        help_text="Rows of other records that pointed at it: {relation: [their ids]}.",
    )
    excluded_fields = models.JSONField(
        default=dict,
        encoder=DjangoJSONEncoder,
        help_text="The values of the fields its model's versions leave out.",
    )
    recovered_at = models.DateTimeField(null=True, blank=True)
    recovered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DeletionQuerySet.as_manager()

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = "deletion"
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="deletion_object_idx"),
            models.Index(fields=["-deleted_at"], name="deletion_deleted_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr} (deleted {self.deleted_at:%Y-%m-%d %H:%M})"

    @property
    def is_recovered(self) -> bool:
        return self.recovered_at is not None
