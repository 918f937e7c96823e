"""Admin for claims, their citations and the audit trail of their review.

A claim's review status, verdict and reviewer change only through ``newsroom.actions``: the
form shows them read-only, and the changelist actions call the workflow functions.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timesince import timesince

from newsroom import actions
from newsroom.admin.base import ReadOnlyAdminMixin, RulesAdminMixin, WorkflowVersionAdmin
from newsroom.admin.claims_export import ClaimExportMixin
from newsroom.admin.filters import AgeFilter, EvidenceFilter, ReviewQueueFilter
from newsroom.admin.review import BulkAssignForm, ClaimReviewMixin
from newsroom.history.admin import HistoryAdmin
from newsroom.history.admin_input import SafeRelationsMixin
from newsroom.models import CLAIM_RATED_STATUSES, Citation, Claim, ClaimStatus, ReviewEvent
from newsroom.models.claims import citation_count
from newsroom.names import user_name
from profiles.models import Membership

DUPLICATE_CITATION = (
    "This claim cites the same excerpt from the same source twice; remove one of the rows."
)


class CitationInlineFormSet(forms.BaseInlineFormSet):
    """Refuses the same (source, excerpt) twice within one submission.

    ``citation_unique_excerpt`` is a UniqueConstraint on an expression (the MD5 of the excerpt).
    Each form checks it against the rows already saved, but Django's formset-level
    ``validate_unique`` compares forms only on plain fields, so two new identical rows would
    both pass and the second insert would fail in the database.
    """

    def clean(self) -> None:
        super().clean()
        seen: dict[tuple[int, str], int] = {}
        for index, form in enumerate(self.forms):
            if not form.is_valid() or self._should_delete_form(form):
                continue
            source, excerpt = form.cleaned_data.get("source"), form.cleaned_data.get("excerpt")
            if source is None or not excerpt:
                continue
            key = (source.pk, excerpt)
            if key in seen:
                form.add_error("excerpt", DUPLICATE_CITATION)
                raise forms.ValidationError(
                    f"Citations {seen[key] + 1} and {index + 1} are the same excerpt from "
                    f"“{source}”. {DUPLICATE_CITATION}",
                    code="duplicate_citation",
                )
            seen[key] = index


class CitationInline(SafeRelationsMixin, admin.StackedInline):
    model = Citation
    formset = CitationInlineFormSet
    extra = 0
    fields = (("source", "role", "stance", "locator"), "excerpt", "excerpt_verified")
    readonly_fields = ("excerpt_verified",)
    autocomplete_fields = ("source",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        """Select the source each row names."""
        return super().get_queryset(request).select_related("source")


class ReviewEventInline(ReadOnlyAdminMixin, SafeRelationsMixin, admin.TabularInline):
    """The claim's review history, read-only: only the workflow writes it."""

    model = ReviewEvent
    extra = 0
    fields = ("created_at", "actor", "from_status", "to_status", "verdict", "note")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "review history"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReviewEvent]:
        """Select who made each move."""
        return super().get_queryset(request).select_related("actor")


class ReviewQueueChangeList(ChangeList):
    """The review queue (the ``queue`` filter) in its order unless a column is chosen: what has
    waited longest first (``waiting_since``, annotated by ``ClaimAdmin.get_queryset``). Not
    ``ClaimAdmin.get_ordering``: Django also orders the claim choices of other forms (a
    citation's claim) by it, on a queryset without the annotation.

    The whole list keeps the model's order, most recently changed first: sorting every claim
    by when it joined the queue is a pass over all of them (about 200 ms at 50,000 claims,
    against 5 ms), where the queue's filter sorts only the claims waiting."""

    def _get_default_ordering(self):
        if self.params.get(ReviewQueueFilter.parameter_name):
            return [F("waiting_since").asc(nulls_last=True), "-pk"]
        return super()._get_default_ordering()


@admin.register(Claim)
class ClaimAdmin(ClaimExportMixin, ClaimReviewMixin, WorkflowVersionAdmin):
    workflow_fields = (
        "status",
        "verdict",
        "rationale",
        "reviewer",
        "assignee",
        "reviewed_at",
        "created_by",
        "statement_edited_by",
    )
    # Fits 1,280 px beside the admin's menu and the filters (some 630 px for the table): the
    # statement cut short (whole in its tooltip) over who said it, the status over the
    # verdict, the sources over their flag, short dates (review.css).
    list_display = (
        "statement_short",
        "review",
        "evidence",
        "assignee_name",
        "waiting_since",
        "updated",
    )
    list_filter = (
        ReviewQueueFilter,
        EvidenceFilter,
        "status",
        "verdict",
        AgeFilter,
        "kind",
    )
    list_select_related = ("claimant_person", "claimant_organization", "assignee")
    search_fields = (
        "slug",
        "statement",
        "claimant_person__full_name",
        "claimant_organization__name",
        "claimant_organization__acronym",
    )
    # No date_hierarchy: its year links are a DISTINCT over every claim's date on each load
    # (2.8 s at 50,000 claims); AgeFilter finds the stale ones. No COUNT of every claim beside
    # a filtered one's either (the paginator counts the filtered).
    show_full_result_count = False
    prepopulated_fields = {"slug": ("statement",)}
    autocomplete_fields = (
        "claimant_person",
        "claimant_organization",
        "said_at_event",
        "about_people",
        "about_organizations",
        "about_events",
        "about_memberships",
    )
    readonly_fields = workflow_fields + ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("statement", "slug", "kind")}),
        (
            "Who said it, when and where",
            {"fields": ("claimant_person", "claimant_organization", "said_on", "said_at_event")},
        ),
        (
            "What it is about",
            {
                "fields": (
                    "about_people",
                    "about_organizations",
                    "about_events",
                    "about_memberships",
                )
            },
        ),
        (
            "Review",
            {
                "fields": (
                    ("status", "assignee"),
                    ("verdict", "reviewer", "reviewed_at"),
                    "rationale",
                    ("created_by", "statement_edited_by"),
                    ("created_at", "updated_at"),
                ),
                "description": "Changed only through the review workflow: use the buttons "
                "under “Review” at the top of this page, or the actions on the claims list.",
            },
        ),
    )
    inlines = (CitationInline, ReviewEventInline)
    actions = ("submit_for_review", "assign_to_me", "assign_to_reviewer")

    class Media:
        css = {"all": ["css/admin/review.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        """Count citations and the evidence flags in the list query itself, never per row."""
        return (
            super()
            .get_queryset(request)
            .with_evidence_flags()
            .with_waiting_since()
            .annotate(citations_total=citation_count())
        )

    def get_changelist(self, request: HttpRequest, **kwargs):
        return ReviewQueueChangeList

    # The review queue's filters (ReviewQueueFilter) name the page they make.
    QUEUE_TITLES = {
        "waiting": "Review queue: claims waiting for review",
        "mine": "Review queue: claims assigned to me",
        "unassigned": "Review queue: claims nobody has taken yet",
    }

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """The list; filtered to the review queue, titled as the queue."""
        title = self.QUEUE_TITLES.get(request.GET.get(ReviewQueueFilter.parameter_name, ""))
        if title:
            extra_context = {"title": title, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """Label positions without a query per selected row."""
        if db_field.name == "about_memberships":
            kwargs["queryset"] = Membership.objects.select_related("person", "organization")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def requires_change_reason(self, request: HttpRequest, obj: Claim) -> bool:
        """Readers can see it: the claim has a published verdict."""
        return obj.status in CLAIM_RATED_STATUSES and bool(obj.verdict)

    def revert_consequence(self, obj: Claim) -> str:
        """A rated claim that reads differently after the revert is reopened."""
        if obj.status == ClaimStatus.REVIEWED:
            return (
                "This claim is rated: if the old version reads differently from what was rated, "
                "the claim is reopened for review, and you may not rate it yourself."
            )
        return ""

    def has_review_permission(self, request: HttpRequest) -> bool:
        """Taking a claim into review is for fact-checkers (``newsroom.review_claim``)."""
        return request.user.has_perm("newsroom.review_claim")

    @admin.display(description="claimant")
    def claimant(self, obj: Claim) -> str:
        return str(obj.claimant_person or obj.claimant_organization or "")

    @admin.display(description="claim", ordering="statement")
    def statement_short(self, obj: Claim) -> str:
        claimant = self.claimant(obj)
        return format_html(
            '<span title="{}">{}</span>{}',
            obj.statement,
            Truncator(obj.statement).chars(80),
            format_html('<br><span class="quiet">{}</span>', claimant) if claimant else "",
        )

    @admin.display(description="status", ordering="status")
    def review(self, obj: Claim) -> str:
        if not obj.verdict:
            return obj.get_status_display()
        return format_html(
            '{}<br><span class="claim-verdict">{}</span>',
            obj.get_status_display(),
            obj.get_verdict_display(),
        )

    @admin.display(description="sources", ordering="independent_sources")
    def evidence(self, obj: Claim) -> str:
        """Independent publishers supporting it, of how many citations, and the flag."""
        flag = self.flag(obj)
        return format_html(
            '<span title="{} independent supporting, of {} citation{}">{}</span>{}',
            obj.independent_sources,
            obj.citations_total,
            "" if obj.citations_total == 1 else "s",
            obj.independent_sources,
            format_html("<br>{}", flag) if flag else "",
        )

    @admin.display(description="assignee", ordering="assignee__first_name")
    def assignee_name(self, obj: Claim) -> str:
        return user_name(obj.assignee) if obj.assignee else "—"

    @admin.display(description="waiting since", ordering="waiting_since")
    def waiting_since(self, obj: Claim) -> str:
        if obj.waiting_since is None:
            return "—"
        when = timezone.localtime(obj.waiting_since)
        return format_html(
            '<time datetime="{}" title="{}">{}</time><br><span class="quiet">{}</span>',
            when.isoformat(),
            date_format(when, "DATETIME_FORMAT"),
            date_format(when, "j M"),
            timesince(when, depth=1),
        )

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, obj: Claim) -> str:
        when = timezone.localtime(obj.updated_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            when.isoformat(),
            date_format(when, "DATETIME_FORMAT"),
            date_format(when, "j M"),
        )

    @admin.action(description="Submit selected claims for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        return self.run_workflow_action(
            request,
            queryset,
            lambda claim: actions.submit_claim(claim=claim, actor=request.user),
            done="Submitted for review",
        )

    @admin.action(description="Assign selected claims to me for review", permissions=["review"])
    def assign_to_me(self, request, queryset):
        return self.run_workflow_action(
            request,
            queryset,
            lambda claim: actions.assign_claim(claim=claim, actor=request.user),
            done="Assigned to you",
        )

    @admin.action(description="Assign selected claims to a reviewer…", permissions=["review"])
    def assign_to_reviewer(self, request, queryset):
        """An intermediate page: choose one reviewer (among those four-eyes allows for the
        claims), then each claim is assigned through ``actions.assign_claim``; the ones it
        refuses are reported with its reason."""
        claims = list(queryset.order_by("pk"))
        form = BulkAssignForm(
            request.POST if "apply" in request.POST else None, claims=claims, user=request.user
        )
        if form.is_valid():
            reviewer, note = form.cleaned_data["assignee"], form.cleaned_data["note"]
            return self.run_workflow_action(
                request,
                claims,
                lambda claim: actions.assign_claim(
                    claim=claim, actor=request.user, assignee=reviewer, note=note
                ),
                done=f"Assigned to {user_name(reviewer)}",
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign claims to a reviewer",
            "subtitle": None,
            "opts": self.model._meta,
            "media": self.media,
            "claims": claims,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/newsroom/claim/assign_reviewer.html", context)


@admin.register(Citation)
class CitationAdmin(RulesAdminMixin, HistoryAdmin):
    list_display = (
        "claim", "source", "role", "stance", "locator", "excerpt_verified", "created_at"
    )  # fmt: skip
    list_filter = ("role", "stance", "excerpt_verified")
    list_select_related = ("claim", "source")
    search_fields = ("excerpt", "claim__slug", "claim__statement", "source__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("claim", "source")
    readonly_fields = ("excerpt_verified", "closest_passage", "created_at")
    fieldsets = (
        (None, {"fields": ("claim", "source", "role", "stance", "excerpt", "locator")}),
        ("Check against the archived text", {"fields": ("excerpt_verified", "closest_passage")}),
        (None, {"fields": ("created_at",)}),
    )


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdminMixin, SafeRelationsMixin, admin.ModelAdmin):
    """The audit trail of review moves; not versioned, since it is never edited."""

    list_display = ("created_at", "claim", "from_status", "to_status", "verdict", "actor")
    list_filter = ("to_status", "verdict")
    list_select_related = ("claim", "actor")
    search_fields = ("claim__slug", "claim__statement", "note", "actor__username")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("claim", "actor", "created_at")}),
        ("Move", {"fields": ("from_status", "to_status", "verdict", "note")}),
    )
    readonly_fields = (
        "claim",
        "actor",
        "created_at",
        "from_status",
        "to_status",
        "verdict",
        "note",
    )
