"""A profile "as of" a date shows the positions held on that day."""

import datetime as dt

import pytest

from profiles.models import Membership
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cai():
    person = PersonFactory(full_name="Cai Qi", slug="cai-qi")
    MembershipFactory(
        person=person,
        organization=OrganizationFactory(name="Beijing Municipal Party Committee"),
        role="Party Secretary",
        start_date=dt.date(2017, 5, 27),
        end_date=dt.date(2022, 11, 13),
    )
    MembershipFactory(
        person=person,
        organization=OrganizationFactory(name="Hangzhou Municipal Government"),
        role="Mayor",
        start_date=dt.date(2007, 1, 1),
        start_precision="year",
        end_date=dt.date(2010, 1, 1),
        end_precision="year",
    )
    MembershipFactory(
        person=person,
        organization=OrganizationFactory(name="Politburo Standing Committee", seats=7),
        role="Member",
        rank=5,
        start_date=dt.date(2022, 10, 23),
    )
    return person


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


def test_a_year_precise_end_counts_for_the_whole_year(cai):
    held = Membership.objects.held_on(dt.date(2010, 9, 1)).values_list("role", flat=True)
    assert list(held) == ["Mayor"]


def test_without_as_of_the_page_shows_current_positions(client, cai):
    response = client.get("/people/cai-qi/")
    assert [m.role for m in response.context["person"].current_positions] == ["Member"]
    assert "Current positions" in response.content.decode()


def test_a_bad_date_is_explained_and_the_page_still_works(client, cai):
    response = client.get("/people/cai-qi/?as_of=2019-13-45")
    assert response.status_code == 200
    assert "is not a date in the form YYYY-MM-DD" in response.content.decode()
    assert [m.role for m in response.context["person"].current_positions] == ["Member"]
