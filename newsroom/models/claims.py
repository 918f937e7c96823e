"""Claims, the citations that support or contradict them, and the audit trail of their review."""

from __future__ import annotations

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import MD5, Coalesce
from django.urls import reverse

from events.models import Event
from newsroom.models.sources import Source
from profiles.models import Membership, Organization, Person


class ClaimKind(models.TextChoices):
    FACT = "fact", "Fact"
    QUOTE = "quote", "Quote"
    ATTRIBUTION = "attribution", "Attribution"
    ASSESSMENT = "assessment", "Assessment"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    IN_REVIEW = "in_review", "In review"
    REVIEWED = "reviewed", "Reviewed"
    REOPENED = "reopened", "Reopened"


class Verdict(models.TextChoices):
    ACCURATE = "accurate", "Accurate"
    MOSTLY_ACCURATE = "mostly_accurate", "Mostly accurate"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


# Claims waiting for a reviewer: in the queue, in review, or reopened after their verdict.
CLAIM_WAITING_STATUSES = (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, ClaimStatus.REOPENED)
# Claims that may carry a verdict readers see (a reopened claim keeps its last one).
CLAIM_RATED_STATUSES = (ClaimStatus.REVIEWED, ClaimStatus.REOPENED)

# Below this many supporting publishers a claim is flagged for reviewers and readers.
MIN_INDEPENDENT_SOURCES = 2

POSITIVE_VERDICTS = frozenset({Verdict.ACCURATE, Verdict.MOSTLY_ACCURATE})

# What each verdict tells readers: the methodology page shows the scale from this table, in
# the order of ``Verdict``, so a verdict added there without a meaning here fails a test.
VERDICT_MEANINGS = {
    Verdict.ACCURATE: "The claim matches the record, with nothing significant missing.",
    Verdict.MOSTLY_ACCURATE: "The claim is right in substance, but a detail is off or missing "
    "(a date, a number, a title) without changing what a reader would take from it.",
    Verdict.MISLEADING: "Parts of the claim are true, but it leaves a false impression: it "
    "drops context, mixes up who did what, or states more than the sources do.",
    Verdict.FALSE: "The record contradicts the claim.",
    Verdict.UNVERIFIABLE: "We could not check the claim either way: the sources we can "
    "archive neither confirm nor refute it (speculation, or what happened behind closed "
    "doors).",
}

# The 1-to-5 scale ClaimReview's reviewRating uses: 5 = accurate. "Unverifiable" has no place
# on it: a 3 would read as between misleading and mostly accurate.
VERDICT_RATING = {
    Verdict.ACCURATE: 5,
    Verdict.MOSTLY_ACCURATE: 4,
    Verdict.MISLEADING: 2,
    Verdict.FALSE: 1,
}


def citation_count(condition: Q | None = None, counted=None) -> Coalesce:
    """A correlated subquery counting (``counted``, by default the rows) the outer claim's
    citations that meet ``condition``: 0 when none do."""
    counted = counted if counted is not None else models.Count("pk")
    per_claim = (
        Citation.objects.filter(condition or Q(), claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=counted)
        .values("n")
    )
    return Coalesce(Subquery(per_claim, output_field=models.IntegerField()), 0)


class ClaimQuerySet(models.QuerySet):
    def public(self) -> ClaimQuerySet:
        """Claims readers may see: rated by a reviewer (a reopened claim keeps its last verdict)."""
        return self.filter(public_q())

    def with_evidence_flags(self) -> ClaimQuerySet:
        """Annotate ``independent_sources`` (publishers supporting it) and ``contradictions``.

        Correlated subqueries, not a join with GROUP BY: a page of the admin's list counts only
        its own rows' citations, where an aggregate over the join grouped every claim first (16 s
        for 50,000 claims and 100,000 citations on SQLite)."""
        return self.annotate(
            independent_sources=citation_count(
                Q(stance=Stance.SUPPORTS), models.Count("source__publisher", distinct=True)
            ),
            contradictions=citation_count(Q(stance=Stance.CONTRADICTS)),
        )

    def with_waiting_since(self) -> ClaimQuerySet:
        """Annotate ``waiting_since``: when a claim waiting for review (submitted, in review or
        reopened) joined the queue — its latest ReviewEvent from draft to submitted, or to
        reopened; None for claims not waiting. Taking a claim into review or handing it back
        does not reset the clock."""
        joined = (
            ReviewEvent.objects.filter(claim=OuterRef("pk"))
            .filter(
                Q(from_status=ClaimStatus.DRAFT, to_status=ClaimStatus.SUBMITTED)
                | Q(to_status=ClaimStatus.REOPENED)
            )
            .order_by("-created_at", "-id")
            .values("created_at")[:1]
        )
        return self.annotate(
            waiting_since=models.Case(
                models.When(status__in=CLAIM_WAITING_STATUSES, then=Subquery(joined)),
                default=None,
                output_field=models.DateTimeField(),
            )
        )

    def flagged(self) -> ClaimQuerySet:
        """Claims resting on fewer than two independent sources, or with a contradicting one."""
        return self.with_evidence_flags().filter(
            Q(independent_sources__lt=MIN_INDEPENDENT_SOURCES) | Q(contradictions__gt=0)
        )

    def review_queue(self) -> ClaimQuerySet:
        """Claims waiting for a reviewer, oldest first."""
        return self.filter(status__in=CLAIM_WAITING_STATUSES).order_by("updated_at")

    def with_contested(self) -> ClaimQuerySet:
        """Annotate ``is_contested``: at least one citation contradicts the claim."""
        return self.annotate(
            is_contested=Exists(
                Citation.objects.filter(claim=OuterRef("pk"), stance=Stance.CONTRADICTS)
            )
        )

    def with_claimants(self) -> ClaimQuerySet:
        """The claimant person and organization, joined, published or not: one join each
        instead of a filtered prefetch query each. A public claim never names an unpublished
        one as the one who said it, so pages check ``is_published``
        (``newsroom/partials/claimant.html``, ``jsonld``, ``api``)."""
        return self.select_related("claimant_person", "claimant_organization")

    def for_listing(self) -> ClaimQuerySet:
        """Claimants and the contested flag, for claim cards and verdict lists: one query."""
        return self.with_claimants().with_contested()

    def for_cards(self) -> ClaimQuerySet:
        """``for_listing`` with only the columns claim cards and the API's claim summaries
        show: a narrower query to compile and read, for the lists on person, organization,
        event and home pages. Not for pages that show more of the claim."""
        return self.for_listing().only(
            *CARD_FIELDS,
            *(f"claimant_person__{name}" for name in ("full_name", "slug", "is_published")),
            *(
                f"claimant_organization__{name}"
                for name in ("name", "acronym", "slug", "is_published")
            ),
        )

    def for_footnotes(self) -> ClaimQuerySet:
        """Claims with their citations, sources and publishers (check ``is_published``), as
        footnotes and the claim page show them: two queries."""
        return self.for_listing().prefetch_related(
            Prefetch("citations", queryset=Citation.objects.with_publishers())
        )

    def for_public_detail(self) -> ClaimQuerySet:
        """Everything a claim page shows, each list only as far as readers may see it."""
        article_model = Claim._meta.get_field("articles").related_model
        # Where it was said is joined, published or not: the page names only a published one.
        return (
            self.for_footnotes()
            .select_related("said_at_event", "said_at_event__place")
            .prefetch_related(
                Prefetch(
                    "review_events",
                    queryset=ReviewEvent.objects.filter(to_status__in=CLAIM_RATED_STATUSES),
                    to_attr="verdict_history",
                ),
                Prefetch(
                    "about_people",
                    queryset=Person.objects.published().select_related("portrait"),
                    to_attr="public_people",
                ),
                Prefetch(
                    "about_organizations",
                    queryset=Organization.objects.published(),
                    to_attr="public_organizations",
                ),
                Prefetch(
                    "about_events",
                    queryset=Event.objects.published().select_related("place"),
                    to_attr="public_events",
                ),
                Prefetch(
                    "articles",
                    queryset=article_model.objects.published().for_listing(),
                    to_attr="public_articles",
                ),
            )
        )


# What a claim card or a claim summary reads of the claim itself, and the keys prefetches
# match it by (who said it, where).
CARD_FIELDS = (
    "slug", "statement", "kind", "status", "verdict", "said_on", "reviewed_at", "updated_at",
    "claimant_person", "claimant_organization", "said_at_event",
)  # fmt: skip


def public_q(prefix: str = "") -> Q:
    """The condition of ``ClaimQuerySet.public()``, for use inside ``Exists`` and ``Prefetch``;
    ``prefix`` (``"claim__"``) puts it on a related claim, as a join rather than an
    ``IN (every public claim)`` subquery."""
    return Q(**{f"{prefix}status__in": CLAIM_RATED_STATUSES}) & ~Q(**{f"{prefix}verdict": ""})


# Workflow fields change only through newsroom.actions, so a revert of content must not touch them.
CLAIM_WORKFLOW_FIELDS = (
    "status",
    "verdict",
    "rationale",
    "reviewer",
    "assignee",
    "reviewed_at",
    "created_by",
    "statement_edited_by",
    "rated_content",
    "checked_content",
    "evidence_editors",
)


@reversion.register(follow=("citations",), exclude=CLAIM_WORKFLOW_FIELDS)
class Claim(models.Model):
    TRANSITIONS: dict[str, frozenset[str]] = {
        ClaimStatus.DRAFT: frozenset({ClaimStatus.SUBMITTED}),
        ClaimStatus.SUBMITTED: frozenset({ClaimStatus.IN_REVIEW, ClaimStatus.DRAFT}),
        ClaimStatus.IN_REVIEW: frozenset({ClaimStatus.REVIEWED, ClaimStatus.SUBMITTED}),
        ClaimStatus.REVIEWED: frozenset({ClaimStatus.REOPENED}),
        ClaimStatus.REOPENED: frozenset({ClaimStatus.REVIEWED}),
    }

    slug = models.SlugField(max_length=200, unique=True)
    statement = models.TextField(
        help_text="One checkable statement, in our words unless it is a quote."
    )
    kind = models.CharField(max_length=20, choices=ClaimKind, default=ClaimKind.FACT)
    claimant_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        verbose_name="claimant (person)",
        help_text="Who said it, when the claim is a quote or attribution.",
    )
    claimant_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        verbose_name="claimant (organization)",
        help_text="The body that said it, e.g. a ministry's statement.",
    )
    said_on = models.DateField("said on", null=True, blank=True)
    said_at_event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims_made_at",
        verbose_name="said at",
    )
    about_people = models.ManyToManyField(
        Person, blank=True, related_name="claims", verbose_name="about people"
    )
    about_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="claims", verbose_name="about organizations"
    )
    about_events = models.ManyToManyField(
        Event, blank=True, related_name="claims", verbose_name="about events"
    )
    about_memberships = models.ManyToManyField(
        Membership, blank=True, related_name="claims", verbose_name="about positions"
    )
    status = models.CharField(
        max_length=20, choices=ClaimStatus, default=ClaimStatus.DRAFT, editable=False
    )
    verdict = models.CharField(max_length=20, choices=Verdict, blank=True, editable=False)
    rationale = models.TextField(blank=True, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_reviewed",
        editable=False,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claims_assigned",
        editable=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_created",
        editable=False,
    )
    # Kept for the four-eyes rule: whoever last changed the wording may not rate it.
    statement_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # What the reviewer saw when rating: statement, kind, claimant, subjects and every citation
    # with its source's archived-text hash. A verdict holds for this content only; any change
    # reopens the claim (newsroom.actions.claims.check_claim_content).
    rated_content = models.JSONField(null=True, blank=True, editable=False)
    # The content as of the last save the rules looked at, so they can tell what changed (and
    # who changed it) whichever path saved it.
    checked_content = models.JSONField(null=True, blank=True, editable=False)
    # Four-eyes counts evidence: whoever changed the statement or citations after the claim was
    # first submitted may not rate it.
    evidence_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "claim"
        indexes = [
            models.Index(fields=["status", "updated_at"], name="claim_status_idx"),
            models.Index(fields=["verdict", "-reviewed_at"], name="claim_verdict_idx"),
            models.Index(fields=["-updated_at"], name="claim_updated_idx"),
            # The public claims: their count (covered by the index) and a verdict's newest.
            models.Index(fields=["status", "verdict", "-reviewed_at"], name="claim_public_idx"),
            # Newest rated first (the claims list, the front page), read in index order.
            models.Index(fields=["-reviewed_at", "-id"], name="claim_reviewed_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=Verdict.values), name="claim_verdict_valid"
            ),
            # A verdict exists exactly when the claim has been reviewed at least once.
            models.CheckConstraint(
                condition=Q(verdict="") | Q(status__in=list(CLAIM_RATED_STATUSES)),
                name="claim_verdict_needs_review",
            ),
        ]
        permissions = [("review_claim", "Can review and rate claims")]

    def __str__(self) -> str:
        return self.statement if len(self.statement) <= 90 else f"{self.statement[:89]}…"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:claim_detail", kwargs={"slug": self.slug})

    def can_transition_to(self, status: str) -> bool:
        """Whether the workflow allows moving from the current status to ``status``."""
        return status in self.TRANSITIONS.get(self.status, frozenset())

    @property
    def has_verdict(self) -> bool:
        return bool(self.verdict)

    @property
    def verdict_is_current(self) -> bool:
        """Whether the verdict rates the claim as it reads now (not one under review again)."""
        return self.status == ClaimStatus.REVIEWED and bool(self.verdict)

    @property
    def rating_value(self) -> int | None:
        return VERDICT_RATING.get(self.verdict)


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Context"


class CitationRole(models.TextChoices):
    """Whether a source is where the claim was made or what we weigh it against.

    Orthogonal to the stance: a quote's transcript is its appearance and supports that it was
    said; Report B is where its misstatement appeared, and Report A is evidence contradicting it.
    Only appearances are ``itemReviewed.appearance`` in a ClaimReview (``newsroom.jsonld``).
    """

    APPEARANCE = "appearance", "Where the claim was made"
    EVIDENCE = "evidence", "Evidence"


class CitationQuerySet(models.QuerySet):
    def with_publishers(self) -> CitationQuerySet:
        """The source and its publisher, joined, published or not (check ``is_published``
        before naming the publisher)."""
        return self.select_related("source", "source__publisher")


@reversion.register()
class Citation(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    excerpt = models.TextField(
        help_text="The exact words in the source that bear on the claim. Use … for omitted text."
    )
    locator = models.CharField(
        max_length=100, blank=True, help_text="Where in the source: “para 3”, “00:12:40”."
    )
    stance = models.CharField(max_length=20, choices=Stance, default=Stance.SUPPORTS)
    role = models.CharField(
        max_length=20,
        choices=CitationRole,
        default=CitationRole.EVIDENCE,
        help_text="“Where the claim was made” if this source is an appearance of the claim "
        "itself (the statement, the transcript, the report that made it); “Evidence” if it "
        "bears on whether the claim is true.",
    )
    excerpt_verified = models.BooleanField(
        "excerpt found in archived text",
        null=True,
        editable=False,
        help_text="Unknown until checked against the source's archived text.",
    )
    closest_passage = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "id"]
        verbose_name = "citation"
        indexes = [models.Index(fields=["source", "claim"], name="citation_source_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values), name="citation_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(role__in=CitationRole.values), name="citation_role_valid"
            ),
            # An index on the hash, not the text: PostgreSQL cannot index long text in a btree.
            models.UniqueConstraint(
                "claim",
                "source",
                MD5("excerpt"),
                name="citation_unique_excerpt",
                violation_error_message="This claim already cites this excerpt from this source.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_stance_display().lower()})"


class ReviewEvent(models.Model):
    """One move in a claim's review: the audit row ``newsroom.actions`` writes on every move.

    Not versioned: audit rows are written once and never edited, so they are their own history.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_events")
    # Empty for moves the rules make on their own, e.g. reopening after a shell edit.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_events",
    )
    from_status = models.CharField(max_length=20, choices=ClaimStatus)
    to_status = models.CharField(max_length=20, choices=ClaimStatus)
    verdict = models.CharField(max_length=20, choices=Verdict, blank=True)
    note = models.TextField(blank=True)
    # The revision the move recorded: the claim as it was right after the move.
    revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "review event"
        indexes = [models.Index(fields=["claim", "-created_at"], name="reviewevent_claim_idx")]

    def __str__(self) -> str:
        """ "Submitted for review → in review, by Priya Raman" (select the actor)."""
        by = self.actor if self.actor_id else "the review rules"
        moved = f"{self.get_from_status_display()} → {self.get_to_status_display().lower()}"
        return f"{moved}, by {by}"


class ClaimSlug(models.Model):
    """A slug a public claim had before it was renamed: its old address answers with a 301 and
    article references written with it keep resolving."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "old claim slug"

    def __str__(self) -> str:
        return f"old address “{self.slug}”"
