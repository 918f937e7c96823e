"""Share links to unpublished articles: signed, pinned to a version, expiring, revocable, and
of bounded lifetime."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_share_links_are_signed_pinned_expiring_and_revocable(writer, editor):
    article = ArticleFactory(headline="Draft headline")
    link = actions.create_share_link(article=article, actor=writer)
    token = actions.share_link_token(link)
    # Knowing the id is not enough: a token signed any other way opens nothing.
    assert actions.resolve_share_link(signing.dumps(link.pk, salt="guess")) is None
    assert actions.resolve_share_link(str(link.pk)) is None
    assert actions.resolve_share_link(token) == link
    assert link.version.field_dict["headline"] == "Draft headline"
    # A tampered token opens nothing.
    assert actions.resolve_share_link(token[:-2] + "xx") is None
    # Expired.
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()
    assert actions.resolve_share_link(token) is None
    # Revoked.
    fresh = actions.create_share_link(article=article, actor=editor)
    actions.revoke_share_link(link=fresh, actor=editor)
    assert actions.resolve_share_link(actions.share_link_token(fresh)) is None


def test_share_link_lifetime_is_bounded(writer):
    with pytest.raises(InvalidArticleTransition, match="30 days"):
        actions.create_share_link(
            article=ArticleFactory(), actor=writer, lifetime=dt.timedelta(days=90)
        )
