"""The profiles admin: pages, permissions, revisions and form errors (never a 500)."""

from __future__ import annotations

import datetime as dt

import pytest
from reversion.models import Version

from profiles.models import Membership, Organization, Person
from tests.support.admin import admin_form_data, admin_url, form_errors, latest_revision
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make", [PersonFactory, OrganizationFactory, MembershipFactory], ids=lambda f: f.__name__
)
def test_every_profiles_admin_page_answers_for_an_editor(editor_client, editor, make):
    assert not editor.is_superuser
    obj = make()
    for url in (
        admin_url(obj, "changelist"),
        admin_url(obj, "changelist") + "?q=a",
        admin_url(obj, "add"),
        admin_url(obj, "change"),
        admin_url(obj, "history", obj.pk),
        admin_url(obj, "recoverlist"),
    ):
        assert editor_client.get(url).status_code == 200, url


def test_membership_list_shows_rank_and_period(editor_client):
    body = OrganizationFactory(name="Politburo Standing Committee", seats=7)
    MembershipFactory(
        organization=body, rank=5, start_date=dt.date(2022, 10, 23), person__full_name="Cai Qi"
    )
    response = editor_client.get(admin_url(Membership, "changelist"))
    content = response.content.decode()
    assert "5th of 7" in content
    assert "since 23 Oct 2022" in content


def test_organization_list_counts_current_members(editor_client):
    body = OrganizationFactory()
    MembershipFactory.create_batch(2, organization=body)
    MembershipFactory(organization=body, end_date=dt.date(2023, 1, 1))
    response = editor_client.get(admin_url(Organization, "changelist"))
    row = next(o for o in response.context["cl"].result_list if o.pk == body.pk)
    assert row.current_members == 2


def test_saving_a_person_records_a_revision_with_user_and_comment(editor_client, editor):
    # Not yet published, so no reason is asked and the comment is the admin's change message.
    person = PersonFactory(full_name="Cai Qi", is_published=False)
    organization = OrganizationFactory()
    data = admin_form_data(editor_client.get(admin_url(person, "change")))
    data["summary"] = "Member of the Politburo Standing Committee."
    data["memberships-TOTAL_FORMS"] = "1"
    data.update(
        {
            "memberships-0-organization": str(organization.pk),
            "memberships-0-role": "Member",
            "memberships-0-rank": "5",
            "memberships-0-start_date": "2022-10-23",
            "memberships-0-start_precision": "day",
            "memberships-0-end_precision": "day",
        }
    )
    response = editor_client.post(admin_url(person, "change"), data)
    assert response.status_code == 302, form_errors(response)

    membership = person.memberships.get()
    revision = latest_revision()
    assert revision.user == editor
    assert revision.comment
    assert "Membership" in revision.get_comment() or "membership" in revision.get_comment()
    versions = {(v.content_type.model, v.object_id) for v in revision.version_set.all()}
    assert ("person", str(person.pk)) in versions
    assert ("membership", str(membership.pk)) in versions


def test_an_organization_edits_its_members_inline(editor_client, editor):
    body = OrganizationFactory()
    person = PersonFactory()
    data = admin_form_data(editor_client.get(admin_url(body, "change")))
    data["change_reason"] = "Adds its director."  # the organization is public
    data["memberships-TOTAL_FORMS"] = "1"
    data.update(
        {
            "memberships-0-person": str(person.pk),
            "memberships-0-role": "Director",
            "memberships-0-start_date": "2022-01-01",
            "memberships-0-start_precision": "year",
            "memberships-0-end_precision": "day",
        }
    )
    response = editor_client.post(admin_url(body, "change"), data)
    assert response.status_code == 302, form_errors(response)
    assert Version.objects.get_for_object(body).first().revision.user == editor
    assert body.memberships.get().person == person


# ---------------------------------------------------------------------------------------------
# Writers


def test_a_writer_can_look_but_not_add_or_delete_people(client, writer):
    person = PersonFactory()
    client.force_login(writer)
    response = client.get(admin_url(Person, "changelist"))
    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()
    model_admin = response.context["cl"].model_admin
    assert not model_admin.has_delete_permission(response.wsgi_request, person)
    assert not model_admin.has_add_permission(response.wsgi_request)

    assert client.get(admin_url(Person, "add")).status_code == 403
    assert client.post(admin_url(Person, "add"), {"full_name": "X", "slug": "x"}).status_code == 403
    assert client.get(admin_url(person, "delete", person.pk)).status_code == 403
    assert client.get(admin_url(Person, "recoverlist")).status_code == 403
    assert Person.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# Bad input is a form error naming the field, and nothing is saved


def _person_with_membership_row(editor_client, **row):
    person = PersonFactory()
    organization = OrganizationFactory()
    data = admin_form_data(editor_client.get(admin_url(person, "change")))
    data["summary"] = "Changed, but must not be saved."
    data["memberships-TOTAL_FORMS"] = "1"
    fields = {
        "organization": str(organization.pk),
        "role": "Member",
        "rank": "",
        "start_date": "2022-10-23",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
        "note": "",
    }
    fields.update(row)
    data.update({f"memberships-0-{name}": value for name, value in fields.items()})
    return person, data


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"end_date": "2020-01-01"}, "end_date", "cannot end before it starts"),
        ({"rank": "0"}, "rank", "Rank starts at 1"),
        ({"start_precision": "decade"}, "start_precision", "Select a valid choice"),
        ({"end_precision": "minute"}, "end_precision", "Select a valid choice"),
    ],
    ids=["end-before-start", "rank-zero", "unknown-precision", "event-only-precision"],
)
def test_bad_membership_rows_are_form_errors(editor_client, row, field, message):
    person, data = _person_with_membership_row(editor_client, **row)
    response = editor_client.post(admin_url(person, "change"), data)
    assert response.status_code == 200
    errors = form_errors(response)
    assert message in " ".join(errors[f"memberships-0-{field}"])
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.summary == ""
    assert not Membership.objects.exists()
    assert not Version.objects.get_for_object(person).exists()


def test_a_duplicate_slug_is_a_form_error(editor_client):
    PersonFactory(slug="cai-qi")
    data = admin_form_data(editor_client.get(admin_url(Person, "add")))
    data.update({"full_name": "Cai Qi (2)", "slug": "cai-qi", "birth_date_precision": "day"})
    response = editor_client.post(admin_url(Person, "add"), data)
    assert response.status_code == 200
    assert "already exists" in " ".join(form_errors(response)["slug"])
    assert Person.objects.count() == 1


def test_an_unknown_birth_date_precision_is_a_form_error(editor_client):
    data = admin_form_data(editor_client.get(admin_url(Person, "add")))
    data.update({"full_name": "Cai Qi", "slug": "cai-qi", "birth_date_precision": "century"})
    response = editor_client.post(admin_url(Person, "add"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(form_errors(response)["birth_date_precision"])
    assert not Person.objects.exists()


def test_a_second_current_membership_in_the_same_role_is_a_form_error(editor_client):
    existing = MembershipFactory(role="Member")
    data = admin_form_data(editor_client.get(admin_url(Membership, "add")))
    data.update(
        {
            "person": str(existing.person_id),
            "organization": str(existing.organization_id),
            "role": "Member",
            "start_precision": "day",
            "end_precision": "day",
        }
    )
    response = editor_client.post(admin_url(Membership, "add"), data)
    assert response.status_code == 200
    assert "already holds this role" in response.content.decode()
    assert Membership.objects.count() == 1
