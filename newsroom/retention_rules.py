"""What the newsroom never lets ``prune_revisions`` delete, however old
(registered with ``newsroom.history.retention`` in ``NewsroomConfig.ready``):

- under review: every version of a claim submitted, in review or reopened, or of an article in
  review, approved or scheduled;
- seen by readers: an article version that was served (``newsroom.public_versions``; drafts
  never were); a claim version current while the claim stood reviewed with its verdict; a
  person, organization or event version saved while its ``is_published`` flag was on;
- current draft: an article's ``draft_version``, unpublished work nobody else holds;
- audit row: every version in a revision a ReviewEvent, ArticleEvent or ProfileMerge points at
  (the FK is PROTECT: deleting it would fail; a merge's revision is what undoing it reverts);
- correction: the article version readers were served when a correction was written;
- share link: the version a share link shows.
"""

from __future__ import annotations

from bisect import bisect_right

from events.models import Event
from newsroom.history.retention import VersionIndex, keep_rule, pin, published_flag_rule
from newsroom.models import (
    CLAIM_WAITING_STATUSES,
    Article,
    ArticleEvent,
    ArticleStatus,
    Claim,
    Correction,
    DraftRevision,
    ProfileMerge,
    ReviewEvent,
    ShareLink,
)
from newsroom.public_versions import public_article_version_ids, rated_claim_version_ids
from profiles.models import Organization, Person

UNDER_REVIEW = "under review"
SEEN = "seen by readers"
UNREADABLE = "unreadable data"
DRAFT = "current draft"
AUDIT = "audit row"
CORRECTION = "correction"
SHARE_LINK = "share link"

ARTICLE_STATES_UNDER_REVIEW = (
    ArticleStatus.IN_REVIEW,
    ArticleStatus.APPROVED,
    ArticleStatus.SCHEDULED,
)
# Records readers see only while this field of theirs is on; versions store it.
PUBLISHED_FLAG_MODELS = (Person, Organization, Event)


def under_review(index: VersionIndex):
    articles = Article.objects.filter(status__in=ARTICLE_STATES_UNDER_REVIEW)
    claims = Claim.objects.filter(status__in=CLAIM_WAITING_STATUSES)
    yield UNDER_REVIEW, index.of_records(Article, articles.values_list("pk", flat=True))
    yield UNDER_REVIEW, index.of_records(Claim, claims.values_list("pk", flat=True))


def seen_by_readers(index: VersionIndex):
    yield SEEN, public_article_version_ids(now=index.now)
    yield SEEN, rated_claim_version_ids(now=index.now)


def current_drafts(index: VersionIndex):
    yield DRAFT, (row["draft_version_id"] for row in draft_versions())


def audited_revisions():
    return ReviewEvent.objects.filter(revision__isnull=False).values("revision_id")


def moved_revisions():
    return ArticleEvent.objects.filter(revision__isnull=False).values("revision_id")


def merge_revisions():
    return ProfileMerge.objects.values("revision_id")


def shared_versions():
    return ShareLink.objects.values("version_id")


def draft_versions():
    return Article.objects.filter(draft_version__isnull=False).values("draft_version_id")


def audit_rows(index: VersionIndex):
    audited = {row["revision_id"] for row in audited_revisions()}
    audited |= {row["revision_id"] for row in moved_revisions()}
    audited |= {row["revision_id"] for row in merge_revisions()}
    yield AUDIT, index.in_revisions(audited)


def corrections(index: VersionIndex):
    """The article version readers were served when each correction was written."""
    served = index.by_record(
        Article, leaving_out=DraftRevision.objects.values_list("revision_id", flat=True)
    )
    kept = set()
    for article_id, written in Correction.objects.values_list("article_id", "created_at"):
        versions = served.get(str(article_id), [])
        at = bisect_right(versions, (written, float("inf")))
        if at:
            kept.add(versions[at - 1][1])
    yield CORRECTION, kept


def share_links(index: VersionIndex):
    yield SHARE_LINK, (row["version_id"] for row in shared_versions())


def register() -> None:
    """Register the rules, in order of precedence, and the rows prune must re-check."""
    keep_rule(UNDER_REVIEW)(under_review)
    keep_rule(SEEN)(seen_by_readers)
    keep_rule(SEEN, UNREADABLE)(_flags)
    keep_rule(DRAFT)(current_drafts)
    keep_rule(AUDIT)(audit_rows)
    keep_rule(CORRECTION)(corrections)
    keep_rule(SHARE_LINK)(share_links)
    pin(revisions=audited_revisions)
    pin(revisions=moved_revisions)
    pin(revisions=merge_revisions)
    pin(versions=shared_versions)
    pin(versions=draft_versions)


_flags = published_flag_rule(PUBLISHED_FLAG_MODELS, seen=SEEN, unreadable=UNREADABLE)
