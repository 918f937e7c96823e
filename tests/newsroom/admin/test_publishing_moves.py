"""The article's publishing panel offers exactly the moves actions.articles.available_moves
returns, per role and status, in its order (forward moves first)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from newsroom import actions
from newsroom.models import Article, ArticleStatus
from tests.support.admin import admin_url
from tests.support.factories import ArticleFactory
from tests.support.users import role_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    return role_users()


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
