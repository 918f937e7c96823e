"""Admin for people, organizations and the positions people hold, with full revision history.

Every admin is a ``HistoryAdmin`` (profiles/history_admin.py, a reversion ``VersionAdmin``): saves
record a revision (user and comment), and editors can list, compare, revert and recover. Person
and Organization are registered with reversion to follow their memberships, so one revision holds
a profile together with its positions.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from newsroom.history.admin import HistoryAdmin
from newsroom.history.admin_input import SafeRelationsMixin
from profiles.models import Membership, Organization, Person


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = "held"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("current", "Currently held"), ("past", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "past":
            return queryset.filter(end_date__isnull=False)
        return queryset


class MembershipInline(SafeRelationsMixin, admin.TabularInline):
    """Positions held; used on both sides, so the link to the page's own object is left out."""

    model = Membership
    extra = 0
    autocomplete_fields = ("person", "organization")
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        """Select both ends, which each row's label shows."""
        return super().get_queryset(request).select_related("person", "organization")


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ("full_name", "native_name", "summary", "is_published", "updated_at")
    list_display_links = ("full_name",)
    list_filter = ("is_published", "name_order")
    list_select_related = ()
    search_fields = ("full_name", "given_name", "family_name", "native_name", "aliases", "slug")
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ("full_name",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            "Name",
            {
                "fields": (
                    "full_name",
                    ("given_name", "family_name", "name_order"),
                    "native_name",
                    "aliases",
                    "slug",
                )
            },
        ),
        (
            "About",
            {
                "fields": (
                    ("birth_date", "birth_date_precision"),
                    "birthplace",
                    "summary",
                    "biography",
                    "wikidata_id",
                )
            },
        ),
        ("Publishing", {"fields": ("is_published", ("created_at", "updated_at"))}),
    )
    inlines = (MembershipInline,)


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin):
    # Links are entered without a scheme as often as not; the web is https now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "name",
        "acronym",
        "kind",
        "parent",
        "country",
        "seats",
        "member_count",
        "is_published",
    )
    list_filter = ("kind", "is_published", "country")
    list_select_related = ("parent",)
    search_fields = ("name", "acronym", "slug", "country")
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "kind", "parent", "country", "seats")}),
        ("About", {"fields": ("summary", "description", "website", "wikidata_id")}),
        ("Publishing", {"fields": ("is_published", ("created_at", "updated_at"))}),
    )
    inlines = (MembershipInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organization]:
        """Count current members in the same query as the list, not once per row."""
        return (
            super()
            .get_queryset(request)
            .annotate(
                current_members=Count("memberships", filter=Q(memberships__end_date__isnull=True))
            )
        )

    @admin.display(description="current members", ordering="current_members")
    def member_count(self, obj: Organization) -> int:
        return obj.current_members


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = (
        "person",
        "role",
        "organization",
        "rank_display",
        "period_display",
        "is_current",
    )
    list_filter = (CurrentMembershipFilter, "organization__kind", "start_precision")
    list_select_related = ("person", "organization")
    search_fields = (
        "person__full_name",
        "person__native_name",
        "organization__name",
        "organization__acronym",
        "role",
    )
    date_hierarchy = "start_date"
    autocomplete_fields = ("person", "organization")
    fieldsets = (
        (None, {"fields": ("person", "organization", "role", "rank")}),
        (
            "Period",
            {
                "fields": (("start_date", "start_precision"), ("end_date", "end_precision")),
                "description": "A date known only to the year or month is stored as the first "
                "day of that period and shown no more precisely than it is known.",
            },
        ),
        (None, {"fields": ("note",)}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        """Select person and organization, which every label and the rank column read.

        Also used by the autocomplete widgets of other admins (claims about positions).
        """
        return super().get_queryset(request).select_related("person", "organization")

    @admin.display(description="rank", ordering="rank")
    def rank_display(self, obj: Membership) -> str:
        return obj.rank_display

    @admin.display(description="period", ordering="start_date")
    def period_display(self, obj: Membership) -> str:
        return obj.period_display

    @admin.display(description="current", boolean=True, ordering="end_date")
    def is_current(self, obj: Membership) -> bool:
        return obj.is_current
