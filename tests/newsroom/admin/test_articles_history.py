"""The article admin asks for a reason only when the change reaches readers, and keeps a live
article's edit as a draft whose comment is that reason."""

from __future__ import annotations

import pytest

from newsroom.actions import transition_article
from newsroom.models import ArticleStatus
from tests.support.admin import admin_form_data, admin_url, form_errors
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _live_article(editor):
    article = ArticleFactory(headline="Who is Cai Qi?", created_by=editor)
    for status in (ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED, ArticleStatus.PUBLISHED):
        transition_article(article=article, to_status=status, actor=editor)
    return article


def test_a_live_articles_edit_is_a_draft_and_its_reason_becomes_the_comment(editor_client, editor):
    article = _live_article(editor)
    url = admin_url(article, "change")
    data = admin_form_data(editor_client.get(url))
    data["standfirst"] = "A new standfirst."
    data["change_reason"] = "Clearer standfirst."
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.standfirst != "A new standfirst."  # readers see it only once published
    assert article.draft_version.revision.comment == "Draft saved: Clearer standfirst."


def test_a_draft_article_needs_no_reason(editor_client, editor):
    article = ArticleFactory(created_by=editor)
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["standfirst"] = "Draft standfirst."
    response = editor_client.post(admin_url(article, "change"), data)
    assert response.status_code == 302, form_errors(response)
