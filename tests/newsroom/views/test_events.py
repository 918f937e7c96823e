"""The event page newsroom composes, with claims and articles, at a fixed query count."""

from __future__ import annotations

import pytest

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
