"""Places, events and participation: times in the place's zone, and what the database refuses."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event, Participation
from tests.support.factories import EventFactory, ParticipationFactory, PlaceFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def test_event_times_are_shown_in_the_place_time_zone():
    # 23:30 UTC on 30 Aug is already 31 Aug in Tianjin.
    event = EventFactory(
        starts_at=dt.datetime(2025, 8, 30, 23, 30, tzinfo=UTC),
        ends_at=dt.datetime(2025, 9, 1, 8, 0, tzinfo=UTC),
        place=PlaceFactory(time_zone="Asia/Shanghai"),
    )
    assert event.when_display == "31 Aug 2025 – 1 Sep 2025"
    event.start_precision = event.end_precision = "month"
    assert event.when_display == "Aug 2025 – Sep 2025"
    event.start_precision = "minute"
    assert event.when_display.startswith("31 Aug 2025, 07:30")


def test_event_cannot_end_before_it_starts():
    event = EventFactory.build(
        place=PlaceFactory(),
        starts_at=dt.datetime(2025, 9, 1, tzinfo=UTC),
        ends_at=dt.datetime(2025, 8, 31, tzinfo=UTC),
    )
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "ends_at" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    assert not Event.objects.exists()


def test_event_cannot_be_replaced_by_itself():
    event = EventFactory()
    event.replaced_by = event
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "replaced_by" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_cancelled_event_needs_a_reason_or_a_replacement():
    meeting = EventFactory(status="held")
    banquet = EventFactory.build(place=meeting.place, status="cancelled", slug="banquet")
    with pytest.raises(ValidationError) as excinfo:
        banquet.full_clean()
    assert "status_reason" in excinfo.value.message_dict
    banquet.status_reason = "A scheduling conflict."
    banquet.replaced_by = meeting
    banquet.full_clean()
    banquet.save()
    assert list(meeting.replaces.all()) == [banquet]
    assert banquet.did_not_happen and not meeting.did_not_happen


def test_unknown_status_and_bad_time_zone_are_refused():
    event = EventFactory.build(place=PlaceFactory(), status="rumoured")
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "status" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    place = PlaceFactory.build(time_zone="Mars/Olympus")
    with pytest.raises(ValidationError) as excinfo:
        place.full_clean()
    assert "time_zone" in excinfo.value.message_dict


def test_a_person_is_listed_once_per_role():
    participation = ParticipationFactory(role="host")
    again = Participation(event=participation.event, person=participation.person, role="host")
    with pytest.raises(ValidationError):
        again.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_event_url():
    assert EventFactory(slug="sco-summit").get_absolute_url() == "/events/sco-summit/"
