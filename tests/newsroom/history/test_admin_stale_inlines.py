"""The stale-form guard on inline rows: a person's memberships, a claim's citations.

A row edited, deleted or added on its own admin page after the record's form was opened refuses
the record's save (which would otherwise write the stale row back, or stop on the deleted one),
names who did what, keeps the editor's input, and lets a second save go through on purpose.
"""

from __future__ import annotations

import pytest
import reversion
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from events.models import Event
from newsroom.history.admin import when_label
from newsroom.models import Citation, Claim
from profiles.models import Membership, Organization, Person
from tests.support.admin import admin_form_data, admin_url, form_errors
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SourceFactory,
)
from tests.support.users import make_user

pytestmark = pytest.mark.django_db


def refusal(response) -> str:
    """The messages on top of a re-rendered admin form."""
    assert response.status_code == 200, "expected the form back, not a redirect"
    return " ".join(response.context["adminform"].form.non_field_errors())


@pytest.fixture
def bea(db):
    user = make_user("bea", "editor")
    user.first_name, user.last_name = "Bea", "Baker"
    user.save()
    return user


@pytest.fixture
def cai(editor):
    """Cai Qi, unpublished (no reason asked), with one membership, saved once with it."""
    person = PersonFactory(full_name="Cai Qi", summary="Original.", is_published=False)
    member = MembershipFactory(
        person=person, organization=OrganizationFactory(name="Politburo"), role="Member"
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        person.save()
        member.save()
    return person, member


def clients(*users) -> list[Client]:
    result = []
    for user in users:
        client = Client()
        client.force_login(user)
        result.append(client)
    return result


def test_a_membership_edited_on_its_own_page_refuses_the_person_save(editor, bea, cai):
    person, member = cai
    a, b = clients(editor, bea)
    url = admin_url(person, "change")
    form_a = admin_form_data(a.get(url))

    form_b = admin_form_data(b.get(admin_url(member, "change")))
    form_b["role"] = "Director"
    assert b.post(admin_url(member, "change"), form_b).status_code == 302
    edit = Version.objects.get_for_object(member).first()
    versions_before = Version.objects.count()

    form_a["summary"] = "A typed this summary."
    response = a.post(url, form_a)
    message = refusal(response)
    assert (
        f"Bea Baker edited the membership “{Membership.objects.get(pk=member.pk)}” on "
        f"{when_label(edit.revision.date_created)}" in message
    )
    assert "save again to apply your input" in message
    html = response.content.decode()
    assert "A typed this summary." in html  # the input is kept
    assert "Rows changed elsewhere" in html
    assert f"?new={edit.pk}" in html  # links to what Bea changed
    # Nothing was written: neither the person nor the stale row.
    assert Person.objects.get(pk=person.pk).summary == "Original."
    assert Membership.objects.get(pk=member.pk).role == "Director"
    assert Version.objects.count() == versions_before

    # Saving the refused form again is a deliberate choice: A's rows replace Bea's.
    again = admin_form_data(response)
    assert again["opened_version"] != form_a["opened_version"]
    saved = a.post(url, again)
    assert saved.status_code == 302, form_errors(saved)
    assert Person.objects.get(pk=person.pk).summary == "A typed this summary."
    assert Membership.objects.get(pk=member.pk).role == "Member"


def test_a_membership_deleted_elsewhere_refuses_the_save_and_stays_deleted(editor, bea, cai):
    person, member = cai
    label = str(member)
    a, b = clients(editor, bea)
    url = admin_url(person, "change")
    form_a = admin_form_data(a.get(url))
    assert b.post(admin_url(member, "delete", member.pk), {"post": "yes"}).status_code == 302

    form_a["summary"] = "A typed this summary."
    response = a.post(url, form_a)
    message = refusal(response)
    assert f"Bea Baker deleted the membership “{label}” on " in message
    assert "A typed this summary." in response.content.decode()
    assert Person.objects.get(pk=person.pk).summary == "Original."
    assert not Membership.objects.filter(pk=member.pk).exists()

    # The second save goes through (not "Select a valid choice" on the row that is gone) and
    # leaves the row deleted.
    saved = a.post(url, admin_form_data(response))
    assert saved.status_code == 302, form_errors(saved)
    assert Person.objects.get(pk=person.pk).summary == "A typed this summary."
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_membership_added_elsewhere_refuses_the_save_and_is_kept(editor, bea, cai):
    person, member = cai
    a, b = clients(editor, bea)
    url = admin_url(person, "change")
    form_a = admin_form_data(a.get(url))

    add_url = admin_url(Membership, "add")
    form_b = admin_form_data(b.get(add_url))
    office = OrganizationFactory(name="General Office")
    form_b.update(person=str(person.pk), organization=str(office.pk), role="Director")
    assert b.post(add_url, form_b).status_code == 302
    added = Membership.objects.get(organization=office)

    form_a["summary"] = "A typed this summary."
    response = a.post(url, form_a)
    assert f"Bea Baker added the membership “{added}” on " in refusal(response)
    assert Person.objects.get(pk=person.pk).summary == "Original."

    saved = a.post(url, admin_form_data(response))
    assert saved.status_code == 302, form_errors(saved)
    assert Person.objects.get(pk=person.pk).summary == "A typed this summary."
    assert set(person.memberships.values_list("pk", flat=True)) == {member.pk, added.pk}


def test_a_citation_edited_on_its_own_page_refuses_the_claim_save(editor, writer, fact_checker):
    claim = ClaimFactory(created_by=writer, statement="The talks were useful.")
    citation = CitationFactory(claim=claim, source=SourceFactory(title="Report A"))
    with reversion.create_revision():
        claim.save()
        citation.save()
    a, checker = clients(writer, fact_checker)
    url = admin_url(claim, "change")
    form_a = admin_form_data(a.get(url))

    citation_url = admin_url(citation, "change")
    form_c = admin_form_data(checker.get(citation_url))
    form_c["locator"] = "p. 4"
    assert checker.post(citation_url, form_c).status_code == 302
    edit = Version.objects.get_for_object(citation).first()

    form_a["statement"] = "The talks were useful, the minister said."
    response = a.post(url, form_a)
    assert (
        "checker edited the citation “Report A (supports)” on "
        f"{when_label(edit.revision.date_created)}" in refusal(response)
    )
    claim.refresh_from_db()
    assert claim.statement == "The talks were useful."
    citation.refresh_from_db()
    assert citation.locator == "p. 4"


def test_the_followed_relations_come_from_the_reversion_registration(rf, editor):
    request = rf.get("/")
    request.user = editor
    followed = {
        model.__name__: [
            r.name for r in admin.site._registry[model].stale_guard_relations(request, None)
        ]
        for model in (Person, Organization, Event, Claim, Citation)
    }
    assert followed == {
        "Person": ["memberships"],
        "Organization": ["memberships"],
        "Event": ["participations"],
        "Claim": ["citations"],
        "Citation": [],
    }


def test_a_participation_deleted_elsewhere_refuses_the_event_save(editor, bea):
    event = EventFactory(title="Plenum", is_published=False)
    participation = ParticipationFactory(event=event)
    label = str(participation)
    a, b = clients(editor, bea)
    url = admin_url(event, "change")
    form_a = admin_form_data(a.get(url))
    delete_url = admin_url(participation, "delete", participation.pk)
    assert b.post(delete_url, {"post": "yes"}).status_code == 302

    form_a["summary"] = "A typed this summary."
    response = a.post(url, form_a)
    assert f"Bea Baker deleted the participant “{label}” on " in refusal(response)
    assert Event.objects.get(pk=event.pk).summary != "A typed this summary."
    saved = a.post(url, admin_form_data(response))
    assert saved.status_code == 302, form_errors(saved)
    assert Event.objects.get(pk=event.pk).summary == "A typed this summary."


def test_a_person_saved_elsewhere_is_named_once_not_again_for_its_rows(editor, bea, cai):
    """A save of the person itself versions its rows too: the record's refusal covers them."""
    person, member = cai
    a, b = clients(editor, bea)
    url = admin_url(person, "change")
    form_a, form_b = admin_form_data(a.get(url)), admin_form_data(b.get(url))
    form_b["memberships-0-role"] = "Director"
    assert b.post(url, form_b).status_code == 302

    message = refusal(a.post(url, form_a))
    assert "Bea Baker saved a newer version of this person after you opened it" in message
    assert "the membership" not in message
    assert Membership.objects.get(pk=member.pk).role == "Director"


def test_an_organization_saved_without_touching_the_membership_does_not_refuse(editor, bea, cai):
    """Saving an organization versions all its memberships, changed or not."""
    person, member = cai
    a, b = clients(editor, bea)
    url = admin_url(person, "change")
    form_a = admin_form_data(a.get(url))
    org_url = admin_url(member.organization, "change")
    form_b = admin_form_data(b.get(org_url))
    form_b.update(summary="Seven members.", change_reason="Summary.")
    assert b.post(org_url, form_b).status_code == 302
    assert Version.objects.get_for_object(member).count() == 2

    form_a["summary"] = "A typed this summary."
    response = a.post(url, form_a)
    assert response.status_code == 302, form_errors(response)


def test_a_save_without_interference_goes_through_with_its_rows(editor, cai):
    person, member = cai
    (a,) = clients(editor)
    url = admin_url(person, "change")
    form = admin_form_data(a.get(url))
    form["summary"] = "New summary."
    form["memberships-0-role"] = "Standing member"
    response = a.post(url, form)
    assert response.status_code == 302, form_errors(response)
    assert Person.objects.get(pk=person.pk).summary == "New summary."
    assert Membership.objects.get(pk=member.pk).role == "Standing member"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("opened_rows", "not json"),
        ("opened_rows", ""),
        ("opened_rows", "[]"),
        ("opened_rows", '{"memberships": [1]}'),
        ("opened_rows", '{"memberships": "1"}'),
        ("opened_rows", '{"citations": []}'),
        ("opened_rows", "[" * 100_000),
        ("opened_version", "abc"),
        ("opened_version", "-1"),
        ("opened_version", "99999999999999999999999999"),
    ],
)
def test_a_tampered_hidden_value_is_a_form_error_not_a_server_error(editor, cai, field, value):
    person, member = cai
    (a,) = clients(editor)
    url = admin_url(person, "change")
    form = admin_form_data(a.get(url))
    form["summary"] = "A typed this summary."
    form[field] = value
    response = a.post(url, form)
    assert "missing or damaged" in refusal(response)
    assert "A typed this summary." in response.content.decode()
    assert Person.objects.get(pk=person.pk).summary == "Original."
    # Not reset: saving the same damaged form again is refused again.
    assert refusal(a.post(url, admin_form_data(response)))


@pytest.mark.parametrize("value", ["99999999999999999999999999", "abc"])
def test_a_tampered_row_id_is_a_form_error_not_a_server_error(editor, cai, value):
    person, member = cai
    (a,) = clients(editor)
    url = admin_url(person, "change")
    form = admin_form_data(a.get(url))
    form["memberships-0-id"] = value
    response = a.post(url, form)
    assert response.status_code == 200
    assert "memberships-0-id" in form_errors(response)


def _guard_queries(rf, editor, bea, rows: int) -> tuple[int, int]:
    """Queries of the guard on opening a person's form and on a save it refuses, where every
    row was edited elsewhere, one deleted and one added."""
    person = PersonFactory(is_published=False)
    members = [MembershipFactory(person=person, role=f"Role {i}") for i in range(rows + 1)]
    with reversion.create_revision():
        person.save()
        for member in members:
            member.save()
    request = rf.get("/")
    request.user = type(editor).objects.get(pk=editor.pk)  # permissions not cached yet
    model_admin = admin.site._registry[Person]
    ContentType.objects.clear_cache()  # both runs look their content types up once
    with CaptureQueriesContext(connection) as opened:
        form_class = model_admin.get_form(request, person, change=True)
    form = form_class(instance=person)
    data = {name: form[name].value() for name in form.fields}
    data.update(summary="Stale.", birth_date="")
    for member in members[:-1]:
        with reversion.create_revision():
            reversion.set_user(bea)
            member.note = "Edited elsewhere."
            member.save()
    members[-1].delete()
    with reversion.create_revision():
        reversion.set_user(bea)
        MembershipFactory(person=person, role="Added")
    form = form_class(data, instance=person)
    with CaptureQueriesContext(connection) as refused:
        assert not form.is_valid()
    assert len(form.history_conflict.rows) == rows + 2
    return len(opened), len(refused)


def test_the_guard_runs_a_fixed_number_of_queries_however_many_rows(rf, editor, bea):
    assert _guard_queries(rf, editor, bea, 1) == _guard_queries(rf, editor, bea, 6)
