"""Places, events (summits, meetings, banquets, briefings) and who took part in them."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from profiles.models import Organization, Person
from profiles.partial_dates import DatePrecision, format_partial_date


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not a time zone name; use one such as Asia/Shanghai.",
            params={"value": value},
        )


@reversion.register()
class Place(models.Model):
    name = models.CharField(max_length=200, help_text="e.g. Tianjin")
    slug = models.SlugField(max_length=200, unique=True)
    country = models.CharField(max_length=100, blank=True)
    time_zone = models.CharField(
        "time zone",
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="IANA name, e.g. Asia/Shanghai. Event times are shown in it.",
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "place"
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.country}" if self.country else self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class EventKind(models.TextChoices):
    SUMMIT = "summit", "Summit"
    BILATERAL = "bilateral", "Bilateral meeting"
    MEETING = "meeting", "Meeting"
    BANQUET = "banquet", "Banquet"
    BRIEFING = "briefing", "Briefing"
    STATEMENT = "statement", "Statement"
    VISIT = "visit", "Visit"
    OTHER = "other", "Other"


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        """Events readers may see."""
        return self.filter(is_published=True)

    def upcoming(self) -> EventQuerySet:
        """Events still to come that are going ahead as far as we know."""
        return self.filter(
            starts_at__gte=timezone.now(), status__in=[EventStatus.PROPOSED, EventStatus.SCHEDULED]
        )

    def with_public_links(self) -> EventQuerySet:
        """The parent event, what replaced it and the organizer, each left as None when readers
        may not see it: a published event never names an unpublished one, or its body."""
        published = Event.objects.published().select_related("place")
        return self.prefetch_related(
            Prefetch("parent", queryset=published),
            Prefetch("replaced_by", queryset=published),
            Prefetch("organizer", queryset=Organization.objects.published()),
        )

    def for_listing(self) -> EventQuerySet:
        """Place (for local times) and, as far as readers may see them, its parent, what
        replaced it and its organizer, for event lists."""
        return self.select_related("place").with_public_links()

    def for_public_detail(self) -> EventQuerySet:
        """The event's own page: place, parent, replacements, sub-events and participants, each
        only as far as readers may see it. (Claims and articles are newsroom's to add.)"""
        published = Event.objects.published().select_related("place")
        return self.for_listing().prefetch_related(
            Prefetch(
                "children", queryset=published.order_by("starts_at"), to_attr="public_children"
            ),
            Prefetch("replaces", queryset=published, to_attr="public_replaces"),
            Prefetch(
                "participations",
                queryset=Participation.objects.of_published_people(),
                to_attr="public_participations",
            ),
        )


@reversion.register(follow=("participations",))
class Event(models.Model):
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=EventKind, default=EventKind.MEETING)
    status = models.CharField(max_length=20, choices=EventStatus, default=EventStatus.SCHEDULED)
    status_reason = models.CharField(
        "reason for status",
        max_length=300,
        blank=True,
        help_text="Why it was cancelled or postponed, e.g. “a scheduling conflict”.",
    )
    starts_at = models.DateTimeField(
        "starts", null=True, blank=True, help_text="In the place's time zone when entered."
    )
    start_precision = models.CharField(
        "start precision", max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    end_precision = models.CharField(
        "end precision", max_length=10, choices=DatePrecision, default=DatePrecision.DAY
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="part of",
        help_text="The larger event this one happened within, e.g. the summit for a meeting "
        "on its sidelines.",
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name="replaced by",
        help_text="What took its place, for a cancelled or changed event.",
    )
    organizer = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    is_published = models.BooleanField("published", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = "event"
        indexes = [
            models.Index(fields=["-starts_at"], name="event_starts_idx"),
            models.Index(fields=["is_published", "slug"], name="event_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(start_precision__in=DatePrecision.values)
                & Q(end_precision__in=DatePrecision.values),
                name="event_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message="An event cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=F("pk")),
                name="event_not_replaced_by_itself",
                violation_error_message="An event cannot be replaced by itself.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="event_not_own_parent",
                violation_error_message="An event cannot be part of itself.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "An event cannot end before it starts."
        if self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "An event cannot be replaced by itself."
        if self.pk and self.parent_id == self.pk:
            errors["parent"] = "An event cannot be part of itself."
        if (
            self.status in (EventStatus.CANCELLED, EventStatus.POSTPONED)
            and not self.status_reason
            and not self.replaced_by_id
        ):
            errors["status_reason"] = (
                "Say why the event was cancelled or postponed, or what replaced it."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def local_tz(self) -> dt.tzinfo:
        """The place's time zone (select the place), or the site's."""
        return self.place.tzinfo if self.place_id else timezone.get_current_timezone()

    @property
    def local_starts_at(self) -> dt.datetime | None:
        return timezone.localtime(self.starts_at, self.local_tz) if self.starts_at else None

    @property
    def local_ends_at(self) -> dt.datetime | None:
        return timezone.localtime(self.ends_at, self.local_tz) if self.ends_at else None

    @property
    def when_display(self) -> str:
        """ "31 Aug 2025 – 1 Sep 2025" in the place's time zone, as precisely as known."""
        first = format_partial_date(self.local_starts_at, self.start_precision)
        last = format_partial_date(self.local_ends_at, self.end_precision)
        if first and last and first != last:
            return f"{first} – {last}"
        return first or last

    @property
    def is_past(self) -> bool:
        reference = self.ends_at or self.starts_at
        return reference is not None and reference < timezone.now()

    @property
    def did_not_happen(self) -> bool:
        return self.status in (EventStatus.CANCELLED, EventStatus.POSTPONED)


class ParticipationRole(models.TextChoices):
    HOST = "host", "Host"
    GUEST = "guest", "Guest"
    DELEGATION = "delegation", "Delegation member"
    BRIEFER = "briefer", "Briefer"
    SPEAKER = "speaker", "Speaker"
    PARTICIPANT = "participant", "Participant"


class ParticipationQuerySet(models.QuerySet):
    def with_public_organization(self) -> ParticipationQuerySet:
        """The organization represented, left as None when readers may not see it."""
        return self.prefetch_related(
            Prefetch("organization", queryset=Organization.objects.published())
        )

    def of_published_people(self) -> ParticipationQuerySet:
        """Participants readers may see, by name, with the organization each represented (if
        readers may see it)."""
        return (
            self.filter(person__is_published=True)
            .select_related("person")
            .with_public_organization()
            .order_by("person__family_name", "person__full_name")
        )

    def in_published_events(self) -> ParticipationQuerySet:
        """Events readers may see, latest first, with their place and the organization
        represented (if readers may see it): a person's events."""
        return (
            self.filter(event__is_published=True)
            .select_related("event__place")
            .with_public_organization()
            .order_by(F("event__starts_at").desc(nulls_last=True))
        )


@reversion.register()
class Participation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(
        max_length=20, choices=ParticipationRole, default=ParticipationRole.PARTICIPANT
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name="representing",
    )
    note = models.CharField(max_length=300, blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "role", "id"]
        verbose_name = "participant"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                name="participation_unique_role",
                violation_error_message="This person is already listed in this role.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipationRole.values), name="participation_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["person", "event"], name="participation_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display().lower()}) at {self.event}"
