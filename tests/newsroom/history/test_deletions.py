"""Recovery is whole: deletions are logged and listed on Recent changes, and recovering a record
brings back the links other records held to it and the fields its versions leave out.

Deletes and recoveries go through the admin as an editor would (the delete page, the bulk
action, reversion's recover page: GET the form, POST it as shown), except where the point is a
delete made outside the admin.
"""

from __future__ import annotations

import pytest
import reversion
from django.db import connection
from django.db.models.signals import m2m_changed
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from newsroom.actions import assign_claim, rate_claim, submit_claim
from newsroom.history.models import Deletion
from newsroom.models import Article, ArticleStatus, Claim, ClaimStatus
from profiles.models import Membership, Person
from tests.support.admin import admin_form_data, admin_url, form_errors, latest_revision
from tests.support.content import publish
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

RECENT = "/admin/recent-changes/"


def save_revision(obj, user=None) -> None:
    with reversion.create_revision():
        reversion.set_user(user)
        obj.save()


def delete_through_admin(client, obj) -> None:
    response = client.post(admin_url(obj, "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def deletion_rows(response) -> list[dict]:
    """The Recent changes rows that are deletions, newest first."""
    return [row for row in response.context["rows"] if row["objects"][0].get("deletion")]


def recover_through_recent_changes(client, model, object_id):
    """Follow the recover link of the record's deletion on Recent changes and save the form."""
    page = client.get(RECENT)
    row = next(
        row
        for row in deletion_rows(page)
        if row["objects"][0]["deletion"].object_id == str(object_id)
        and row["objects"][0]["deletion"].content_type.model_class() is model
    )
    recover_url = row["objects"][0]["recover_url"]
    assert recover_url and recover_url in page.content.decode()
    form_page = client.get(recover_url)
    assert form_page.status_code == 200
    response = client.post(recover_url, admin_form_data(form_page))
    assert response.status_code == 302, form_errors(response)
    return model.objects.get(pk=object_id)


def test_a_deleted_event_recovered_is_again_what_claims_and_articles_are_about(editor_client):
    event = EventFactory(title="Modi meets Cai Qi")
    claims = ClaimFactory.create_batch(2)
    for claim in claims:
        claim.about_events.add(event)
    said_there = ClaimFactory(said_at_event=event)  # a SET_NULL foreign key
    article = ArticleFactory()
    article.related_events.add(event)
    sideline = EventFactory(parent=event)
    save_revision(event)
    pk = event.pk

    delete_through_admin(editor_client, event)
    assert not Claim.objects.filter(about_events=pk).exists()
    said_there.refresh_from_db()
    assert said_there.said_at_event_id is None

    event = recover_through_recent_changes(editor_client, Event, pk)
    assert set(event.claims.all()) == set(claims)
    assert list(event.articles.all()) == [article]
    said_there.refresh_from_db()
    sideline.refresh_from_db()
    assert said_there.said_at_event_id == pk
    assert sideline.parent_id == pk
    deletion = Deletion.objects.get(object_id=str(pk), revision__isnull=False)
    assert deletion.recovered_at is not None and deletion.recovered_by.username == "editor"


def test_recovery_skips_links_whose_other_end_went_or_moved_and_tells_m2m_receivers(
    editor_client,
):
    event, elsewhere = EventFactory(), EventFactory()
    kept, gone = ClaimFactory(), ClaimFactory()
    for claim in (kept, gone):
        claim.about_events.add(event)
    moved = ClaimFactory(said_at_event=event)
    save_revision(event)
    pk = event.pk
    delete_through_admin(editor_client, event)
    gone.delete()
    moved.said_at_event = elsewhere
    moved.save()

    seen = []

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if action == "post_add":
            seen.append((instance, reverse, pk_set))

    m2m_changed.connect(receiver, sender=Claim.about_events.through)
    try:
        event = recover_through_recent_changes(editor_client, Event, pk)
    finally:
        m2m_changed.disconnect(receiver, sender=Claim.about_events.through)
    assert list(event.claims.all()) == [kept]
    moved.refresh_from_db()
    assert moved.said_at_event == elsewhere  # changed since: left alone
    # Re-added from the claim's side, as an editor adding the event to the claim would.
    assert seen == [(kept, False, {pk})]


def test_a_deleted_claim_recovered_keeps_its_author_and_is_cited_again(editor_client, writer):
    claim = ClaimFactory(created_by=writer, statement_edited_by=writer)
    CitationFactory(claim=claim)
    save_revision(claim, writer)
    citing = ArticleFactory.create_batch(2)
    for article in citing:
        article.claims.add(claim)
    pk = claim.pk

    delete_through_admin(editor_client, claim)
    assert not citing[0].claims.exists()

    claim = recover_through_recent_changes(editor_client, Claim, pk)
    # Not the editor who recovered it, though versions leave the author out.
    assert claim.created_by == writer
    assert claim.statement_edited_by == writer
    assert set(claim.articles.all()) == set(citing)
    assert latest_revision().comment.startswith("Recovered after its deletion on ")
    assert latest_revision().comment.endswith(" by editor.")


def test_a_reviewed_claim_deleted_in_the_shell_is_recovered_with_its_verdict(
    editor_client, writer, fact_checker
):
    # The admin will not delete a claim with review events (nobody may delete those).
    claim = ClaimFactory(created_by=writer, statement_edited_by=writer)
    CitationFactory(claim=claim)
    submit_claim(claim=claim, actor=writer)
    assign_claim(claim=claim, actor=fact_checker)
    rate_claim(claim=claim, actor=fact_checker, verdict="false", rationale="The record differs.")
    pk = claim.pk
    # Excluded too: a JSON field and a many-to-many field.
    rated_content = Claim.objects.get(pk=pk).rated_content
    claim.evidence_editors.add(writer)

    Claim.objects.get(pk=pk).delete()

    claim = recover_through_recent_changes(editor_client, Claim, pk)
    assert (claim.status, claim.verdict, claim.rationale) == (
        ClaimStatus.REVIEWED,
        "false",
        "The record differs.",
    )
    assert (claim.reviewer, claim.created_by) == (fact_checker, writer)
    assert claim.reviewed_at is not None
    assert claim.rated_content == rated_content
    assert list(claim.evidence_editors.all()) == [writer]


def test_a_deleted_person_recovered_gets_memberships_back_and_the_claims_about_them(
    editor_client,
):
    person = PersonFactory(full_name="Cai Qi")
    member, director = MembershipFactory(person=person), MembershipFactory(person=person)
    about_person, about_position = ClaimFactory(), ClaimFactory()
    about_person.about_people.add(person)
    about_position.about_memberships.add(director)
    article = ArticleFactory()
    article.related_people.add(person)
    save_revision(person)  # follows the memberships
    pk = person.pk

    delete_through_admin(editor_client, person)
    assert not Membership.objects.filter(pk__in=[member.pk, director.pk]).exists()
    assert not about_position.about_memberships.exists()
    # One row on Recent changes: the person, not each membership the delete cascaded to.
    rows = deletion_rows(editor_client.get(RECENT))
    assert [row["objects"][0]["repr"] for row in rows] == ["Cai Qi"]

    person = recover_through_recent_changes(editor_client, Person, pk)
    assert set(person.memberships.all()) == {member, director}
    assert list(about_person.about_people.all()) == [person]
    assert list(about_position.about_memberships.all()) == [director]
    assert list(article.related_people.all()) == [person]
    assert not Deletion.objects.pending().exists()


def test_a_delete_from_the_shell_is_listed_by_an_unknown_user_and_can_be_recovered(
    editor_client,
):
    event = EventFactory(title="Banquet")
    claim = ClaimFactory()
    claim.about_events.add(event)
    save_revision(event)
    pk = event.pk

    Event.objects.get(pk=pk).delete()

    response = editor_client.get(RECENT)
    [row] = deletion_rows(response)
    assert row["user"] == "unknown user (shell or system)"
    assert row["revision"].comment == "Deleted."
    html = response.content.decode()
    assert "unknown user (shell or system)" in html and "Banquet" in html
    assert recover_through_recent_changes(editor_client, Event, pk) in claim.about_events.all()


def test_the_admin_bulk_delete_lists_each_record_as_the_editors(editor_client):
    people = PersonFactory.create_batch(2)
    for person in people:
        save_revision(person)
    response = editor_client.post(
        admin_url(Person, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(person.pk) for person in people],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk__in=[p.pk for p in people]).exists()

    rows = deletion_rows(editor_client.get(RECENT))
    assert sorted(row["objects"][0]["repr"] for row in rows) == sorted(str(p) for p in people)
    assert {row["user"] for row in rows} == {"editor"}
    assert all(row["objects"][0]["recover_url"] for row in rows)


def test_recent_changes_links_recover_only_for_who_may_recover_then_says_who_did(
    client, editor, writer
):
    person = PersonFactory(full_name="Cai Qi")
    save_revision(person)
    person_pk = person.pk
    client.force_login(editor)
    delete_through_admin(client, person)

    client.force_login(writer)  # may see people, not add them
    response = client.get(RECENT)
    [row] = deletion_rows(response)
    assert row["user"] == "editor"
    assert row["objects"][0]["recover_url"] == ""
    assert "/recover/" not in response.content.decode()

    client.force_login(editor)
    recover_through_recent_changes(client, Person, person_pk)
    [row] = deletion_rows(client.get(RECENT))
    assert row["objects"][0]["recover_url"] == ""
    assert row["objects"][0]["recovered_by"] == "editor"
    assert row["objects"][0]["url"] == admin_url(Person, "change", person_pk)


def test_recent_changes_filters_deletions_by_record_type_and_user(editor_client, editor):
    person, event = PersonFactory(), EventFactory()
    save_revision(person, editor)
    delete_through_admin(editor_client, person)
    event.delete()
    person_type = Deletion.objects.get(object_id=str(person.pk), revision__user=editor).content_type
    response = editor_client.get(RECENT, {"model": person_type.pk})
    assert [row["objects"][0]["repr"] for row in response.context["rows"]] == [
        str(person),
        str(person),  # its earlier revision
    ]
    assert len(deletion_rows(editor_client.get(RECENT, {"user": editor.pk}))) == 1


def test_an_inline_row_removed_in_its_parents_form_comes_back_whole_with_a_revert(
    editor_client,
):
    person = PersonFactory(is_published=False)
    director = MembershipFactory(person=person, role="Director")
    claim = ClaimFactory()
    claim.about_memberships.add(director)
    save_revision(person)
    first = latest_revision()

    data = admin_form_data(editor_client.get(admin_url(person, "change")))
    data["memberships-0-DELETE"] = "on"
    response = editor_client.post(admin_url(person, "change"), data)
    assert response.status_code == 302, form_errors(response)
    assert not claim.about_memberships.exists()
    # Shown as part of the person's revision, not as a deletion of its own.
    assert deletion_rows(editor_client.get(RECENT)) == []
    assert Deletion.objects.get(object_id=str(director.pk)).revision is None

    version = first.version_set.get(content_type__model="person")
    url = admin_url(person, "revision", person.pk, version.pk)
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))
    assert response.status_code == 302, form_errors(response)
    assert list(claim.about_memberships.all()) == [director]


def test_a_delete_refused_because_the_record_is_protected_leaves_no_log(editor_client):
    person = PersonFactory()
    ClaimFactory(claimant_person=person)  # protects the person
    response = editor_client.post(admin_url(person, "delete", person.pk), {"post": "yes"})
    assert response.status_code == 200  # the page explains what protects it
    assert Person.objects.filter(pk=person.pk).exists()
    assert not Deletion.objects.exists()


def test_recent_changes_runs_the_same_queries_however_many_deletions(editor_client, editor):
    def make_deletions(count: int) -> None:
        for _ in range(count):
            person = PersonFactory()
            MembershipFactory(person=person)
            save_revision(person, editor)
            delete_through_admin(editor_client, person)

    make_deletions(1)
    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(RECENT).status_code == 200
    make_deletions(5)
    # One shown as recovered, naming who recovered it.
    shown = Deletion.objects.filter(revision__isnull=False).order_by("pk").first()
    Deletion.objects.filter(pk=shown.pk).update(recovered_at=timezone.now(), recovered_by=editor)
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(RECENT)
    rows = deletion_rows(response)
    assert len(rows) == 6
    assert sum(bool(row["objects"][0]["recover_url"]) for row in rows) == 5
    assert len(few) == len(many)


def test_a_deleted_live_article_comes_back_unpublished_for_the_gate(client, editor_client, editor):
    article = ArticleFactory(headline="Once live")
    with reversion.create_revision():
        article.save()
    article = publish(article, editor)
    url, pk = article.get_absolute_url(), article.pk
    Article.objects.get(pk=pk).delete()

    article = recover_through_recent_changes(editor_client, Article, pk)
    assert article.status == ArticleStatus.UNPUBLISHED
    assert article.first_published_at is not None  # its past is kept
    assert "publish it again through the gate" in article.events.first().note
    assert client.get(url).status_code == 404
