"""Articles through the publishing workflow: reach a status, save the form, publish changes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from newsroom import actions
from newsroom.models import Article, ArticleStatus
from tests.support.admin import admin_form_data, admin_url

S = ArticleStatus


def reach(article: Article, status: str, editor) -> Article:
    """Take a draft ``article`` to ``status`` through the workflow, as ``editor``."""
    paths = {
        S.DRAFT: [],
        S.IN_REVIEW: [S.IN_REVIEW],
        S.APPROVED: [S.IN_REVIEW, S.APPROVED],
        S.SCHEDULED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED],
        S.PUBLISHED: [S.IN_REVIEW, S.APPROVED, S.PUBLISHED],
        S.UNPUBLISHED: [S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.UNPUBLISHED],
    }
    for step in paths[status]:
        extra = {"publish_at": timezone.now() + dt.timedelta(days=1)} if step == S.SCHEDULED else {}
        article = actions.transition_article(article=article, to_status=step, actor=editor, **extra)
    return article


def save_article(client, article: Article, **changes):
    """Submit the article's change form as a browser would, with ``changes``."""
    data = admin_form_data(client.get(admin_url(article, "change")))
    data["change_reason"] = "Editing in a test."
    data.update(changes)
    return client.post(admin_url(article, "change"), data)


def changes(client, article: Article, decision: str = "publish", **fields):
    """Press "Publish changes" (or "Discard changes") in the panel."""
    url = reverse("admin:newsroom_article_changes", args=[article.pk])
    return client.post(url, {"decision": decision, **fields}, follow=True)
