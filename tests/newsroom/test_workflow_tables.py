"""The move tables of ``newsroom.actions`` are the workflow: they agree with the models'
``TRANSITIONS``, and the admin offers exactly the moves ``available_moves`` returns, per role,
in the order it returns them (forward moves first)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from newsroom import actions
from newsroom.models import Article, ArticleStatus, Claim, ClaimStatus
from tests.support.admin import admin_url
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory
from tests.support.users import make_user

pytestmark = pytest.mark.django_db


def pairs(table) -> set[tuple[str, str]]:
    return {(source, move.target) for move in table for source in move.sources}


def transitions(model) -> set[tuple[str, str]]:
    return {(source, target) for source, targets in model.TRANSITIONS.items() for target in targets}


@pytest.mark.parametrize(
    ("table", "model"),
    [(actions.CLAIM_MOVES, Claim), (actions.ARTICLE_MOVES, Article)],
    ids=["claims", "articles"],
)
def test_the_move_table_and_the_model_transitions_agree(table, model):
    assert pairs(table) == transitions(model)
    # One move per (from, to): the dispatcher never has to choose.
    assert len(pairs(table)) == sum(len(move.sources) for move in table)
    assert len({move.name for move in table}) == len(table)


@pytest.mark.parametrize(
    ("table", "statuses"),
    [(actions.CLAIM_MOVES, ClaimStatus), (actions.ARTICLE_MOVES, ArticleStatus)],
    ids=["claims", "articles"],
)
def test_every_move_names_real_states_and_a_public_action(table, statuses):
    for move in table:
        assert set(move.sources) | {move.target} <= set(statuses.values), move.name
        assert getattr(actions, move.function.__name__) is move.function, move.name


# ---------------------------------------------------------------------------------------------
# The claim's review panel


@pytest.fixture
def users(db):
    return {
        "author": make_user("author", "writer"),
        "writer": make_user("wr", "writer"),
        "fact-checker": make_user("fc", "fact-checker"),
        "editor": make_user("ed", "editor"),
    }


def claim_in(status: str, author) -> Claim:
    claim = ClaimFactory(created_by=author, statement_edited_by=author)
    actions.verify_citation(citation=CitationFactory(claim=claim))
    fields = {"status": status}
    if status in (ClaimStatus.REVIEWED, ClaimStatus.REOPENED):
        fields["verdict"] = "accurate"
    Claim.objects.filter(pk=claim.pk).update(**fields)
    claim.refresh_from_db()
    return claim


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
    assert list(assign.fields["assignee"].queryset) == [users["fact-checker"]]


def test_assigning_is_not_offered_when_nobody_eligible_is_left(users):
    checker = users["fact-checker"]
    claim = claim_in(ClaimStatus.SUBMITTED, checker)
    # The editor is eligible: take them out by making them an evidence editor.
    claim.evidence_editors.add(users["editor"])
    assert [move.name for move in actions.claims.available_moves(claim, checker)] == ["withdraw"]


# ---------------------------------------------------------------------------------------------
# The article's publishing panel


def article_buttons(response) -> list[str]:
    return re.findall(r'id="article-move-([a-z_]+)"', response.content.decode())


@pytest.mark.parametrize("role", ["writer", "fact-checker", "editor"])
@pytest.mark.parametrize("status", ArticleStatus.values)
def test_the_article_page_offers_exactly_the_available_moves(client, users, role, status):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(
        status=status, published_at=timezone.now() + dt.timedelta(hours=2)
    )
    article.refresh_from_db()
    client.force_login(users[role])
    response = client.get(admin_url(article, "change"))
    assert response.status_code == 200
    offered = actions.articles.available_moves(article, users[role])
    assert article_buttons(response) == [move.target for move in offered]
    panel = response.context["publishing"]["moves"]
    assert [entry["backwards"] for entry in panel] == [move.backwards for move in offered]
    if role == "editor":
        assert {move.target for move in offered} == Article.TRANSITIONS[status]
    elif role == "fact-checker":
        assert offered == []
