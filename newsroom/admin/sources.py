"""Admin for images and sources: the material articles show and claims rest on."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from reversion.admin import VersionAdmin

from newsroom import actions
from newsroom.models import Image, Source


@admin.register(Image)
class ImageAdmin(VersionAdmin):
    list_display = ("alt_text", "credit", "width", "height", "portrait_of", "uploaded_at")
    list_filter = ("uploaded_at",)
    list_select_related = ("portrait_of",)
    search_fields = ("alt_text", "caption", "credit")
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ("portrait_of",)
    readonly_fields = ("width", "height", "uploaded_at")
    fieldsets = (
        (None, {"fields": ("file", "alt_text", "caption", "credit")}),
        ("Use", {"fields": ("portrait_of",)}),
        ("File", {"fields": (("width", "height"), "uploaded_at")}),
    )


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    # Links are entered without a scheme as often as not; the web is https now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "title",
        "publisher",
        "kind",
        "published_on",
        "language",
        "is_archived",
        "citation_count",
    )
    list_filter = ("kind", "language")
    list_select_related = ("publisher",)
    search_fields = ("title", "url", "author", "publisher__name", "publisher__acronym")
    date_hierarchy = "published_on"
    autocomplete_fields = ("publisher",)
    readonly_fields = ("archived_sha256", "created_at")
    fieldsets = (
        (None, {"fields": ("title", "kind", "publisher", "author", "published_on", "language")}),
        (
            "Where to find it",
            {"fields": ("url", "archived_text", "archived_at", "archived_sha256")},
        ),
        ("Newsroom only", {"fields": ("notes", "created_at")}),
    )

    def save_model(self, request, obj: Source, form, change: bool) -> None:
        """Save, and re-check every citation's excerpt when the archived text changed."""
        super().save_model(request, obj, form, change)
        if change and "archived_text" in form.changed_data:
            actions.reverify_source_citations(source=obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        """Count citations in the list query itself, not once per row."""
        return super().get_queryset(request).annotate(citations_total=Count("citations"))

    @admin.display(description="citations", ordering="citations_total")
    def citation_count(self, obj: Source) -> int:
        return obj.citations_total

    @admin.display(description="archived", boolean=True)
    def is_archived(self, obj: Source) -> bool:
        return bool(obj.archived_text)
