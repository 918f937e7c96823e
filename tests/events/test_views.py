"""Public event pages: local times, plain status, participants by role."""

from __future__ import annotations

import pytest

from tests.support.content import json_ld
from tests.support.events import sco_summit
from tests.support.factories import EventFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit(db):
    return sco_summit()


def test_cancelled_event_says_so_with_reason_and_replacement(client, summit):
    response = client.get("/events/banquet/")
    html = response.content.decode()
    assert "Cancelled: this event did not take place." in html
    assert "a change in the schedule" in html
    assert 'href="/events/modi-cai-meeting/"' in html
    assert 'href="/events/sco-summit/"' in html
    (data,) = json_ld(response.content)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_time_is_in_the_place_time_zone(client, summit):
    ParticipationFactory(
        event_id=summit.children.get(slug="modi-cai-meeting").pk,
        person=PersonFactory(full_name="Cai Qi"),
        role="host",
    )
    ParticipationFactory(
        event_id=summit.children.get(slug="modi-cai-meeting").pk,
        person=PersonFactory(full_name="Narendra Modi"),
        role="guest",
    )
    response = client.get("/events/modi-cai-meeting/")
    html = response.content.decode()
    assert "31 Aug 2025, 18:30" in html and "Asia/Shanghai" in html
    participants = html.split('id="participants-heading"')[1]
    assert participants.index("Hosts") < participants.index("Cai Qi") < participants.index("Guests")
    assert participants.index("Guests") < participants.index("Narendra Modi")
    assert "Banquet for the prime minister" in html  # what it replaced
    data = json_ld(response.content)[0]
    assert data["startDate"] == "2025-08-31T18:30:00+08:00"
    assert {a["name"] for a in data["attendee"]} == {"Cai Qi", "Narendra Modi"}
    summit_html = client.get("/events/sco-summit/").content.decode()
    assert "Modi meets Cai Qi" in summit_html and "Cancelled" in summit_html


def test_unpublished_events_are_404_and_absent(client, summit):
    hidden = EventFactory(title="Hidden talks", parent=summit, is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in ("/events/", "/events/sco-summit/", "/sitemap-events.xml"):
        assert b"Hidden talks" not in client.get(url).content
