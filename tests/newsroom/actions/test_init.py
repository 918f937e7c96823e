"""The move tables the actions package exports are the workflow: CLAIM_MOVES and ARTICLE_MOVES
agree with the models' TRANSITIONS, and every move names real states and a public action."""

from __future__ import annotations

import pytest

from newsroom import actions
from newsroom.models import Article, ArticleStatus, Claim, ClaimStatus

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
