"""People, organizations and memberships: names, dates, ranks, positions held on a day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from profiles.models import Membership, Person, ordinal
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.support.people import cai_qi_career

pytestmark = pytest.mark.django_db


def test_short_name_is_the_family_name_whatever_the_order():
    cai = PersonFactory.build(
        full_name="Cai Qi", given_name="Qi", family_name="Cai", name_order="family_first"
    )
    modi = PersonFactory.build(full_name="Narendra Modi", given_name="Narendra", family_name="Modi")
    assert cai.short_name == "Cai"
    assert modi.short_name == "Modi"


def test_birth_date_is_shown_with_its_precision():
    person = PersonFactory(birth_date=dt.date(1955, 12, 5), birth_date_precision="year")
    person.full_clean()
    assert person.birth_date == dt.date(1955, 1, 1)
    assert person.birth_date_display == "1955"


def test_duplicate_person_slug_is_refused():
    PersonFactory(slug="cai-qi")
    duplicate = Person(full_name="Someone else", slug="cai-qi")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "slug" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (5, "5th"), (11, "11th"), (12, "12th"), (22, "22nd")],
)
def test_ordinals(number, text):
    assert ordinal(number) == text


def test_rank_is_shown_against_the_size_of_the_body():
    pbsc = OrganizationFactory(name="Politburo Standing Committee", seats=7)
    membership = MembershipFactory(organization=pbsc, rank=5)
    assert membership.rank_display == "5th of 7"
    membership.organization.seats = None
    assert membership.rank_display == "5th"


def test_rank_zero_is_refused_by_validation_and_by_the_database():
    membership = MembershipFactory.build(
        person=PersonFactory(), organization=OrganizationFactory(), rank=0
    )
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert "rank" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()
    assert not Membership.objects.exists()


def test_end_before_start_is_refused_naming_the_end_date():
    membership = MembershipFactory.build(
        person=PersonFactory(),
        organization=OrganizationFactory(),
        start_date=dt.date(2017, 5, 27),
        end_date=dt.date(2016, 10, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert excinfo.value.message_dict["end_date"] == ["A position cannot end before it starts."]
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_unknown_date_precision_is_refused():
    membership = MembershipFactory.build(
        person=PersonFactory(), organization=OrganizationFactory(), start_precision="decade"
    )
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert "start_precision" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_role_can_be_held_only_once_at_a_time():
    first = MembershipFactory(role="Member")
    again = Membership(person=first.person, organization=first.organization, role="Member")
    with pytest.raises(ValidationError):
        again.full_clean()
    # Once the first has ended, the same role can be held again.
    first.end_date = dt.date(2023, 1, 1)
    first.save()
    again.full_clean()
    again.save()


def test_dates_are_normalised_to_their_precision_and_shown_so():
    membership = MembershipFactory(
        start_date=dt.date(2022, 10, 23), start_precision="month", end_date=None
    )
    membership.full_clean()
    assert membership.start_date == dt.date(2022, 10, 1)
    assert membership.period_display == "since Oct 2022"


def test_current_and_held_on():
    person = PersonFactory()
    old = MembershipFactory(
        person=person,
        role="Mayor",
        start_date=dt.date(2017, 1, 20),
        end_date=dt.date(2017, 5, 27),
    )
    now = MembershipFactory(person=person, role="Member", start_date=dt.date(2022, 10, 23))
    assert list(Membership.objects.current()) == [now]
    assert list(Membership.objects.held_on(dt.date(2017, 3, 1))) == [old]
    assert list(Membership.objects.held_on(dt.date(2024, 1, 1))) == [now]


def test_organization_cannot_be_its_own_parent():
    org = OrganizationFactory()
    org.parent = org
    with pytest.raises(ValidationError) as excinfo:
        org.full_clean()
    assert "parent" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        org.save()


def test_people_have_public_urls():
    assert PersonFactory(slug="cai-qi").get_absolute_url() == "/people/cai-qi/"
    assert OrganizationFactory(slug="ccp").get_absolute_url() == "/organizations/ccp/"


@pytest.fixture
def cai():
    return cai_qi_career()


def test_a_year_precise_end_counts_for_the_whole_year(cai):
    held = Membership.objects.held_on(dt.date(2010, 9, 1)).values_list("role", flat=True)
    assert list(held) == ["Mayor"]


def test_published_profiles_load_positions_only_in_published_organizations():
    person = PersonFactory()
    shown = MembershipFactory(person=person, role="Member")
    MembershipFactory(
        person=person, role="Chief", organization=OrganizationFactory(is_published=False)
    )
    loaded = Person.objects.for_public_detail().get(pk=person.pk)
    assert loaded.current_positions == [shown]
    assert list(Membership.objects.in_published_organizations()) == [shown]
    assert Person.objects.for_listing().get(pk=person.pk).current_positions == [shown]


# ---------------------------------------------------------------------------------------------
# A day inside an imprecise start or end: held, but uncertain


@pytest.fixture
def director():
    """Director of the General Office from "Oct 2022" to "2024" (month start, year end)."""
    return MembershipFactory(
        role="Director",
        start_date=dt.date(2022, 10, 1),
        start_precision="month",
        end_date=dt.date(2024, 1, 1),
        end_precision="year",
    )


@pytest.mark.parametrize(
    ("day", "doubt"),
    [
        (dt.date(2022, 10, 1), "start"),  # "Oct 2022" may mean the 31st
        (dt.date(2022, 10, 15), "start"),
        (dt.date(2022, 10, 31), "start"),
        (dt.date(2022, 11, 1), ""),  # held for certain
        (dt.date(2023, 12, 31), ""),
        (dt.date(2024, 1, 1), "end"),  # "ended 2024" may mean 1 January
        (dt.date(2024, 12, 31), "end"),
    ],
)
def test_a_day_inside_an_imprecise_start_or_end_is_marked_uncertain(director, day, doubt):
    (held,) = Membership.objects.held_on(day)
    assert held.doubt_on_day == doubt
    assert bool(held.uncertainty) == bool(doubt)


def test_the_uncertainty_says_what_the_record_knows(director):
    (held,) = Membership.objects.held_on(dt.date(2022, 10, 15))
    assert held.uncertainty == "may not yet have held it — the record gives only the month it began"
    (held,) = Membership.objects.held_on(dt.date(2024, 6, 1))
    assert (
        held.uncertainty == "may no longer have held it — the record gives only the year it ended"
    )


def test_day_precise_dates_and_lists_without_as_of_carry_no_doubt():
    exact = MembershipFactory(start_date=dt.date(2022, 10, 23))
    (held,) = Membership.objects.held_on(dt.date(2022, 10, 23))
    assert held.uncertainty == ""
    assert Membership.objects.get(pk=exact.pk).uncertainty == ""
