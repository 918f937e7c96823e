"""Admin for articles, their sections, tags, bylines, corrections and publishing history."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from newsroom import actions
from newsroom.admin.base import ReadOnlyAdminMixin, WorkflowVersionAdmin
from newsroom.admin.publishing import ArticleAdminForm, ArticlePublishingMixin
from newsroom.exceptions import WorkflowError
from newsroom.history.admin import HistoryAdmin
from newsroom.history.admin_input import SafeRelationsMixin
from newsroom.models import (
    ARTICLE_WORKFLOW_FIELDS,
    Article,
    ArticleEvent,
    ArticleStatus,
    Author,
    Correction,
    Section,
    Tag,
)


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    list_display = ("name", "slug", "position")
    list_filter = ()
    list_select_related = ()
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((None, {"fields": ("name", "slug", "description", "position")}),)


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    list_display = ("name", "slug")
    list_filter = ()
    list_select_related = ()
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((None, {"fields": ("name", "slug")}),)


@admin.register(Author)
class AuthorAdmin(HistoryAdmin):
    list_display = ("name", "role", "user")
    list_filter = ("role",)
    list_select_related = ("user",)
    search_fields = ("name", "slug", "role", "user__username")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = ((None, {"fields": ("name", "slug", "role", "user", "bio")}),)


class CorrectionInlineForm(forms.ModelForm):
    """New corrections are written here; a saved correction is shown but cannot be changed."""

    class Meta:
        model = Correction
        fields = ("kind", "text")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Disabled fields ignore whatever is posted and keep the saved value.
            for field in self.fields.values():
                field.disabled = True


class CorrectionInline(SafeRelationsMixin, admin.StackedInline):
    """Corrections are appended, never edited away: add new ones, saved ones are read-only."""

    model = Correction
    form = CorrectionInlineForm
    extra = 0
    fields = ("kind", "text", ("created_at", "created_by"))
    readonly_fields = ("created_at", "created_by")
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Correction]:
        """Select who wrote each correction."""
        return super().get_queryset(request).select_related("created_by")

    def has_delete_permission(self, request, obj=None) -> bool:
        """Never from the article form: corrections are appended, never edited away."""
        return False


@admin.register(Article)
class ArticleAdmin(ArticlePublishingMixin, WorkflowVersionAdmin):
    workflow_fields = ARTICLE_WORKFLOW_FIELDS
    form = ArticleAdminForm
    change_form_template = "admin/newsroom/article/change_form.html"
    list_display = ("headline", "kind", "section", "status", "published_at", "updated_at")
    # A date filter, not date_hierarchy: the hierarchy's year links are a DISTINCT over every
    # article's date on each load (0.4 s at 10,000 articles); these links cost no query.
    list_filter = ("status", ("published_at", admin.DateFieldListFilter), "kind", "section", "tags")
    list_select_related = ("section",)
    search_fields = ("headline", "slug", "standfirst", "body")
    # No COUNT of every article beside a filtered one's (the paginator counts the filtered).
    show_full_result_count = False
    prepopulated_fields = {"slug": ("headline",)}
    autocomplete_fields = ("lead_image", "tags", "bylines")
    readonly_fields = ARTICLE_WORKFLOW_FIELDS + (
        "created_by",
        "created_at",
        "updated_at",
        "claims",
        "related_people",
        "related_organizations",
        "related_events",
    )
    fieldsets = (
        (None, {"fields": ("headline", "slug", "kind", "section", "standfirst", "body")}),
        ("Presentation", {"fields": ("lead_image", "bylines", "tags")}),
        (
            "Publishing",
            {
                "fields": (
                    "status",
                    ("published_at", "first_published_at", "last_updated_at"),
                    ("created_by", "created_at", "updated_at"),
                ),
                "description": "Changed only through the publishing workflow.",
            },
        ),
        (
            "References",
            {
                "fields": ("claims", "related_people", "related_organizations", "related_events"),
                "description": "Kept in step with the [[claim:…]], [[person:…]], [[org:…]] and "
                "[[event:…]] references in the body each time the article is saved.",
            },
        ),
    )
    inlines = (CorrectionInline,)
    actions = ("submit_for_review",)

    class Media:
        css = {"all": ["css/admin/publishing.css"]}

    def get_object(self, request, object_id, from_field=None):
        """The article as the change form edits it: its draft, when it has one."""
        article = super().get_object(request, object_id, from_field)
        if article is not None and article.draft_version_id:
            return actions.draft_of(article)
        return article

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        """Save a draft or in-review article; an approved, scheduled or live one is saved as a
        draft in ``save_related``, its row left as readers see it."""
        if change and obj.is_frozen:
            return
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change: bool) -> None:
        """Append each new correction through ``actions.add_correction`` (saved ones are
        read-only: their disabled fields ignore whatever is posted)."""
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.pk is not None:
                continue
            try:
                actions.add_correction(
                    article=form.instance,
                    actor=request.user,
                    kind=correction.kind,
                    text=correction.text,
                )
            except (WorkflowError, ValidationError) as error:
                self.message_user(request, f"Correction not added: {error}", messages.ERROR)

    def save_related(self, request, form, formsets, change: bool) -> None:
        """Save the inlines, then the content: as a draft for an approved, scheduled or live
        article (``actions.save_article_draft``), else on the row with its references synced.

        References that match nothing are listed in a warning for the editor to fix.
        """
        article = form.instance
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        if change and article.is_frozen:
            m2m = {
                name: list(form.cleaned_data[name])
                for name in ("tags", "bylines")
                if name in form.cleaned_data
            }
            reason = (form.cleaned_data.get("change_reason") or "").strip()
            actions.save_article_draft(
                article=article,
                actor=request.user,
                m2m=m2m,
                comment=f"Draft saved: {reason}" if reason else "",
            )
            self.message_user(
                request,
                "Saved as a draft: readers still see the published version until an editor "
                "publishes the changes.",
                messages.WARNING,
            )
        else:
            form.save_m2m()
            missing = actions.sync_article_references(article=article)
            unknown = [f"[[{kind}:{slug}]]" for kind, slugs in missing.items() for slug in slugs]
            if unknown:
                self.message_user(
                    request,
                    "These references in the body match nothing and were left unlinked: "
                    + ", ".join(unknown),
                    messages.WARNING,
                )

    def requires_change_reason(self, request: HttpRequest, obj: Article) -> bool:
        """Never: a change to an approved, scheduled or live article is kept as a draft readers
        do not see, and no other article is public."""
        return False

    def revert_consequence(self, obj: Article) -> str:
        """An approved, scheduled or live article gets the old version as a draft."""
        if obj.is_frozen:
            return (
                "This article is "
                f"{obj.get_status_display().lower()}: the old version becomes a draft, and "
                "readers keep seeing the published text until an editor publishes the draft."
            )
        return ""

    def reverted_message(self, obj: Article) -> str:
        """Say when the reverted version is only a draft so far."""
        if obj.is_frozen:
            return (
                f"The old version of “{obj}” is saved as a draft; readers still see the "
                "published text."
            )
        return super().reverted_message(obj)

    @admin.action(description="Submit selected articles for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        return self.run_workflow_action(
            request,
            queryset,
            lambda article: actions.transition_article(
                article=article, to_status=ArticleStatus.IN_REVIEW, actor=request.user
            ),
            done="Submitted for review",
        )


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    """Corrections can be added here too; once saved they are read-only and never deleted."""

    list_display = ("article", "kind", "created_at", "created_by")
    list_filter = ("kind",)
    list_select_related = ("article", "created_by")
    search_fields = ("text", "article__headline")
    date_hierarchy = "created_at"
    autocomplete_fields = ("article",)
    readonly_fields = ("created_at", "created_by")
    fieldsets = ((None, {"fields": ("article", "kind", "text", "created_at", "created_by")}),)

    def has_change_permission(self, request, obj=None) -> bool:
        """Saved corrections are never edited (the list itself stays usable)."""
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        """Never, even for editors: a correction stays public once made."""
        return False

    def save_model(self, request, obj: Correction, form, change: bool) -> None:
        """Record who wrote the correction."""
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ArticleEvent)
class ArticleEventAdmin(ReadOnlyAdminMixin, SafeRelationsMixin, admin.ModelAdmin):
    """The audit trail of publishing moves; not versioned, since it is never edited."""

    list_display = ("created_at", "article", "from_status", "to_status", "actor")
    list_filter = ("to_status",)
    list_select_related = ("article", "actor")
    search_fields = ("article__headline", "note", "override_reason", "actor__username")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("article", "actor", "created_at")}),
        ("Move", {"fields": ("from_status", "to_status", "note", "override_reason")}),
    )
    readonly_fields = (
        "article",
        "actor",
        "created_at",
        "from_status",
        "to_status",
        "note",
        "override_reason",
    )
