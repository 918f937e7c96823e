"""Admin for images and sources: the material articles show and claims rest on."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from newsroom import actions
from newsroom.admin.base import RulesAdminMixin
from newsroom.admin.image_upload import ImageAdminForm, image_uses
from newsroom.history.admin import HistoryAdmin
from newsroom.models import Image, Source


@admin.register(Image)
class ImageAdmin(HistoryAdmin):
    form = ImageAdminForm
    delete_confirmation_template = "admin/newsroom/image/delete_confirmation.html"
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The whole form, its transaction included: files written for a save that does not
        commit (the revision or the log entry failing after ``save_model``) are deleted."""
        with actions.media_kept_only_if_saved():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj: Image, form, change: bool) -> None:
        """Store a new upload upright and stripped of EXIF; its renditions follow in a task."""
        upload = form.prepared_upload if "file" in form.changed_data else None
        actions.store_image(image=obj, upload=upload)

    def delete_view(self, request, object_id, extra_context=None):
        """Say where the image is used before it is deleted (an article's lead image blocks it;
        a portrait is only unlinked, so the confirmation page warns about it)."""
        image = self.get_object(request, unquote(object_id))
        uses = image_uses(image) if image is not None else []
        extra_context = {
            **(extra_context or {}),
            "image_uses": uses,
            "image_blocked": any(use.blocks_delete for use in uses),
        }
        return super().delete_view(request, object_id, extra_context)


@admin.register(Source)
class SourceAdmin(RulesAdminMixin, HistoryAdmin):
    """Sources. A change to the archived text re-checks every excerpt cited from it and reopens
    the rated claims citing it (``newsroom.receivers``), in the same transaction."""

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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        """Count citations in the list query itself, not once per row."""
        return super().get_queryset(request).annotate(citations_total=Count("citations"))

    @admin.display(description="citations", ordering="citations_total")
    def citation_count(self, obj: Source) -> int:
        return obj.citations_total

    @admin.display(description="archived", boolean=True)
    def is_archived(self, obj: Source) -> bool:
        return bool(obj.archived_text)
