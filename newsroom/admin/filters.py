"""The claims list's filters: the review queue, thin or contested evidence, and staleness."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from newsroom.models import CLAIM_WAITING_STATUSES, MIN_INDEPENDENT_SOURCES

# The condition of ClaimQuerySet.flagged(), on a queryset already carrying
# with_evidence_flags() (annotating twice would join the citations twice).
FLAGGED_Q = Q(independent_sources__lt=MIN_INDEPENDENT_SOURCES) | Q(contradictions__gt=0)


class ReviewQueueFilter(admin.SimpleListFilter):
    """Claims waiting for a reviewer: mine, nobody's yet, or all of them."""

    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return (
            ("mine", "Assigned to me"),
            ("unassigned", "Unassigned"),
            ("waiting", "All waiting for review"),
        )

    def queryset(self, request, queryset):
        waiting = queryset.filter(status__in=CLAIM_WAITING_STATUSES)
        if self.value() == "mine":
            return waiting.filter(assignee=request.user)
        if self.value() == "unassigned":
            return waiting.filter(assignee__isnull=True)
        if self.value() == "waiting":
            return waiting
        return queryset


class EvidenceFilter(admin.SimpleListFilter):
    """Claims on thin or contested evidence (needs ``with_evidence_flags`` on the queryset)."""

    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return (
            ("flagged", "Flagged"),
            ("few_sources", f"Fewer than {MIN_INDEPENDENT_SOURCES} independent sources"),
            ("contested", "Contested"),
            ("sound", "Not flagged"),
        )

    def queryset(self, request, queryset):
        conditions = {
            "flagged": FLAGGED_Q,
            "few_sources": Q(independent_sources__lt=MIN_INDEPENDENT_SOURCES),
            "contested": Q(contradictions__gt=0),
            "sound": ~FLAGGED_Q,
        }
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


class AgeFilter(admin.SimpleListFilter):
    """Claims nobody has touched for a while (by ``updated_at``): the queue's stale end."""

    title = "unchanged for"
    parameter_name = "age"
    AGES = {"day": dt.timedelta(days=1), "week": dt.timedelta(weeks=1)}

    def lookups(self, request, model_admin):
        return (("day", "More than a day"), ("week", "More than a week"))

    def queryset(self, request, queryset):
        if self.value() in self.AGES:
            return queryset.filter(updated_at__lt=timezone.now() - self.AGES[self.value()])
        return queryset
