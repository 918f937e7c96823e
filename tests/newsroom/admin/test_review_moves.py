"""The claim's review panel offers exactly the moves actions.claims.available_moves returns, per
role and status, in its order."""

from __future__ import annotations

import re

import pytest

from newsroom import actions
from newsroom.models import ClaimStatus
from tests.support.admin import admin_url
from tests.support.content import claim_in
from tests.support.users import role_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    return role_users()


def claim_buttons(response) -> list[str]:
    """The move forms the claim's change page shows, in page order."""
    return re.findall(r'id="claim-move-([a-z_]+)"', response.content.decode())


@pytest.mark.parametrize("role", ["writer", "fact-checker", "editor"])
@pytest.mark.parametrize("status", ClaimStatus.values)
def test_the_claim_page_offers_exactly_the_available_moves(client, users, role, status):
    claim = claim_in(status, users["author"])
    client.force_login(users[role])
    response = client.get(admin_url(claim, "change"))
    assert response.status_code == 200
    offered = actions.claims.available_moves(claim, users[role])
    assert claim_buttons(response) == [move.target for move in offered]
    # Writers move their own drafts in and out of the queue; reviewing is for the others.
    if role == "writer":
        assert {move.name for move in offered} <= {"submit", "withdraw"}
    elif status != ClaimStatus.DRAFT:
        assert offered, f"a {role} has a move on a {status} claim"


def test_an_author_who_may_not_review_is_still_offered_assigning_someone_else(client, users):
    editor = users["editor"]
    claim = claim_in(ClaimStatus.SUBMITTED, editor)
    assert ClaimStatus.IN_REVIEW not in actions.available_claim_moves(claim, editor)
    offered = [move.name for move in actions.claims.available_moves(claim, editor)]
    assert offered == ["assign", "withdraw"]
    client.force_login(editor)
    response = client.get(admin_url(claim, "change"))
    assert claim_buttons(response) == [ClaimStatus.IN_REVIEW, ClaimStatus.DRAFT]
    # The reviewer list leaves the author out.
    assign = response.context["claim_moves"][0]["form"]
    offered = [value.instance for value, _ in assign.fields["assignee"].choices]
    assert offered == [users["fact-checker"]]
