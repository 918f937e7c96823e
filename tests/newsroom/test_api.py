"""The read-only JSON API shows what readers may see, as data, at a fixed query count."""

import datetime as dt

import pytest

from newsroom.models import Citation
from tests.support.content import count_queries, make_public_claim, publish
from tests.support.factories import (
    ArticleFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cai(db):
    person = PersonFactory(
        full_name="Cai Qi", given_name="Qi", family_name="Cai", slug="cai-qi", native_name="蔡奇"
    )
    pbsc = OrganizationFactory(name="Politburo Standing Committee", slug="pbsc", seats=7)
    MembershipFactory(person=person, organization=pbsc, role="Member", rank=5)
    return person


def test_claim_detail_carries_verdict_citations_and_history(client, editor, cai):
    make_public_claim(
        editor, slug="cai-fifth", statement="Cai is fifth.", citations=2, about_people=[cai]
    )
    data = client.get("/api/claims/cai-fifth/").json()
    assert data["verdict"] == "accurate" and data["rating"] == 5
    assert data["verdict_label"] == "Accurate"
    assert len(data["citations"]) == 2
    assert data["citations"][0]["stance"] == "supports"
    assert data["citations"][0]["excerpt_found_in_source"] is True
    assert [h["verdict"] for h in data["verdict_history"]] == ["accurate"]


def test_person_detail_has_positions_with_rank_and_precision(client, cai):
    response = client.get("/api/people/cai-qi/")
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["native_name"] == "蔡奇"
    (position,) = data["current_positions"]
    assert (position["rank"], position["rank_of"]) == (5, 7)
    assert position["start"] == {"date": "2022-10-23", "precision": "day"}


def test_event_detail_in_local_time_with_status(client):
    tianjin = PlaceFactory(name="Tianjin", time_zone="Asia/Shanghai")
    meeting = EventFactory(slug="meeting", place=tianjin, status="held")
    banquet = EventFactory(
        slug="banquet",
        place=tianjin,
        status="cancelled",
        status_reason="A scheduling conflict.",
        replaced_by=meeting,
        starts_at=dt.datetime(2025, 8, 31, 11, 0, tzinfo=dt.UTC),
    )
    ParticipationFactory(event=banquet, role="host")
    data = client.get("/api/events/banquet/").json()
    assert data["status"] == "cancelled"
    assert data["status_reason"] == "A scheduling conflict."
    assert data["replaced_by"]["title"] == meeting.title
    assert data["starts_at"] == "2025-08-31T19:00:00+08:00"
    assert data["participants"][0]["role"] == "host"


def test_unpublished_things_answer_404(client, editor):
    PersonFactory(slug="hidden", is_published=False)
    ArticleFactory(slug="draft")
    for url in ("/api/people/hidden/", "/api/articles/draft/", "/api/no-such-thing/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "error" in response.json()
    assert client.get("/api/articles/").json()["count"] == 0


def test_lists_paginate_beyond_the_last_page_is_404_and_garbage_400(client, editor):
    for number in range(3):
        make_public_claim(editor, slug=f"claim-{number}")
    data = client.get("/api/claims/").json()
    assert data["count"] == 3 and data["next"] is None
    for page in ("9", "99999999999999999999"):
        response = client.get(f"/api/claims/?page={page}")
        assert response.status_code == 404 and "error" in response.json()
    for page in ("x", "0", "-1", "1.5", "%00", "１"):
        response = client.get(f"/api/claims/?page={page}")
        assert response.status_code == 400, page
        assert response.json() == {"error": "page must be a whole number from 1."}
    assert client.get("/api/claims").status_code == 301  # still redirected to the slash


@pytest.mark.parametrize("grow", ["claims", "citations"])
def test_endpoints_run_a_fixed_number_of_queries(client, editor, cai, grow):
    claim = make_public_claim(editor, slug="base", about_people=[cai])
    article = publish(ArticleFactory(slug="story", body="[[claim:base]]"), editor)
    urls = ["/api/claims/", "/api/claims/base/", "/api/people/cai-qi/", "/api/articles/story/"]
    # Twice: the article's first request renders its stored body, once per change.
    before = [(count_queries(client, url)[0], count_queries(client, url)[0]) for url in urls]
    for number in range(10):
        if grow == "claims":
            make_public_claim(editor, slug=f"extra-{number}", about_people=[cai])
        else:
            source = claim.citations.first().source
            Citation.objects.create(claim=claim, source=source, excerpt=f"useful {number}")
    article.refresh_from_db()
    after = [(count_queries(client, url)[0], count_queries(client, url)[0]) for url in urls]
    if grow == "claims":  # the article's body shows none of them: still stored
        before[-1] = (before[-1][1], before[-1][1])
    assert after == before


def test_article_detail_gives_rendered_html_never_the_raw_body(client, editor):
    PersonFactory(full_name="Hidden Aide", slug="hidden-aide", is_published=False)
    PersonFactory(full_name="Narendra Modi", slug="narendra-modi")
    article = publish(
        ArticleFactory(slug="talks", body="[[person:narendra-modi]] met [[person:hidden-aide]]."),
        editor,
    )
    data = client.get(f"/api/articles/{article.slug}/").json()
    assert "body_markdown" not in data
    assert data["body_html"] == (
        '<p><a class="ref ref-person" href="/people/narendra-modi/">Narendra Modi</a> met .</p>\n'
    )


def test_people_and_events_name_no_unpublished_organization(client, cai):
    hidden = OrganizationFactory(name="Hidden Bureau", slug="hidden-bureau", is_published=False)
    MembershipFactory(person=cai, organization=hidden, role="Chief")
    MembershipFactory(person=cai, organization=hidden, role="Aide", end_date=dt.date(2023, 1, 1))
    event = EventFactory(slug="talks", organizer=hidden)
    ParticipationFactory(event=event, person=cai, organization=hidden)
    for url in (
        "/api/people/cai-qi/",
        "/people/cai-qi/",
        "/people/",
        "/api/events/talks/",
        "/events/talks/",
    ):
        content = client.get(url).content.decode()
        assert "Hidden Bureau" not in content and "hidden-bureau" not in content, url
    roles = [p["role"] for p in client.get("/api/people/cai-qi/").json()["current_positions"]]
    assert roles == ["Member"]
