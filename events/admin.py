"""Admin for places, events and who took part in them, with full revision history.

Event times are entered as the wall-clock time at the event's place ("14:00 in Tianjin"), not in
the newsroom's time zone; ``EventAdminForm`` does the conversion both ways.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from events.models import Event, Participation, Place
from newsroom.history.admin import HistoryAdmin
from newsroom.history.admin_input import SafeRelationsMixin

LOCAL_TIME_HELP = (
    "Local time at the event's place, in the place's time zone (for Tianjin, China Standard "
    "Time), whatever the newsroom's own time zone. Without a place, the newsroom's time zone."
)


def _exists_in_zone(wall: dt.datetime, tz: dt.tzinfo) -> bool:
    """Whether the naive wall-clock time ``wall`` occurs in ``tz`` (not skipped by a DST jump)."""
    aware = wall.replace(tzinfo=tz)
    return aware.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) == wall


class EventAdminForm(forms.ModelForm):
    """Shows and reads ``starts_at``/``ends_at`` in the time zone of the event's place.

    Django's admin turns what the editor types into an aware datetime in the site's time zone.
    ``clean`` keeps the wall-clock reading and reinterprets it in the place's zone, and the
    initial values are converted to that zone, so a 14:00 meeting in Tianjin shows and saves
    as 14:00 Asia/Shanghai (06:00 UTC) wherever the newsroom is.
    """

    TIME_FIELDS = ("starts_at", "ends_at")

    class Meta:
        model = Event
        fields = (
            "title",
            "slug",
            "kind",
            "status",
            "status_reason",
            "starts_at",
            "start_precision",
            "ends_at",
            "end_precision",
            "place",
            "parent",
            "replaced_by",
            "organizer",
            "summary",
            "description",
            "is_published",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.TIME_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = LOCAL_TIME_HELP
        place = self.instance.place if self.instance.place_id else None
        if place is not None:
            for name in self.TIME_FIELDS:
                value = self.initial.get(name)
                if isinstance(value, dt.datetime) and timezone.is_aware(value):
                    # Naive values are shown as they are, so this is the place's wall clock.
                    self.initial[name] = timezone.localtime(value, place.tzinfo).replace(
                        tzinfo=None
                    )

    def clean(self) -> dict:
        """Reinterpret the entered wall-clock times in the place's time zone.

        A time that does not exist there (skipped when the clocks went forward) is an error on
        its field rather than a silent shift.
        """
        cleaned = super().clean()
        place = cleaned.get("place")
        if place is None:
            return cleaned
        tz = place.tzinfo
        for name in self.TIME_FIELDS:
            value = cleaned.get(name)
            if value is None:
                continue
            wall = timezone.localtime(value).replace(tzinfo=None)
            if not _exists_in_zone(wall, tz):
                self.add_error(
                    name,
                    f"{wall:%d %b %Y %H:%M} does not exist in {place.time_zone} "
                    "(the clocks changed).",
                )
                continue
            cleaned[name] = timezone.make_aware(wall, tz)
        return cleaned


@admin.register(Place)
class PlaceAdmin(HistoryAdmin):
    list_display = ("name", "country", "time_zone", "latitude", "longitude")
    list_filter = ("country", "time_zone")
    list_select_related = ()
    search_fields = ("name", "country", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "country", "time_zone")}),
        ("Coordinates", {"fields": (("latitude", "longitude"),)}),
    )


class ParticipationInline(SafeRelationsMixin, admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("person", "role", "organization", "note")
    autocomplete_fields = ("person", "organization")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Participation]:
        """Select what each row shows."""
        return super().get_queryset(request).select_related("person", "organization")


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    form = EventAdminForm
    list_display = ("title", "kind", "status", "when", "place", "parent", "is_published")
    list_filter = ("status", "kind", "is_published")
    list_select_related = ("place", "parent")
    search_fields = ("title", "slug", "summary", "place__name")
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("place", "parent", "replaced_by", "organizer")
    readonly_fields = ("time_zone", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "organizer", "summary", "description")}),
        (
            "When and where",
            {
                "fields": (
                    "place",
                    "time_zone",
                    ("starts_at", "start_precision"),
                    ("ends_at", "end_precision"),
                ),
                "description": "Times are the local time at the place.",
            },
        ),
        ("Status", {"fields": ("status", "status_reason", "parent", "replaced_by")}),
        ("Publishing", {"fields": ("is_published", ("created_at", "updated_at"))}),
    )
    inlines = (ParticipationInline,)

    @admin.display(description="when (local time)", ordering="starts_at")
    def when(self, obj: Event) -> str:
        return obj.when_display

    @admin.display(description="time zone of the times below")
    def time_zone(self, obj: Event) -> str:
        if obj.pk and obj.place_id:
            return obj.place.time_zone
        return f"{timezone.get_current_timezone_name()} (no place chosen yet)"


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ("person", "role", "event", "organization")
    list_filter = ("role",)
    list_select_related = ("person", "event", "organization")
    search_fields = ("person__full_name", "event__title", "organization__name", "note")
    date_hierarchy = "event__starts_at"
    autocomplete_fields = ("event", "person", "organization")
    fieldsets = ((None, {"fields": ("event", "person", "role", "organization", "note")}),)
