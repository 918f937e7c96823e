"""Profile pages: unpublished ones absent, members by rank, positions held “as of” a day."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.content import json_ld
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.support.people import cai_qi_career, cai_qi_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def cai_qi(db):
    return cai_qi_profile()


@pytest.fixture
def cai():
    return cai_qi_career()


def test_unpublished_person_and_org_are_404_and_absent(client, editor):
    person = PersonFactory(full_name="Hidden Person", is_published=False)
    org = OrganizationFactory(name="Hidden Org", is_published=False)
    MembershipFactory(person=person, organization=OrganizationFactory(slug="visible"))
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(org.get_absolute_url()).status_code == 404
    for url in (
        "/people/",
        "/organizations/",
        "/organizations/visible/",
        "/sitemap-people.xml",
        "/sitemap-organizations.xml",
    ):
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


# ---------------------------------------------------------------------------------------------
# A profile "as of" a date shows the positions held on that day


def test_positions_held_on_a_day(client, cai):
    response = client.get("/people/cai-qi/?as_of=2019-06-01")
    assert response.status_code == 200
    held = [m.role for m in response.context["person"].current_positions]
    ended = [m.role for m in response.context["person"].earlier_positions]
    assert held == ["Party Secretary"]
    assert ended == ["Mayor"]
    html = response.content.decode()
    assert "Positions held on 1 Jun 2019" in html
    assert "Politburo Standing Committee" not in html.split("Positions ended by then")[0]


def test_without_as_of_the_page_shows_current_positions(client, cai):
    response = client.get("/people/cai-qi/")
    assert [m.role for m in response.context["person"].current_positions] == ["Member"]
    assert "Current positions" in response.content.decode()


def test_a_bad_date_is_explained_and_the_page_still_works(client, cai):
    response = client.get("/people/cai-qi/?as_of=2019-13-45")
    assert response.status_code == 200
    assert "is not a date in the form YYYY-MM-DD" in response.content.decode()
    assert [m.role for m in response.context["person"].current_positions] == ["Member"]


def test_a_day_inside_a_month_precise_start_says_the_position_is_uncertain(client):
    person = PersonFactory(slug="cai-qi", full_name="Cai Qi", family_name="Cai", given_name="Qi")
    MembershipFactory(
        person=person,
        organization=OrganizationFactory(name="CCP General Office"),
        role="Director",
        start_date=dt.date(2022, 10, 1),
        start_precision="month",
    )
    html = client.get("/people/cai-qi/?as_of=2022-10-15").content.decode()
    assert "Director" in html
    assert (
        "Uncertain on 15 Oct 2022: Cai may not yet have held it — the record gives only the "
        "month it began (since Oct 2022)." in html
    )
    later = client.get("/people/cai-qi/?as_of=2022-11-15").content.decode()
    assert "Director" in later and "Uncertain on" not in later
    assert "Uncertain on" not in client.get("/people/cai-qi/").content.decode()
