"""The review queue as each role meets it: where a fact-checker lands, how long each claim has
waited (oldest first), bulk assignment to a chosen reviewer, people named by their full names,
readable rows on delete confirmations, and the message after a recovery."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom import actions
from newsroom.models import Claim, ClaimStatus, ReviewEvent
from tests.newsroom.history.test_deletions import (
    delete_through_admin,
    recover_through_recent_changes,
    save_revision,
)
from tests.support.admin import admin_url, message_texts
from tests.support.factories import ClaimFactory, EventFactory
from tests.support.logins import sign_in
from tests.support.review import in_review, reviewed, submitted

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsroom_claim_changelist")
QUEUE = f"{CHANGELIST}?queue=waiting"


def named(user, first: str, last: str):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def joined_queue_at(claim: Claim, when: dt.datetime) -> None:
    """Backdate the ReviewEvent that put ``claim`` in the queue."""
    ReviewEvent.objects.filter(claim=claim, to_status=ClaimStatus.SUBMITTED).update(created_at=when)


# ---------------------------------------------------------------------------------------------
# Where each role lands


def test_a_fact_checker_signing_in_lands_on_the_review_queue(client, fact_checker):
    response = sign_in(client, "checker")
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<h1>Review queue: claims waiting for review</h1>" in page.content.decode()


@pytest.mark.parametrize("role", ["editor", "writer"])
def test_editors_and_writers_land_on_the_admin_home(client, role, request):
    request.getfixturevalue(role)
    response = sign_in(client, role)
    assert response["Location"] == reverse("admin:index")


def test_the_admin_home_shows_the_queue_to_those_who_review(client, writer, fact_checker):
    in_review(writer, fact_checker)
    submitted(writer)
    client.force_login(fact_checker)
    html = client.get(reverse("admin:index")).content.decode()
    assert 'id="review-queue-module"' in html
    assert f'href="{QUEUE}"' in html
    counts = re.findall(r'<span class="mini quiet">(\d+)', html)
    assert counts[:3] == ["2", "1", "1"]  # waiting, mine, not assigned yet
    client.force_login(writer)
    assert 'id="review-queue-module"' not in client.get(reverse("admin:index")).content.decode()


# ---------------------------------------------------------------------------------------------
# Waiting since, oldest first


def test_the_queue_shows_how_long_each_claim_waited_oldest_first(client, writer, fact_checker):
    now = timezone.now()
    recent, oldest, middle = submitted(writer), submitted(writer), in_review(writer, fact_checker)
    joined_queue_at(recent, now - dt.timedelta(hours=2))
    joined_queue_at(oldest, now - dt.timedelta(days=9))
    joined_queue_at(middle, now - dt.timedelta(days=3))
    done = reviewed(writer, fact_checker)
    client.force_login(fact_checker)
    response = client.get(QUEUE)
    rows = list(response.context["cl"].result_list)
    assert [row.pk for row in rows] == [oldest.pk, middle.pk, recent.pk]
    # Taking a claim into review does not reset its clock.
    assert rows[1].waiting_since == now - dt.timedelta(days=3)
    html = response.content.decode().replace("\xa0", " ")
    assert "waiting since" in html.lower()
    assert "1 week" in html and "3 days" in html and "2 hours" in html
    # The whole list, outside the queue, is most recently changed first; a claim not
    # waiting has no date.
    everything = list(client.get(CHANGELIST).context["cl"].result_list)
    assert everything[0].pk == done.pk and everything[0].waiting_since is None
    assert [row.pk for row in everything] == list(
        Claim.objects.order_by("-updated_at").values_list("pk", flat=True)
    )


def test_a_reopened_claim_waits_from_its_reopening(client, writer, fact_checker):
    claim = reviewed(writer, fact_checker)
    joined_queue_at(claim, timezone.now() - dt.timedelta(days=30))
    reopened = actions.reopen_claim(claim=claim, actor=fact_checker, note="New transcript.")
    row = Claim.objects.with_waiting_since().get(pk=reopened.pk)
    assert timezone.now() - row.waiting_since < dt.timedelta(minutes=1)


def test_the_queue_can_still_be_sorted_by_another_column(client, writer, fact_checker):
    first, second = submitted(writer), submitted(writer)
    joined_queue_at(first, timezone.now() - dt.timedelta(days=1))
    client.force_login(fact_checker)
    default = [row.pk for row in client.get(QUEUE).context["cl"].result_list]
    assert default == [first.pk, second.pk]
    headers = client.get(QUEUE).context["result_headers"]
    waiting = next(i for i, h in enumerate(headers) if h["text"].lower() == "waiting since")
    newest_first = [row.pk for row in client.get(f"{QUEUE}&o=-{waiting}").context["cl"].result_list]
    assert newest_first == [second.pk, first.pk]


# ---------------------------------------------------------------------------------------------
# Bulk assignment to a chosen reviewer


def bulk(client, claims, **data):
    return client.post(
        CHANGELIST,
        {"action": "assign_to_reviewer", "_selected_action": [c.pk for c in claims], **data},
    )


def test_an_editor_assigns_several_claims_to_a_chosen_reviewer(
    client, editor, writer, fact_checker, second_fact_checker
):
    named(second_fact_checker, "Priya", "Raman")
    claims = [submitted(writer), submitted(writer)]
    client.force_login(editor)
    page = bulk(client, claims)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Assign claims to a reviewer" in html
    assert f'<option value="{second_fact_checker.pk}">Priya Raman</option>' in html
    assert 'name="apply"' in html
    response = bulk(client, claims, apply="Assign", assignee=second_fact_checker.pk, note="Urgent.")
    assert response.status_code == 302
    assert message_texts(response) == ["Assigned to Priya Raman: 2 claims."]
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.status, claim.assignee) == (ClaimStatus.IN_REVIEW, second_fact_checker)
        assert claim.review_events.filter(to_status=ClaimStatus.IN_REVIEW, note="Urgent.").exists()


def test_bulk_assignment_offers_only_eligible_reviewers_and_refuses_in_plain_words(
    client, editor, writer, fact_checker, second_fact_checker
):
    named(fact_checker, "Priya", "Raman")
    theirs, other = submitted(fact_checker), submitted(writer)
    client.force_login(editor)
    html = bulk(client, [theirs, other]).content.decode()
    # She wrote one of the two: offered, saying she may take only one.
    assert "Priya Raman (may take 1 of the 2)" in html
    response = bulk(client, [theirs, other], apply="Assign", assignee=fact_checker.pk)
    assert message_texts(response) == [
        f"“{theirs}”: Priya Raman wrote this claim, so another reviewer must rate it.",
        "Assigned to Priya Raman: 1 claim.",
    ]
    theirs.refresh_from_db()
    other.refresh_from_db()
    assert theirs.status == ClaimStatus.SUBMITTED and theirs.assignee is None
    assert other.assignee == fact_checker


def test_a_fact_checker_can_bulk_assign_to_themselves(client, writer, fact_checker):
    claims = [submitted(writer), submitted(writer)]
    client.force_login(fact_checker)
    page = bulk(client, claims)
    assert page.context["form"].initial["assignee"] == fact_checker.pk
    response = bulk(client, claims, apply="Assign", assignee=fact_checker.pk)
    assert message_texts(response) == ["Assigned to checker: 2 claims."]
    assert set(Claim.objects.values_list("assignee", flat=True)) == {fact_checker.pk}


def test_a_bulk_assignment_without_a_reviewer_changes_nothing(client, editor, writer):
    claim = submitted(writer)
    client.force_login(editor)
    response = bulk(client, [claim], apply="Assign", assignee="")
    assert response.status_code == 200
    assert response.context["form"].errors["assignee"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_writers_are_not_offered_bulk_assignment(client, writer):
    claim = submitted(writer)
    client.force_login(writer)
    assert "assign_to_reviewer" not in client.get(CHANGELIST).content.decode()
    bulk(client, [claim], apply="Assign", assignee=writer.pk)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


# ---------------------------------------------------------------------------------------------
# People by their full names; readable rows; the recovery message


def test_users_are_shown_by_full_name(client, writer, fact_checker):
    named(fact_checker, "Priya", "Raman")
    claim = in_review(writer, fact_checker)
    client.force_login(fact_checker)
    html = client.get(f"{CHANGELIST}?queue=mine").content.decode()
    assert "Welcome, <strong>Priya Raman</strong>." in html
    assert '<td class="field-assignee_name">Priya Raman</td>' in html
    change = client.get(admin_url(claim, "change")).content.decode()
    assert "assigned to <strong>Priya Raman</strong>" in change
    history = client.get(admin_url(claim, "history", claim.pk)).content.decode()
    assert "Priya Raman" in history


def test_a_delete_confirmation_names_every_row_readably(client, editor):
    event = EventFactory(title="Modi meets Cai Qi")
    claim = ClaimFactory(statement="Modi met Cai in Tianjin.")
    claim.about_events.add(event)
    client.force_login(editor)
    html = client.get(admin_url(event, "delete", event.pk)).content.decode()
    assert " object (" not in html
    assert "Modi met Cai in Tianjin. — Modi meets Cai Qi" in html


def test_a_recovered_record_is_said_to_be_recovered(editor_client):
    event = EventFactory(title="Modi meets Cai Qi")
    save_revision(event)
    pk = event.pk
    delete_through_admin(editor_client, event)
    recover_through_recent_changes(editor_client, type(event), pk)
    texts = message_texts(editor_client.get(reverse("admin:index")))
    assert any("was recovered" in text and "Modi meets Cai Qi" in text for text in texts), texts
    assert not any("changed successfully" in text for text in texts)


def test_review_events_read_as_moves(writer, fact_checker):
    named(fact_checker, "Priya", "Raman")
    claim = in_review(writer, fact_checker)
    event = claim.review_events.select_related("actor").get(to_status=ClaimStatus.IN_REVIEW)
    assert str(event) == "Submitted for review → in review, by Priya Raman"
