"""Public event pages: local times, plain status, participants by role."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.content import (
    assert_shows,
    count_queries,
    json_ld,
    make_public_claim,
    make_published_article,
)
from tests.support.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db

QUERIES = {"event_list": 2, "event_detail": 8}


@pytest.fixture
def summit(db):
    tianjin = PlaceFactory(slug="tianjin", name="Tianjin", time_zone="Asia/Shanghai")
    summit = EventFactory(slug="sco-summit", title="SCO summit", kind="summit", place=tianjin)
    meeting = EventFactory(
        slug="modi-cai-meeting",
        title="Modi meets Cai Qi",
        place=tianjin,
        parent=summit,
        status="held",
        starts_at=dt.datetime(2025, 8, 31, 10, 30, tzinfo=dt.UTC),
        start_precision="minute",
    )
    EventFactory(
        slug="banquet",
        title="Banquet for the prime minister",
        kind="banquet",
        place=tianjin,
        parent=summit,
        status="cancelled",
        status_reason="a change in the schedule",
        replaced_by=meeting,
    )
    return summit


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
    for url in ("/events/", "/events/sco-summit/", "/sitemap.xml"):
        assert b"Hidden talks" not in client.get(url).content


def test_event_pages_query_counts_are_fixed(client, editor, summit):
    detailed, listed = [], [summit, *summit.children.all()]

    def grow(n):
        for _ in range(n):
            organization = OrganizationFactory(name=f"Delegation {len(detailed)}")
            taking_part = ParticipationFactory(event=summit, organization=organization)
            child = EventFactory(parent=summit)
            replaced = EventFactory(status="cancelled", status_reason="x", replaced_by=summit)
            about = make_public_claim(editor)
            about.about_events.add(summit)
            said = make_public_claim(editor, said_at_event=summit)
            article = make_published_article(editor, body="[[event:sco-summit]]")
            detailed.extend([taking_part.person, f"{organization.name}</span>", child, replaced])
            detailed.extend([about, said, article])
            listed.extend([child, replaced])

    grow(1)
    detail_few, content = count_queries(client, "/events/sco-summit/")
    assert_shows(content, detailed)
    list_few, content = count_queries(client, "/events/")
    assert_shows(content, listed)
    grow(4)
    detail_many, content = count_queries(client, "/events/sco-summit/")
    assert content.count(b'class="event-item"') == 2 + 10  # the two children made above
    assert_shows(content, detailed)
    list_many, content = count_queries(client, "/events/")
    assert_shows(content, listed)
    assert detail_few == detail_many == QUERIES["event_detail"]
    assert list_few == list_many == QUERIES["event_list"]
