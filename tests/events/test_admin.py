"""The events admin: pages, local times in the place's zone, and form errors (never a 500)."""

from __future__ import annotations

import datetime as dt

import pytest

from events.models import Event
from tests.support.admin import admin_form_data, admin_url, form_errors, latest_revision
from tests.support.factories import EventFactory, ParticipationFactory, PersonFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make", [PlaceFactory, EventFactory, ParticipationFactory], ids=lambda f: f.__name__
)
def test_every_events_admin_page_answers_for_an_editor(editor_client, make):
    obj = make()
    for url in (
        admin_url(obj, "changelist"),
        admin_url(obj, "changelist") + "?q=a",
        admin_url(obj, "add"),
        admin_url(obj, "change"),
        admin_url(obj, "history", obj.pk),
        admin_url(obj, "recoverlist"),
    ):
        assert editor_client.get(url).status_code == 200, url


def _event_add_data(editor_client, place, **overrides):
    data = admin_form_data(editor_client.get(admin_url(Event, "add")))
    data.update(
        {
            "title": "Modi meets Cai Qi",
            "slug": "modi-cai",
            "kind": "bilateral",
            "status": "held",
            "place": str(place.pk),
            "starts_at_0": "2025-08-31",
            "starts_at_1": "14:00:00",
            "start_precision": "minute",
            "ends_at_0": "",
            "ends_at_1": "",
            "end_precision": "day",
        }
    )
    data.update(overrides)
    return data


@pytest.fixture
def tianjin():
    return PlaceFactory(name="Tianjin", slug="tianjin", time_zone="Asia/Shanghai")


def test_times_are_entered_in_the_places_time_zone(editor_client, editor, tianjin, settings):
    settings.TIME_ZONE = "Europe/London"  # the newsroom's zone must not matter
    response = editor_client.post(admin_url(Event, "add"), _event_add_data(editor_client, tianjin))
    assert response.status_code == 302, form_errors(response)

    event = Event.objects.get(slug="modi-cai")
    assert event.starts_at == dt.datetime(2025, 8, 31, 6, 0, tzinfo=dt.UTC)
    revision = latest_revision()
    assert revision.user == editor and revision.comment

    # The change form shows the same wall-clock time back, in the place's zone.
    response = editor_client.get(admin_url(event, "change"))
    data = admin_form_data(response)
    assert data["starts_at_0"] == ["31/08/2025"] or data["starts_at_0"] == ["2025-08-31"]
    assert data["starts_at_1"] == ["14:00:00"]
    assert "Asia/Shanghai" in response.content.decode()
    assert "Local time at the event" in response.content.decode()  # the help text says so

    # Saving it unchanged keeps the instant.
    response = editor_client.post(admin_url(event, "change"), data)
    assert response.status_code == 302, form_errors(response)
    event.refresh_from_db()
    assert event.starts_at == dt.datetime(2025, 8, 31, 6, 0, tzinfo=dt.UTC)


def test_event_participants_are_saved_inline(editor_client, tianjin):
    person = PersonFactory()
    data = _event_add_data(editor_client, tianjin)
    data["participations-TOTAL_FORMS"] = "1"
    data.update(
        {
            "participations-0-person": str(person.pk),
            "participations-0-role": "guest",
            "participations-0-organization": "",
            "participations-0-note": "",
        }
    )
    response = editor_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 302, form_errors(response)
    event = Event.objects.get(slug="modi-cai")
    assert event.participations.get().person == person
    models = {v.content_type.model for v in latest_revision().version_set.all()}
    assert {"event", "participation"} <= models


def test_an_event_replaced_by_itself_is_a_form_error(editor_client):
    event = EventFactory(title="Banquet")
    data = admin_form_data(editor_client.get(admin_url(event, "change")))
    data.update({"replaced_by": str(event.pk), "status": "cancelled", "summary": "Not saved."})
    response = editor_client.post(admin_url(event, "change"), data)
    assert response.status_code == 200
    assert "replaced by itself" in " ".join(form_errors(response)["replaced_by"])
    event.refresh_from_db()
    assert event.replaced_by is None and event.summary == ""


def test_an_event_ending_before_it_starts_is_a_form_error(editor_client, tianjin):
    data = _event_add_data(editor_client, tianjin, ends_at_0="2025-08-31", ends_at_1="13:00:00")
    response = editor_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert "cannot end before it starts" in " ".join(form_errors(response)["ends_at"])
    assert not Event.objects.exists()


def test_an_unknown_date_precision_is_a_form_error(editor_client, tianjin):
    data = _event_add_data(editor_client, tianjin, start_precision="fortnight")
    response = editor_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(form_errors(response)["start_precision"])
    assert not Event.objects.exists()


def test_a_duplicate_event_slug_is_a_form_error(editor_client, tianjin):
    EventFactory(slug="modi-cai")
    response = editor_client.post(admin_url(Event, "add"), _event_add_data(editor_client, tianjin))
    assert response.status_code == 200
    assert "already exists" in " ".join(form_errors(response)["slug"])
    assert Event.objects.count() == 1


def test_a_time_skipped_by_a_clock_change_is_a_form_error(editor_client):
    london = PlaceFactory(name="London", slug="london", time_zone="Europe/London")
    data = _event_add_data(editor_client, london, starts_at_0="2025-03-30", starts_at_1="01:30:00")
    response = editor_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert "does not exist in Europe/London" in " ".join(form_errors(response)["starts_at"])
    assert not Event.objects.exists()
