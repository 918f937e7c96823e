"""Merging duplicate profiles through the admin: the action, its confirmation, the undo."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from reversion.models import Version

from newsroom.models import ProfileMerge
from profiles.models import Organization, Person
from tests.support.admin import admin_url, message_texts
from tests.support.content import make_published_article
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory
from tests.support.users import role_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    return role_users()


@pytest.fixture
def pair(db):
    survivor = PersonFactory(full_name="Cai Qi", slug="cai-qi")
    duplicate = PersonFactory(full_name="Cai Qi (duplicate)", slug="cai-qi-2")
    return duplicate, survivor


def open_merge(client, model, records):
    """Choose the action on the changelist: it leads to the confirmation page."""
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [r.pk for r in records]}
    return client.post(admin_url(model, "changelist"), data)


def merge_through_admin(client, model, records, survivor, note=""):
    start = open_merge(client, model, records)
    assert start.status_code == 302, start.status_code
    return client.post(start["Location"], {"survivor": survivor.pk, "note": note}, follow=True)


def test_editor_merges_through_the_confirmation_page(client, users, pair):
    duplicate, survivor = pair
    MembershipFactory(person=duplicate, role="Director")
    client.force_login(users["editor"])

    page = client.get(open_merge(client, Person, pair)["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Which record survives?" in html and "cai-qi-2" in html and "Cai Qi" in html
    assert not Person.objects.filter(merged_into__isnull=False).exists()

    done = merge_through_admin(client, Person, pair, survivor, note="Same man")
    assert done.status_code == 200
    assert any("was merged into “Cai Qi”" in text for text in message_texts(done))
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert survivor.memberships.count() == 1
    merge = ProfileMerge.objects.get()
    assert merge.actor == users["editor"] and merge.note == "Same man"


def test_the_survivor_can_be_either_record(client, users, pair):
    duplicate, survivor = pair
    client.force_login(users["editor"])
    merge_through_admin(client, Person, pair, duplicate)
    survivor.refresh_from_db()
    assert survivor.merged_into == duplicate


def test_a_refusal_is_shown_on_the_page_and_changes_nothing(client, users, pair):
    duplicate, survivor = pair
    survivor.is_published = False
    survivor.save()
    client.force_login(users["editor"])
    response = merge_through_admin(client, Person, pair, survivor)
    assert response.status_code == 200
    assert "is hidden from readers" in response.content.decode()
    assert not ProfileMerge.objects.exists()


def test_merging_needs_exactly_two_records(client, users, pair):
    client.force_login(users["editor"])
    response = client.post(
        admin_url(Person, "changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [pair[0].pk]},
        follow=True,
    )
    assert "Select exactly two people to merge." in message_texts(response)


@pytest.mark.parametrize("role", ["writer", "fact-checker", "nobody"])
def test_roles_that_may_not_publish_cannot_merge(client, users, pair, role):
    client.force_login(users[role])
    changelist = client.get(admin_url(Person, "changelist"))
    if changelist.status_code == 200:
        assert "merge_selected" not in changelist.content.decode()
    response = open_merge(client, Person, pair)
    assert response.status_code != 302 or "merge" not in response["Location"]
    query = f"?model=person&ids={pair[0].pk},{pair[1].pk}"
    direct = client.post(admin_url(ProfileMerge, "merge") + query, {"survivor": pair[1].pk})
    assert direct.status_code in (302, 403)  # to the login page, or refused
    assert not ProfileMerge.objects.exists()
    assert Person.objects.get(pk=pair[0].pk).merged_into is None


def test_organizations_have_the_action_too(client, users):
    records = [
        OrganizationFactory(name="MEA"),
        OrganizationFactory(name="Ministry of External Affairs"),
    ]
    client.force_login(users["editor"])
    merge_through_admin(client, Organization, records, records[1])
    assert Organization.objects.get(pk=records[0].pk).merged_into == records[1]


def test_reverting_the_merge_revision_from_the_history_undoes_it(client, users, pair):
    duplicate, survivor = pair
    article = make_published_article(users["editor"], body="Profile: [[person:cai-qi-2]].")
    client.force_login(users["editor"])
    merge_through_admin(client, Person, pair, survivor)
    version = Version.objects.get_for_object(duplicate).first()

    page = client.get(admin_url(duplicate, "revision", duplicate.pk, version.pk))
    merge = ProfileMerge.objects.get()
    undo_url = admin_url(ProfileMerge, "undo", merge.pk)
    assert page.status_code == 302 and page["Location"] == undo_url
    confirm = client.get(undo_url)
    assert "Undo the merge" in confirm.content.decode()

    client.post(undo_url, {"reason": "Two different people."})

    duplicate.refresh_from_db()
    article.refresh_from_db()
    merge.refresh_from_db()
    assert merge.is_undone and duplicate.merged_into is None and duplicate.is_published
    assert article.body == "Profile: [[person:cai-qi-2]]."


def test_writers_see_merges_but_cannot_undo_them(client, users, pair):
    from newsroom.actions import merges

    merge = merges.merge_profiles(duplicate=pair[0], survivor=pair[1], actor=users["editor"])
    client.force_login(users["writer"])
    assert client.get(admin_url(ProfileMerge, "changelist")).status_code == 200
    response = client.post(admin_url(ProfileMerge, "undo", merge.pk), follow=True)
    assert any("Only editors" in text for text in message_texts(response))
    merge.refresh_from_db()
    assert not merge.is_undone
