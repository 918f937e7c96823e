"""The event page newsroom composes, with claims and articles, at a fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.support.content import (
    assert_shows,
    count_queries,
    make_public_claim,
    make_published_article,
)
from tests.support.events import sco_summit
from tests.support.factories import EventFactory, OrganizationFactory, ParticipationFactory

pytestmark = pytest.mark.django_db

QUERIES = {"event_list": 4, "event_detail": 9}


@pytest.fixture
def summit(db):
    return sco_summit()


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


def test_an_events_time_is_given_to_the_second_in_its_places_time_zone(client):
    """<time datetime> allows at most three fractional digits; a stored time may have six."""
    starts = dt.datetime(2025, 8, 31, 7, 0, 0, 250000, tzinfo=dt.UTC)
    event = EventFactory(title="Talks", starts_at=starts)  # in Asia/Shanghai
    for url in (event.get_absolute_url(), reverse("events:event_list")):
        html = client.get(url).content.decode()
        assert '<time datetime="2025-08-31T15:00:00+08:00">' in html, url
        assert ".250000" not in html.split("</head>")[1], url  # (JSON-LD may keep them)
