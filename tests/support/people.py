"""People with their positions, as the profile pages' tests need them."""

from __future__ import annotations

import datetime as dt

from profiles.models import Person
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory


def cai_qi_profile() -> Person:
    """Cai Qi with a full profile: native name, birth month, fifth of seven in the Politburo
    Standing Committee now, and an earlier post in Beijing dated to the month and year."""
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


def cai_qi_career() -> Person:
    """Cai Qi's posts over time, for the "as of" tests: party secretary in Beijing 2017–2022,
    mayor of Hangzhou 2007–2010 (known to the year), and a Standing Committee member since 2022."""
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
