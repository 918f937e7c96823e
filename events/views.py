"""Public event pages: when and where (in the place's time zone), status, who took part.

The list is served from here. The detail view builds an event's own page; the page readers
get is newsroom's view that extends it with claims and articles (``newsroom/views/events.py``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.generic import DetailView, ListView

from events.models import Event, EventStatus, ParticipationRole
from profiles.partial_dates import iso_partial_date
from profiles.structured_data import CollectionPageMixin

# Participants are listed in protocol order: hosts first, then guests, then the rest.
ROLE_ORDER = [
    ParticipationRole.HOST,
    ParticipationRole.GUEST,
    ParticipationRole.SPEAKER,
    ParticipationRole.BRIEFER,
    ParticipationRole.DELEGATION,
    ParticipationRole.PARTICIPANT,
]
ROLE_HEADINGS = {
    ParticipationRole.HOST: "Hosts",
    ParticipationRole.GUEST: "Guests",
    ParticipationRole.SPEAKER: "Speakers",
    ParticipationRole.BRIEFER: "Briefers",
    ParticipationRole.DELEGATION: "Delegation members",
    ParticipationRole.PARTICIPANT: "Other participants",
}
SCHEMA_STATUS = {
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}
# Statuses of an event that did not take place: nobody attended it.
NOT_HELD = frozenset({EventStatus.CANCELLED, EventStatus.PROPOSED})


def participant_groups(event: Event) -> list[dict[str, Any]]:
    """The prefetched ``public_participations`` grouped by role, in protocol order."""
    groups: dict[str, list] = {role: [] for role in ROLE_ORDER}
    for participation in event.public_participations:
        groups.setdefault(participation.role, []).append(participation)
    return [
        {"role": role, "heading": ROLE_HEADINGS.get(role, str(role)), "participants": people}
        for role, people in groups.items()
        if people
    ]


def event_jsonld(event: Event, request: HttpRequest) -> dict[str, Any]:
    """schema.org Event for an event loaded with ``for_public_detail()``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "eventStatus": SCHEMA_STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    # In the place's time zone, and only as precise as known: "2025-08-31", "2024-10".
    if event.local_starts_at:
        data["startDate"] = iso_partial_date(event.local_starts_at, event.start_precision)
    if event.local_ends_at:
        data["endDate"] = iso_partial_date(event.local_ends_at, event.end_precision)
    if event.summary:
        data["description"] = event.summary
    if event.place_id:
        data["location"] = {
            "@type": "Place",
            "name": event.place.name,
            "address": {"@type": "PostalAddress", "addressCountry": event.place.country},
        }
    if event.organizer is not None:
        data["organizer"] = {"@type": "Organization", "name": event.organizer.name}
    if event.parent is not None:
        data["superEvent"] = {
            "@type": "Event",
            "name": event.parent.title,
            "url": request.build_absolute_uri(event.parent.get_absolute_url()),
        }
    if event.public_children:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": child.title,
                "url": request.build_absolute_uri(child.get_absolute_url()),
            }
            for child in event.public_children
        ]
    if event.public_participations and event.status not in NOT_HELD:
        data["attendee"] = [
            {
                "@type": "Person",
                "name": p.person.full_name,
                "url": request.build_absolute_uri(p.person.get_absolute_url()),
            }
            for p in event.public_participations
        ]
    return data


class EventListView(CollectionPageMixin, ListView):
    """Published events, latest first."""

    collection_name = "Events"
    paginate_by = 30
    context_object_name = "events"
    template_name = "events/event_list.html"

    def get_queryset(self):
        return Event.objects.published().for_listing()


class EventDetailView(DetailView):
    """An event's own page: status stated plainly, parent and child events, participants."""

    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().for_public_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["participant_groups"] = participant_groups(event)
        context["show_parent"] = event.parent is not None
        context["show_replaced_by"] = event.replaced_by is not None
        context["structured_data"] = event_jsonld(event, self.request)
        return context
