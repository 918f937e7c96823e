"""What every newsroom admin shares: pages that answer, read-only audit trails, revisions."""

from __future__ import annotations

import pytest
import reversion
from django.urls import reverse

from newsroom.actions import submit_claim
from newsroom.models import ArticleEvent, ArticleStatus, ReviewEvent
from tests.support.admin import admin_url
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CorrectionFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# Every page answers for an editor (staff, in the editor group, not a superuser)


def _claim_with_review_event(editor, writer):
    claim = ClaimFactory(created_by=writer)
    CitationFactory(claim=claim)
    submit_claim(claim=claim, actor=writer)
    return claim


def _article_with_event(editor):
    from newsroom.actions import transition_article

    article = ArticleFactory(created_by=editor)
    transition_article(article=article, to_status=ArticleStatus.IN_REVIEW, actor=editor)
    return article


OBJECT_MAKERS = {
    "image": lambda editor, writer: ImageFactory(),
    "source": lambda editor, writer: SourceFactory(),
    "claim": lambda editor, writer: CitationFactory().claim,
    "citation": lambda editor, writer: CitationFactory(),
    "section": lambda editor, writer: SectionFactory(),
    "tag": lambda editor, writer: TagFactory(),
    "author": lambda editor, writer: AuthorFactory(),
    "article": lambda editor, writer: CorrectionFactory().article,
    "correction": lambda editor, writer: CorrectionFactory(),
    "reviewevent": lambda editor, writer: _claim_with_review_event(
        editor, writer
    ).review_events.get(),
    "articleevent": lambda editor, writer: _article_with_event(editor).events.get(),
}

READ_ONLY = {"reviewevent", "articleevent"}


@pytest.mark.parametrize("model_name", sorted(OBJECT_MAKERS))
def test_every_newsroom_admin_page_answers_for_an_editor(editor_client, editor, writer, model_name):
    obj = OBJECT_MAKERS[model_name](editor, writer)
    assert editor_client.get(admin_url(obj, "changelist")).status_code == 200
    assert editor_client.get(admin_url(obj, "change")).status_code == 200
    assert editor_client.get(admin_url(obj, "history", obj.pk)).status_code == 200
    expected_add = 403 if model_name in READ_ONLY else 200
    assert editor_client.get(admin_url(obj, "add")).status_code == expected_add
    # Searching goes through search_fields on every admin.
    assert editor_client.get(admin_url(obj, "changelist") + "?q=x").status_code == 200


def test_admin_index_has_the_newsroom_titles(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Newsroom" in content
    assert "Editorial desk" in content


@pytest.mark.parametrize("model", [ReviewEvent, ArticleEvent])
def test_audit_trail_admins_are_read_only(editor_client, editor, writer, model):
    obj = (
        _claim_with_review_event(editor, writer).review_events.get()
        if model is ReviewEvent
        else _article_with_event(editor).events.get()
    )
    response = editor_client.get(admin_url(obj, "change"))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert response.context["has_delete_permission"] is False
    assert editor_client.post(admin_url(obj, "change"), {"note": "edited"}).status_code == 403
    assert editor_client.post(admin_url(obj, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


# ---------------------------------------------------------------------------------------------
# Every admin keeps revisions


def test_reversion_is_active_for_every_newsroom_admin():
    from django.contrib import admin
    from reversion.admin import VersionAdmin

    # The audit trails (and the record of profile merges) are written once by the workflow and
    # never edited: their rows are their own history, so they are the only admins without
    # versions.
    audit_trails = {"ReviewEvent", "ArticleEvent", "ProfileMerge"}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"newsroom", "profiles", "events"}:
            assert isinstance(model_admin.list_select_related, tuple), model
            if model.__name__ in audit_trails:
                assert not reversion.is_registered(model), model
                assert not model_admin.has_change_permission(None), model
                continue
            assert isinstance(model_admin, VersionAdmin), model
            assert reversion.is_registered(model), model
