"""The person and organization pages newsroom composes: events, claims, articles, portraits."""

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
    ClaimFactory,
    EventFactory,
    ImageFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
)
from tests.support.images import picture_sources as _sources
from tests.support.images import stored_image
from tests.support.people import cai_qi_profile

pytestmark = pytest.mark.django_db

QUERIES = {"person_list": 3, "person_detail": 9, "organization_list": 3, "organization_detail": 8}


@pytest.fixture
def cai_qi(db):
    return cai_qi_profile()


def test_person_page_shows_positions_timeline_events_claims_articles(client, editor, cai_qi):
    ImageFactory(portrait_of=cai_qi, alt_text="Cai Qi in 2023")
    meeting = EventFactory(slug="tianjin", title="Meeting in Tianjin")
    ParticipationFactory(event=meeting, person=cai_qi, role="host")
    hidden_event = EventFactory(title="Secret dinner", is_published=False)
    ParticipationFactory(event=hidden_event, person=cai_qi)
    make_public_claim(editor, statement="Cai ranks fifth.").about_people.add(cai_qi)
    ClaimFactory(statement="Unreviewed about Cai.").about_people.add(cai_qi)
    make_published_article(editor, headline="Cai meets visitors", body="[[person:cai-qi]]")

    response = client.get("/people/cai-qi/")
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "蔡奇" in html and "Dec 1955" in html
    assert 'alt="Cai Qi in 2023"' in html
    assert "Ranked 5th of 7" in html and 'href="/organizations/pbsc/"' in html
    assert "May 2017 – 2022" in html and "Party Secretary" in html
    assert "Meeting in Tianjin" in html and "Secret dinner" not in html
    assert "Cai ranks fifth." in html and "Unreviewed about Cai." not in html
    assert "Cai meets visitors" in html
    (data,) = json_ld(response.content)
    assert data["@type"] == "Person" and data["name"] == "Cai Qi"
    assert "蔡奇" in data["alternateName"]
    assert data["image"].startswith("http://testserver/media/")


def test_person_pages_query_counts_are_fixed(client, editor, cai_qi):
    detailed, listed = [], [cai_qi]

    def grow(n):
        for _ in range(n):
            i = len(listed)
            org = OrganizationFactory(seats=9)
            MembershipFactory(person=cai_qi, organization=org, rank=2, role=f"Member {i}")
            MembershipFactory(
                person=cai_qi, organization=org, role=f"Deputy {i}", end_date=dt.date(2023, 1, 1)
            )
            participation = ParticipationFactory(person=cai_qi, organization=org)
            about = make_public_claim(editor)
            about.about_people.add(cai_qi)
            said = make_public_claim(editor, claimant_person=cai_qi)
            article = make_published_article(editor, body="[[person:cai-qi]]")
            other = PersonFactory()
            MembershipFactory(person=other, organization=org, role=f"Seat {i}")
            detailed.extend([org, f"<strong>Member {i}</strong>", f"<strong>Deputy {i}</strong>"])
            detailed.extend([participation.event, about, said, article])
            listed.extend([other, f"<li>Seat {i}, {org.short_name}</li>", f"<li>Member {i}, "])

    grow(1)
    detail_few, content = count_queries(client, "/people/cai-qi/")
    assert content.count(b'class="position"') == 2
    assert_shows(content, detailed)
    list_few, content = count_queries(client, "/people/")
    assert_shows(content, listed)
    grow(4)
    detail_many, content = count_queries(client, "/people/cai-qi/")
    assert content.count(b'class="position"') == 6
    assert_shows(content, detailed)
    list_many, content = count_queries(client, "/people/")
    assert_shows(content, listed)
    assert detail_few == detail_many == QUERIES["person_detail"]
    assert list_few == list_many == QUERIES["person_list"]


def test_organization_pages_query_counts_are_fixed(client, editor):
    org = OrganizationFactory(slug="body", seats=60)
    detailed, listed = [], [org]

    def grow(n):
        for _ in range(n):
            person = PersonFactory()
            ImageFactory(portrait_of=person)
            MembershipFactory(person=person, organization=org, rank=org.memberships.count() + 1)
            former = MembershipFactory(
                person=PersonFactory(),
                organization=org,
                start_date=dt.date(2018, 1, 1),
                end_date=dt.date(2020, 1, 1),
            ).person
            child = OrganizationFactory(parent=org)
            about = make_public_claim(editor)
            about.about_organizations.add(org)
            said = make_public_claim(editor, claimant_organization=org)
            article = make_published_article(editor, body="[[org:body]]")
            detailed.extend([person, former, child, about, said, article])
            listed.extend([child, f"part of {org.name} · "])

    grow(1)
    detail_few, content = count_queries(client, "/organizations/body/")
    assert content.count(b'<th scope="row">') == 1
    assert_shows(content, detailed)
    list_few, content = count_queries(client, "/organizations/")
    assert_shows(content, [*listed, "1 current member</p>"])
    grow(4)
    detail_many, content = count_queries(client, "/organizations/body/")
    assert content.count(b'<th scope="row">') == 5
    assert_shows(content, detailed)
    list_many, content = count_queries(client, "/organizations/")
    assert_shows(content, [*listed, "5 current members</p>"])
    assert detail_few == detail_many == QUERIES["organization_detail"]
    assert list_few == list_many == QUERIES["organization_list"]


def test_a_portrait_is_a_picture(client):
    person = PersonFactory(slug="cai-qi", full_name="Cai Qi")
    image = stored_image(portrait_of=person, alt_text="Cai Qi in 2023")
    html = client.get("/people/cai-qi/").content.decode()
    portrait = html.split('<figure class="portrait">')[1].split("</figure>")[0]
    assert set(_sources(portrait)) == {"webp", "jpeg"}
    assert 'alt="Cai Qi in 2023"' in portrait and 'sizes="14rem"' in portrait
    assert f'width="{image.width}" height="{image.height}"' in portrait
