"""Articles, their sections, tags, authors and corrections."""

from __future__ import annotations

import datetime as dt

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from newsroom.models.claims import Claim
from newsroom.models.images import Image
from profiles.models import Organization, Person


@reversion.register()
class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in navigation.")

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "section"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:section_detail", kwargs={"slug": self.slug})


@reversion.register()
class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "tag"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:tag_detail", kwargs={"slug": self.slug})


@reversion.register()
class Author(models.Model):
    """A byline: usually a newsroom user, sometimes a contributor without an account."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )
    role = models.CharField(max_length=100, blank=True, help_text="e.g. Diplomatic correspondent")
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "author"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author_detail", kwargs={"slug": self.slug})


class ArticleKind(models.TextChoices):
    NEWS = "news", "News"
    EXPLAINER = "explainer", "Explainer"
    ANALYSIS = "analysis", "Analysis"
    FACT_CHECK = "fact_check", "Fact-check"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


# Articles readers see, or will see at their publication time without anyone acting.
LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED)


def published_q(at: dt.datetime | None = None) -> Q:
    """Live articles: published, or scheduled and due — so scheduling needs no cron job."""
    return Q(
        status__in=LIVE_STATUSES,
        published_at__lte=at or timezone.now(),
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, at: dt.datetime | None = None) -> ArticleQuerySet:
        """Articles readers may see now (or at ``at``)."""
        return self.filter(published_q(at))

    def for_listing(self) -> ArticleQuerySet:
        """Section, lead image and bylines, for article cards and feeds."""
        return self.select_related("section", "lead_image").prefetch_related("bylines")

    def for_public_detail(self) -> ArticleQuerySet:
        """What an article page reads besides its body: section, lead image with renditions,
        bylines, tags, corrections, and the stored body (``rendered_body``, which holds the
        footnotes and the related people, organizations and events as HTML; see
        ``newsroom.actions.rendered_bodies.stored_body``). Six queries however much it cites.
        """
        return self.select_related("section", "lead_image", "rendered_body").prefetch_related(
            "bylines", "tags", "corrections", "lead_image__renditions"
        )

    def with_public_claims(self) -> ArticleQuerySet:
        """``public_claims``: the cited claims readers may see, each with its claimant (check
        ``is_published`` before naming one) and contested flag, in one query."""
        return self.prefetch_related(
            Prefetch(
                "claims",
                queryset=Claim.objects.public()
                .select_related("claimant_person", "claimant_organization")
                .with_contested(),
                to_attr="public_claims",
            )
        )


# Publishing state changes only through newsroom.actions; reverting an article's text must not
# unpublish or republish it.
ARTICLE_WORKFLOW_FIELDS = (
    "status",
    "published_at",
    "first_published_at",
    "last_updated_at",
    "draft_version",
)

# While an article is in one of these states its row is what an editor approved or published;
# edits become a draft revision (``draft_version``) until an editor publishes them.
FROZEN_STATUSES = ("approved", "scheduled", "published")


@reversion.register(exclude=ARTICLE_WORKFLOW_FIELDS)
class Article(models.Model):
    TRANSITIONS: dict[str, frozenset[str]] = {
        ArticleStatus.DRAFT: frozenset({ArticleStatus.IN_REVIEW}),
        ArticleStatus.IN_REVIEW: frozenset({ArticleStatus.APPROVED, ArticleStatus.DRAFT}),
        ArticleStatus.APPROVED: frozenset(
            {ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED, ArticleStatus.DRAFT}
        ),
        ArticleStatus.SCHEDULED: frozenset(
            {ArticleStatus.PUBLISHED, ArticleStatus.APPROVED, ArticleStatus.UNPUBLISHED}
        ),
        ArticleStatus.PUBLISHED: frozenset({ArticleStatus.UNPUBLISHED}),
        ArticleStatus.UNPUBLISHED: frozenset({ArticleStatus.DRAFT, ArticleStatus.PUBLISHED}),
    }

    headline = models.CharField(max_length=250)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article's address. Unique across the site.",
    )
    standfirst = models.TextField(
        blank=True, help_text="The one- or two-sentence summary under the headline."
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown. Cite a claim with [[claim:slug]]; link a profile with "
        "[[person:slug]], [[org:slug]] or [[event:slug]].",
    )
    kind = models.CharField(max_length=20, choices=ArticleKind, default=ArticleKind.NEWS)
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    bylines = models.ManyToManyField(Author, blank=True, related_name="articles")
    lead_image = models.ForeignKey(
        Image, on_delete=models.PROTECT, null=True, blank=True, related_name="lead_of_articles"
    )
    status = models.CharField(
        max_length=20, choices=ArticleStatus, default=ArticleStatus.DRAFT, editable=False
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        editable=False,
        help_text="When readers can first see it; a future time schedules it.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_updated_at = models.DateTimeField(
        "last substantive update", null=True, blank=True, editable=False
    )
    related_people = models.ManyToManyField(Person, blank=True, related_name="articles")
    related_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="articles"
    )
    related_events = models.ManyToManyField(Event, blank=True, related_name="articles")
    claims = models.ManyToManyField(Claim, blank=True, related_name="articles")
    # Unpublished changes to an approved, scheduled or live article: the newest draft version.
    # The row keeps serving readers until an editor publishes the draft (Wagtail's
    # live_revision vs latest_revision).
    draft_version = models.ForeignKey(
        "reversion.Version",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_created",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = "article"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            models.Index(fields=["section", "-published_at"], name="article_section_idx"),
            models.Index(fields=["-updated_at"], name="article_updated_idx"),
            # Newest first across both live statuses (front page, lists, feeds, people in the
            # news): read in index order where (status, published_at) needs a sort.
            models.Index(fields=["-published_at", "-id"], name="article_published_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKind.values), name="article_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=list(LIVE_STATUSES)) | Q(published_at__isnull=False),
                name="article_live_has_time",
            ),
        ]
        permissions = [
            ("publish_article", "Can approve, schedule, publish and unpublish articles"),
            ("override_publish_gate", "Can publish an article citing unrated claims"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        when = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "newsroom:article_detail",
            kwargs={"year": f"{when:%Y}", "month": f"{when:%m}", "slug": self.slug},
        )

    def can_transition_to(self, status: str) -> bool:
        """Whether the publishing workflow allows moving to ``status``."""
        return status in self.TRANSITIONS.get(self.status, frozenset())

    @property
    def is_frozen(self) -> bool:
        """Whether edits go to a draft revision instead of the row readers are served."""
        return self.status in FROZEN_STATUSES

    @property
    def has_unpublished_changes(self) -> bool:
        return self.draft_version_id is not None

    @property
    def is_live(self) -> bool:
        return (
            self.status in LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleEvent(models.Model):
    """One move in an article's publishing workflow, written by ``newsroom.actions``."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    # Empty for moves the system makes on its own, such as a scheduled article coming due.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="article_events",
    )
    from_status = models.CharField(max_length=20, choices=ArticleStatus)
    to_status = models.CharField(max_length=20, choices=ArticleStatus)
    note = models.TextField(blank=True)
    override_reason = models.TextField(
        blank=True, help_text="Why an editor published although cited claims were unrated."
    )
    # For moves to scheduled or published: when readers (will) see it. With the ArticleEvents
    # in order this gives the periods an article was live, and so which revisions were public.
    live_from = models.DateTimeField(null=True, blank=True)
    # The ids of the claims an override covered by name; a claim not named here still blocks.
    override_claim_ids = models.JSONField(default=list, blank=True)
    # The revision the move recorded: the article as it was right after the move.
    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "publishing event"
        indexes = [models.Index(fields=["article", "-created_at"], name="articleevent_article_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.from_status} → {self.to_status} by {self.actor}"


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    UPDATE = "update", "Update"


@reversion.register()
class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(
        max_length=20, choices=CorrectionKind, default=CorrectionKind.CORRECTION
    )
    text = models.TextField(help_text="What was wrong and what is right now. Always public.")
    # Set by the system when the correction is appended; no form can backdate it.
    created_at = models.DateTimeField(
        "published at", default=timezone.now, db_index=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "correction"
        indexes = [models.Index(fields=["article", "-created_at"], name="correction_article_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to “{self.article}”"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"


class ArticleURL(models.Model):
    """Every address an article has been published at, so old links answer with a 301."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="urls")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    slug = models.SlugField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "article URL"
        verbose_name_plural = "article URLs"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "slug"], name="articleurl_unique_path"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="articleurl_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"/articles/{self.year}/{self.month:02d}/{self.slug}/"


class ShareLinkQuerySet(models.QuerySet):
    def active(self) -> ShareLinkQuerySet:
        """Links that still open: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """An expiring, revocable preview of an article draft for someone without an account.

    The link is pinned to the revision that was current when it was made, so the reader sees
    what the editor meant to share, not later edits. The URL carries a signed token
    (``django.core.signing``), never the bare id.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    version = models.ForeignKey(
        "reversion.Version",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The article's version the link shows.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Who it is for, e.g. “legal”.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "share link"
        indexes = [models.Index(fields=["article", "-created_at"], name="sharelink_article_idx")]

    def __str__(self) -> str:
        return f"Preview of “{self.article}” until {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class DraftRevision(models.Model):
    """Marks a revision as holding an unpublished draft of an article: readers never saw it.

    Attached with reversion's revision meta, so history, the public change log and retention
    can tell drafts from the versions that were served.
    """

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="article_draft"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="draft_revisions")

    class Meta:
        ordering = ["-revision"]
        verbose_name = "draft revision"

    def __str__(self) -> str:
        return f"Draft of {self.article_id} in revision {self.revision_id}"
