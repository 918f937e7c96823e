"""Share links from the publishing panel: made, listed and revoked on the article's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from newsroom import actions
from newsroom.models import ShareLink
from tests.support.admin import admin_url, message_texts
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_share_links_are_made_listed_and_revoked_from_the_article_page(editor_client, editor):
    article = ArticleFactory(headline="Draft for legal")
    share = reverse("admin:newsroom_article_share", args=[article.pk])
    before = timezone.now()
    response = editor_client.post(share, {"lifetime": "86400", "note": "legal"})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.note == "legal" and link.created_by == editor
    assert before + dt.timedelta(days=1) <= link.expires_at <= timezone.now() + dt.timedelta(1)
    assert link.version == Version.objects.get_for_object(article).first()
    token = actions.share_link_token(link)
    full_url = f"http://testserver/preview/{token}/"
    assert any(full_url in text for text in message_texts(response))

    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert full_url in html and "legal" in html and ">Active<" in html

    revoke = reverse("admin:newsroom_article_revoke_share", args=[article.pk, link.pk])
    assert editor_client.get(revoke).status_code == 403
    editor_client.post(revoke)
    link.refresh_from_db()
    assert link.revoked_at is not None
    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert ">Revoked<" in html

    expired = actions.create_share_link(article=article, actor=editor)
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert ">Expired<" in editor_client.get(admin_url(article, "change")).content.decode()


def test_a_share_link_lifetime_must_be_one_of_the_choices(editor_client):
    article = ArticleFactory()
    share = reverse("admin:newsroom_article_share", args=[article.pk])
    response = editor_client.post(share, {"lifetime": "99999999"})
    assert not ShareLink.objects.exists()
    assert any("Valid for" in text for text in message_texts(response))


def test_a_link_of_another_article_cannot_be_revoked_through_this_one(editor_client, editor):
    link = actions.create_share_link(article=ArticleFactory(), actor=editor)
    other = ArticleFactory()
    revoke = reverse("admin:newsroom_article_revoke_share", args=[other.pk, link.pk])
    assert editor_client.post(revoke).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
