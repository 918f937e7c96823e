"""Which old revisions may be pruned, and which must be kept whatever their age.

Kept always: each record's newest versions (``keep_last``) and anything younger than
``keep_days``; every article version readers saw; the article version a correction refers to
(the one current when it was written); versions pinned by a share link; and all versions of a
claim or article still moving through review. A revision is deleted only when every version
in it may go, so a record is never separated from its inline rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version

from newsroom.history import public_versions
from newsroom.models import Article, ArticleStatus, Claim, ClaimStatus, Correction, ShareLink

ARTICLE_STATES_UNDER_REVIEW = (
    ArticleStatus.IN_REVIEW,
    ArticleStatus.APPROVED,
    ArticleStatus.SCHEDULED,
)
CLAIM_STATES_UNDER_REVIEW = (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, ClaimStatus.REOPENED)


@dataclass
class PrunePlan:
    revisions: list[int]
    versions: int
    kept_protected: int


def protected_version_ids() -> set[int]:
    """Versions retention must never delete, whatever their age (see module docstring)."""
    protected: set[int] = set(ShareLink.objects.values_list("version_id", flat=True))
    article_type = ContentType.objects.get_for_model(Article)
    claim_type = ContentType.objects.get_for_model(Claim)

    ever_live = Article.objects.filter(
        events__to_status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED]
    ).distinct()
    for article in ever_live:
        protected.update(version.pk for version in public_versions(article))

    for correction in Correction.objects.all():
        current = (
            Version.objects.filter(
                content_type=article_type,
                object_id=str(correction.article_id),
                revision__date_created__lte=correction.created_at,
            )
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        if current:
            protected.add(current)

    in_review = {
        (article_type.pk, str(pk))
        for pk in Article.objects.filter(status__in=ARTICLE_STATES_UNDER_REVIEW).values_list(
            "pk", flat=True
        )
    } | {
        (claim_type.pk, str(pk))
        for pk in Claim.objects.filter(status__in=CLAIM_STATES_UNDER_REVIEW).values_list(
            "pk", flat=True
        )
    }
    for content_type_id, object_id in in_review:
        protected.update(
            Version.objects.filter(
                content_type_id=content_type_id, object_id=object_id
            ).values_list("pk", flat=True)
        )
    return protected


def plan_prune(
    *, keep_days: int | None, keep_last: int | None, now: dt.datetime | None = None
) -> PrunePlan:
    """The revisions a prune would delete. Needs at least one of ``keep_days``/``keep_last``."""
    if keep_days is None and keep_last is None:
        raise ValueError("Say how much history to keep: keep_days, keep_last or both.")
    now = now or timezone.now()
    protected = protected_version_ids()
    rows = Version.objects.values_list(
        "pk", "revision_id", "content_type_id", "object_id", "revision__date_created"
    ).order_by("-pk")

    seen_per_object: dict[tuple[int, str], int] = defaultdict(int)
    revision_ok: dict[int, bool] = {}
    kept_protected = 0
    for pk, revision_id, content_type_id, object_id, created in rows.iterator():
        key = (content_type_id, object_id)
        seen_per_object[key] += 1
        young = keep_days is not None and created > now - dt.timedelta(days=keep_days)
        recent = keep_last is not None and seen_per_object[key] <= keep_last
        # Only one rule given: the other keeps nothing. Both given: either one keeps.
        keep = young or recent or seen_per_object[key] == 1
        if not keep and pk in protected:
            keep = True
            kept_protected += 1
        revision_ok[revision_id] = revision_ok.get(revision_id, True) and not keep
    doomed = sorted(revision_id for revision_id, ok in revision_ok.items() if ok)
    versions = Version.objects.filter(revision_id__in=doomed).count() if doomed else 0
    return PrunePlan(doomed, versions, kept_protected)


@transaction.atomic
def prune(plan: PrunePlan) -> int:
    """Delete the planned revisions (their versions go with them); return how many."""
    deleted = 0
    for start in range(0, len(plan.revisions), 500):
        batch = plan.revisions[start : start + 500]
        deleted += Revision.objects.filter(pk__in=batch).delete()[1].get("reversion.Revision", 0)
    return deleted
