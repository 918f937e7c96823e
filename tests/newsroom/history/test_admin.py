"""Revision history in the admin (``newsroom.history.admin``), on people and organizations: the
history and compare pages, the reason asked on public records, the refusal of a save over a newer
version (a claim's workflow move is one), and reverting and recovering a person whole."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import reversion
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from newsroom.actions import submit_claim
from newsroom.models import Claim
from profiles.models import Membership, Person
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    revert_through_admin,
    save_through_admin,
)
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)
from tests.support.users import make_user

pytestmark = pytest.mark.django_db


def save_revision(obj, comment="edit", user=None) -> Version:
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        obj.save()
    return Version.objects.get_for_object(obj).first()


def compare_url(obj, new: Version, old: Version | None = None) -> str:
    url = admin_url(obj, "history_compare", obj.pk) + f"?new={new.pk}"
    return url + (f"&old={old.pk}" if old else "")


# ---------------------------------------------------------------------------------------------
# The compare page


@pytest.fixture
def person_versions(editor):
    """Cai Qi saved twice: biography, birth date and a membership's organization and rank change,
    one membership is removed and another added."""
    beijing = OrganizationFactory(name="Beijing Municipal Committee")
    pbsc = OrganizationFactory(name="Politburo Standing Committee", seats=7)
    office = OrganizationFactory(name="General Office")
    person = PersonFactory(full_name="Cai Qi", biography="He rose quickly.")
    member = MembershipFactory(person=person, organization=beijing, role="Secretary", rank=None)
    director = MembershipFactory(person=person, organization=office, role="Director")
    first = save_revision(person, "First.", editor)

    person.biography = "He rose quickly through the ranks of the party."
    person.birth_date = dt.date(1955, 12, 1)
    member.organization, member.rank, member.role = pbsc, 5, "Member"
    member.save()
    director.delete()
    MembershipFactory(person=person, organization=beijing, role="Party Secretary")
    second = save_revision(person, "Second.", editor)
    return person, first, second


def test_compare_page_shows_text_dates_foreign_keys_and_inline_rows(editor_client, person_versions):
    person, first, second = person_versions
    response = editor_client.get(compare_url(person, second, first))
    assert response.status_code == 200
    html = response.content.decode()
    # Long text as an inline word diff.
    assert "He rose quickly<ins> through the ranks of the party.</ins>" in html or (
        "<del>quickly.</del><ins>quickly through the ranks of the party.</ins>" in html
    )
    assert "<ins>" in html and "Biography" in html
    # A date, old → new.
    assert "1955-12-01" in html
    # Inline rows: the membership changed (organization and rank), one removed, one added.
    rows = {(row.change, row.row.split(" ")[0]) for row in response.context["comparison"].rows}
    assert {change for change, _ in rows} == {"added", "removed", "changed"}
    assert (
        "<del>Beijing Municipal Committee</del> → <ins>Politburo Standing Committee</ins>" in html
    )
    assert "<del>—</del> → <ins>5</ins>" in html  # the rank, a number
    assert "row-removed" in html and "row-added" in html
    # Who saved each side, and the comments.
    assert "Second." in html and "First." in html
    assert f"Version #{2}" in html and f"Version #{1}" in html


def test_compare_without_old_uses_the_previous_version_and_links_around(
    editor_client, person_versions
):
    person, first, second = person_versions
    third = save_revision(person, "Third.")
    response = editor_client.get(compare_url(person, second))
    assert response.context["old"]["version"] == first
    assert response.context["later_url"].endswith(f"?new={third.pk}")
    # The first version compares with nothing: its filled-in fields are listed as added.
    response = editor_client.get(compare_url(person, first))
    assert response.status_code == 200
    assert response.context["old"] is None
    assert "first recorded version" in response.content.decode()
    assert "Cai Qi" in response.content.decode()


def test_compare_refuses_a_version_of_another_record(editor_client, person_versions):
    person, first, second = person_versions
    other = PersonFactory()
    other_version = save_revision(other)
    response = editor_client.get(compare_url(person, other_version, first))
    assert response.status_code == 404


def test_an_old_version_with_a_field_the_model_no_longer_has_is_shown_raw(
    editor_client, person_versions
):
    person, first, second = person_versions
    data = json.loads(first.serialized_data)
    data[0]["fields"]["nickname"] = "Old nickname"
    data[0]["fields"]["is_published"] = "not a boolean"
    Version.objects.filter(pk=first.pk).update(serialized_data=json.dumps(data))

    for url in (compare_url(person, second, first), admin_url(person, "history", person.pk)):
        response = editor_client.get(url)
        assert response.status_code == 200
    html = editor_client.get(compare_url(person, second, first)).content.decode()
    assert "nickname" in html and "Old nickname" in html
    assert "no longer on the model, shown as stored" in html


# ---------------------------------------------------------------------------------------------
# The history page


def test_history_page_lists_versions_with_user_comment_and_compare_links(
    editor_client, person_versions
):
    person, first, second = person_versions
    response = editor_client.get(admin_url(person, "history", person.pk))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["version"] for row in rows] == [second, first]
    assert [row["number"] for row in rows] == [2, 1]
    html = response.content.decode()
    assert rows[0]["compare_url"] in html.replace("&amp;", "&")
    assert f"old={first.pk}" in rows[0]["compare_url"]
    assert "compare with previous" in html
    assert 'type="radio" name="old"' in html and 'type="radio" name="new"' in html
    assert "Second." in html and "editor" in html
    assert admin_url(person, "revision", person.pk, first.pk) in html


def _history_queries(client, person, count: int) -> tuple[int, object]:
    for index in range(count):
        person.summary = f"Summary {index}"
        save_revision(person, f"Edit {index}.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(person, "history", person.pk) + "?p=2")
    assert response.status_code == 200
    return len(queries), response


def test_history_pages_in_a_fixed_number_of_queries(editor_client, settings):
    few, many = PersonFactory(), PersonFactory()
    few_queries, _ = _history_queries(editor_client, few, 10)
    many_queries, response = _history_queries(editor_client, many, 60)
    assert few_queries == many_queries
    # 60 versions at 50 a page: page 2 holds the 10 oldest, the last one without predecessor.
    rows = response.context["rows"]
    assert [row["number"] for row in rows] == list(range(10, 0, -1))
    assert [row["has_previous"] for row in rows] == [True] * 9 + [False]
    assert response.context["page"].paginator.num_pages == 2
    first_page = editor_client.get(admin_url(many, "history", many.pk))
    assert len(first_page.context["rows"]) == 50
    # The last row of page 1 compares with the newest row of page 2.
    assert f"old={rows[0]['version'].pk}" in first_page.context["rows"][-1]["compare_url"]


# ---------------------------------------------------------------------------------------------
# The reason for a change


def test_changing_a_published_person_asks_for_a_reason_that_becomes_the_comment(editor_client):
    person = PersonFactory(full_name="Cai Qi")
    url = admin_url(person, "change")
    page = editor_client.get(url)
    assert "Reason for this change" in page.content.decode()
    data = admin_form_data(page)
    data["summary"] = "Fifth-ranked member of the Politburo Standing Committee."

    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "change_reason" in form_errors(response)
    assert not Version.objects.get_for_object(person).exists()

    data["change_reason"] = "Rank confirmed by the official readout."
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert latest_revision().comment == "Rank confirmed by the official readout."


def test_an_unpublished_person_needs_no_reason(editor_client):
    person = PersonFactory(is_published=False)
    data = admin_form_data(editor_client.get(admin_url(person, "change")))
    data["summary"] = "Draft."
    response = editor_client.post(admin_url(person, "change"), data)
    assert response.status_code == 302, form_errors(response)
    assert "Changed" in latest_revision().comment  # the admin's own change message


def test_a_revert_records_which_version_it_restored(editor_client, editor):
    person = PersonFactory(full_name="Cai Qi", summary="First summary.")
    first = save_revision(person, "First.", editor)
    person.summary = "Second summary."
    save_revision(person, "Second.", editor)

    url = admin_url(person, "revision", person.pk, first.pk)
    data = admin_form_data(editor_client.get(url))
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "change_reason" in form_errors(response)  # the person is public

    data["change_reason"] = "The second summary was wrong."
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    person.refresh_from_db()
    assert person.summary == "First summary."
    comment = latest_revision().comment
    assert comment.startswith("Reverted to version #1 of ")
    assert comment.endswith(" by editor: The second summary was wrong.")


# ---------------------------------------------------------------------------------------------
# No lost edits


def test_a_save_over_a_newer_version_is_refused_and_nothing_is_lost(editor):
    editor_b = make_user("bea", "editor")
    editor_b.first_name, editor_b.last_name = "Bea", "Baker"
    editor_b.save()
    person = PersonFactory(full_name="Cai Qi", summary="Original summary.")
    save_revision(person, "Created.", editor)
    url = admin_url(person, "change")
    a, b = Client(), Client()
    a.force_login(editor)
    b.force_login(editor_b)

    form_a = admin_form_data(a.get(url))
    form_b = admin_form_data(b.get(url))
    assert form_a["opened_version"] == form_b["opened_version"] != ["0"]

    form_b["summary"] = "Summary by B."
    form_b["change_reason"] = "B's correction."
    assert b.post(url, form_b).status_code == 302

    form_a["biography"] = "A typed this long biography."
    form_a["change_reason"] = "A's addition."
    response = a.post(url, form_a)
    assert response.status_code == 200  # re-rendered, not redirected
    html = response.content.decode()
    assert "Bea Baker" in html and "after you opened it" in html
    assert "A typed this long biography." in html  # A's input is still in the form
    # What B changed is shown.
    assert "<del>Original summary.</del>" in html and "<ins>Summary by B.</ins>" in html
    person.refresh_from_db()
    assert person.summary == "Summary by B."
    assert person.biography == ""

    # A reloads (B's version now in the form), types again and saves.
    form_a = admin_form_data(a.get(url))
    assert form_a["summary"] == ["Summary by B."]
    form_a["biography"] = "A typed this long biography."
    form_a["change_reason"] = "A's addition."
    assert a.post(url, form_a).status_code == 302, form_errors(a.post(url, form_a))
    person.refresh_from_db()
    assert (person.summary, person.biography) == ("Summary by B.", "A typed this long biography.")
    comments = [v.revision.comment for v in Version.objects.get_for_object(person)]
    assert comments == ["A's addition.", "B's correction.", "Created."]


def test_saving_the_refused_form_again_is_a_deliberate_overwrite(editor):
    other = make_user("other", "editor")
    person = PersonFactory(summary="Original.")
    url = admin_url(person, "change")
    a, b = Client(), Client()
    a.force_login(editor)
    b.force_login(other)
    form_a, form_b = admin_form_data(a.get(url)), admin_form_data(b.get(url))
    assert form_a["opened_version"] == ["0"]  # no version yet: the guard uses 0
    form_b.update(summary="By B.", change_reason="B.")
    assert b.post(url, form_b).status_code == 302
    form_a.update(summary="By A.", change_reason="A.")
    refused = a.post(url, form_a)
    assert refused.status_code == 200 and "other" in refused.content.decode()
    # The refused form now carries the latest version: saving it again is a choice made
    # after seeing B's changes.
    again = admin_form_data(refused)
    assert again["opened_version"] != form_a["opened_version"]
    assert a.post(url, again).status_code == 302
    assert Person.objects.get(pk=person.pk).summary == "By A."


def test_a_workflow_move_after_opening_the_form_makes_it_stale(editor_client, writer, fact_checker):
    claim = ClaimFactory(created_by=writer)
    CitationFactory(claim=claim)
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    submit_claim(claim=claim, actor=writer)  # records a revision of its own
    data["kind"] = "quote"
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).kind != "quote"


# ---------------------------------------------------------------------------------------------
# Reverting and recovering a person with their memberships


@pytest.fixture
def person_with_history(editor_client):
    """A person saved with two memberships (revision 1), then one edited, one removed and one
    added (revision 2)."""
    person = PersonFactory(full_name="Cai Qi")
    committee = OrganizationFactory(name="Politburo Standing Committee", seats=7)
    office = OrganizationFactory(name="General Office")
    member = MembershipFactory(person=person, organization=committee, role="Member", rank=5)
    director = MembershipFactory(person=person, organization=office, role="Director")
    first = save_through_admin(editor_client, person)

    data = admin_form_data(editor_client.get(admin_url(person, "change")))
    rows = {data[f"memberships-{i}-id"][0]: i for i in range(2)}
    m, d = rows[str(member.pk)], rows[str(director.pk)]
    data["change_reason"] = "New positions."
    data[f"memberships-{m}-rank"] = "4"
    data[f"memberships-{d}-DELETE"] = "on"
    data["memberships-TOTAL_FORMS"] = "3"
    data.update(
        {
            "memberships-2-organization": str(OrganizationFactory(name="Beijing Committee").pk),
            "memberships-2-role": "Party Secretary",
            "memberships-2-start_date": "2017-05-27",
            "memberships-2-start_precision": "day",
            "memberships-2-end_precision": "day",
        }
    )
    response = editor_client.post(admin_url(person, "change"), data)
    assert response.status_code == 302, form_errors(response)
    assert set(person.memberships.values_list("role", flat=True)) == {"Member", "Party Secretary"}
    return person, member, director, first


def test_reverting_a_person_restores_exactly_their_memberships(editor_client, person_with_history):
    person, member, director, first = person_with_history

    revert_through_admin(editor_client, person, first)

    memberships = {m.pk: m for m in Membership.objects.filter(person=person)}
    assert set(memberships) == {member.pk, director.pk}
    assert memberships[member.pk].rank == 5
    assert memberships[director.pk].role == "Director"
    assert not Membership.objects.filter(role="Party Secretary").exists()


def test_a_deleted_person_is_recovered_with_their_memberships(editor_client, editor):
    person = PersonFactory(full_name="Cai Qi", slug="cai-qi")
    member = MembershipFactory(person=person, role="Member", rank=5)
    director = MembershipFactory(person=person, role="Director")
    save_through_admin(editor_client, person)
    pk = person.pk

    response = editor_client.post(admin_url(person, "delete", pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(pk__in=[member.pk, director.pk]).exists()

    response = editor_client.get(admin_url(Person, "recoverlist"))
    assert response.status_code == 200
    deleted = list(response.context["deleted"])
    assert [version.object_id for version in deleted] == [str(pk)]
    recover_url = reverse("admin:profiles_person_recover", args=[deleted[0].pk])
    assert recover_url in response.content.decode()

    form_page = editor_client.get(recover_url)
    assert form_page.status_code == 200
    response = editor_client.post(recover_url, admin_form_data(form_page))
    assert response.status_code == 302, form_errors(response)

    person = Person.objects.get(pk=pk)
    assert person.full_name == "Cai Qi"
    memberships = {m.pk: m for m in person.memberships.all()}
    assert set(memberships) == {member.pk, director.pk}
    assert memberships[member.pk].rank == 5
    revision = latest_revision()
    assert revision.user == editor and revision.comment
    assert Version.objects.get_for_object(person).count() == 2


def test_a_revert_url_refuses_a_version_of_another_kind_of_record(editor_client, editor):
    # reversion finds the version by its id and the record's id alone: a claim's version under
    # a person's address (same object id) reached the revert form of another model's row.
    claim = ClaimFactory()
    version = save_revision(claim, "Claim saved.", editor)
    Person.objects.filter(pk=claim.pk).first() or PersonFactory(pk=claim.pk)
    person_url = reverse("admin:profiles_person_revision", args=[claim.pk, version.pk])
    assert editor_client.get(person_url).status_code == 404
    assert editor_client.post(person_url, {}).status_code == 404
    # Its own address still opens it.
    assert editor_client.get(admin_url(claim, "revision", claim.pk, version.pk)).status_code == 200
