"""Public profile pages: people and organizations."""

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

pytestmark = pytest.mark.django_db

QUERIES = {"person_list": 3, "person_detail": 8, "organization_list": 2, "organization_detail": 8}


@pytest.fixture
def cai_qi(db):
    person = PersonFactory(
        slug="cai-qi",
        full_name="Cai Qi",
        given_name="Qi",
        family_name="Cai",
        native_name="蔡奇",
        summary="Member of the Politburo Standing Committee.",
        birth_date=dt.date(1955, 12, 1),
        birth_date_precision="month",
    )
    pbsc = OrganizationFactory(slug="pbsc", name="Politburo Standing Committee", seats=7)
    MembershipFactory(person=person, organization=pbsc, role="Member", rank=5)
    MembershipFactory(
        person=person,
        organization=OrganizationFactory(name="Beijing Municipal Committee"),
        role="Party Secretary",
        start_date=dt.date(2017, 5, 1),
        start_precision="month",
        end_date=dt.date(2022, 1, 1),
        end_precision="year",
    )
    return person


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


def test_unpublished_person_and_org_are_404_and_absent(client, editor):
    person = PersonFactory(full_name="Hidden Person", is_published=False)
    org = OrganizationFactory(name="Hidden Org", is_published=False)
    MembershipFactory(person=person, organization=OrganizationFactory(slug="visible"))
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(org.get_absolute_url()).status_code == 404
    for url in ("/people/", "/organizations/", "/organizations/visible/", "/sitemap.xml"):
        content = client.get(url).content
        assert b"Hidden Person" not in content and b"Hidden Org" not in content


def test_organization_members_by_rank(client, cai_qi):
    pbsc = cai_qi.memberships.get(rank=5).organization
    first = PersonFactory(full_name="First Member")
    MembershipFactory(person=first, organization=pbsc, rank=1)
    MembershipFactory(person=PersonFactory(full_name="Unranked"), organization=pbsc)
    response = client.get("/organizations/pbsc/")
    html = response.content.decode()
    assert html.index("First Member") < html.index("Cai Qi") < html.index("Unranked")
    assert "1st of 7" in html and "5th of 7" in html
    assert json_ld(response.content)[0]["@type"] == "Organization"


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
