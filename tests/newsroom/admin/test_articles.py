"""The articles admin: references, read-only workflow fields, drafts, slugs, corrections."""

from __future__ import annotations

import pytest
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import WorkflowError
from newsroom.models import Article, ArticleStatus, ArticleURL, Correction
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    message_texts,
)
from tests.support.factories import (
    ArticleFactory,
    ClaimFactory,
    CorrectionFactory,
    EventFactory,
    PersonFactory,
)
from tests.support.publishing import changes, reach, save_article

pytestmark = pytest.mark.django_db

S = ArticleStatus


# ---------------------------------------------------------------------------------------------
# Saving an article


def _article_add_data(editor_client, **overrides):
    data = admin_form_data(editor_client.get(admin_url(Article, "add")))
    data.update(
        {"headline": "Modi meets Cai Qi in Tianjin", "slug": "modi-cai-tianjin", "kind": "news"}
    )
    data.update(overrides)
    return data


def test_saving_an_article_follows_its_references_and_warns_about_unknown_ones(
    editor_client, editor
):
    claim = ClaimFactory(slug="cai-fifth")
    person = PersonFactory(slug="cai-qi")
    event = EventFactory(slug="tianjin-meeting")
    body = (
        "Cai [[person:cai-qi]] met Modi [[event:tianjin-meeting]]. "
        "[[claim:cai-fifth]] [[claim:no-such-claim]] [[org:no-such-org]]"
    )
    response = editor_client.post(
        admin_url(Article, "add"), _article_add_data(editor_client, body=body)
    )
    assert response.status_code == 302, form_errors(response)

    article = Article.objects.get(slug="modi-cai-tianjin")
    assert article.created_by == editor
    assert article.status == ArticleStatus.DRAFT
    assert list(article.claims.all()) == [claim]
    assert list(article.related_people.all()) == [person]
    assert list(article.related_events.all()) == [event]
    warning = next(text for text in message_texts(response) if "match nothing" in text)
    assert "[[claim:no-such-claim]]" in warning
    assert "[[org:no-such-org]]" in warning
    # The revision saved with the article holds the relations set from the body.
    version = latest_revision().version_set.get(
        object_id=str(article.pk), content_type__model="article"
    )
    assert version.field_dict["claims"] == [claim.pk]

    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["body"] = "Nothing cited any more."
    response = editor_client.post(admin_url(article, "change"), data)
    assert response.status_code == 302
    assert not article.claims.exists()
    assert not article.related_people.exists()
    assert not any("match nothing" in text for text in message_texts(response))


def test_article_workflow_fields_are_read_only(editor_client):
    article = ArticleFactory()
    response = editor_client.get(admin_url(article, "change"))
    form = response.context["adminform"].form
    for name in ("status", "published_at", "first_published_at", "last_updated_at", "claims"):
        assert name not in form.fields


def test_submit_article_for_review_action(editor_client, editor):
    article = ArticleFactory()
    response = editor_client.post(
        admin_url(Article, "changelist"),
        {"action": "submit_for_review", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert article.events.get().actor == editor

    # Submitting again is refused with a message.
    response = editor_client.post(
        admin_url(Article, "changelist"),
        {"action": "submit_for_review", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    assert any("cannot move" in text for text in message_texts(response))
    assert article.events.count() == 1


def test_an_approved_or_scheduled_article_cannot_be_rewritten_after_approval(editor_client, editor):
    for status in (S.APPROVED, S.SCHEDULED):
        article = reach(ArticleFactory(body="Approved text."), status, editor)
        assert save_article(editor_client, article, body="Rewritten.").status_code == 302
        article.refresh_from_db()
        assert article.body == "Approved text." and article.status == status
        with pytest.raises(WorkflowError):  # the shell cannot either
            article.body = "Rewritten in the shell."
            article.save()


# ---------------------------------------------------------------------------------------------
# Slug changes keep old addresses


def test_changing_a_live_articles_slug_keeps_the_old_address(editor_client, editor, client):
    article = reach(ArticleFactory(slug="old-slug"), S.PUBLISHED, editor)
    old_url = article.get_absolute_url()
    response = save_article(editor_client, article, slug="new-slug")
    assert response.status_code == 302, form_errors(response)
    assert set(ArticleURL.objects.values_list("slug", flat=True)) == {"old-slug"}
    changes(editor_client, article)
    article.refresh_from_db()
    assert set(ArticleURL.objects.values_list("slug", flat=True)) == {"old-slug", "new-slug"}
    editor_client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_a_drafts_slug_change_records_no_address(editor_client):
    article = ArticleFactory(slug="draft-slug")
    save_article(editor_client, article, slug="other-slug")
    assert not ArticleURL.objects.exists()


# ---------------------------------------------------------------------------------------------
# Corrections


def test_corrections_are_appended_and_saved_ones_cannot_be_edited(editor_client, editor):
    correction = CorrectionFactory(text="An earlier version misstated the date.")
    article = correction.article
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    assert data["corrections-TOTAL_FORMS"] == ["1"]
    # The saved correction's fields are disabled, so a browser sends nothing for them...
    assert "corrections-0-text" not in data
    # ...and a crafted POST cannot change them either.
    data["corrections-0-text"] = "Nothing was wrong."
    data["corrections-0-DELETE"] = "on"
    data["corrections-TOTAL_FORMS"] = "2"
    data.update(
        {"corrections-1-kind": "clarification", "corrections-1-text": "We clarified a title."}
    )
    response = editor_client.post(admin_url(article, "change"), data)
    assert response.status_code == 302, form_errors(response)

    correction.refresh_from_db()
    assert correction.text == "An earlier version misstated the date."
    added = article.corrections.exclude(pk=correction.pk).get()
    assert (added.kind, added.text, added.created_by) == (
        "clarification",
        "We clarified a title.",
        editor,
    )


def test_saved_corrections_are_read_only_in_their_own_admin(editor_client, editor):
    correction = CorrectionFactory()
    response = editor_client.get(admin_url(correction, "change"))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert (
        editor_client.post(
            admin_url(correction, "delete", correction.pk), {"post": "yes"}
        ).status_code
        == 403
    )

    data = admin_form_data(editor_client.get(admin_url(Correction, "add")))
    data.update(
        {"article": str(correction.article_id), "kind": "update", "text": "Updated the figures."}
    )
    response = editor_client.post(admin_url(Correction, "add"), data)
    assert response.status_code == 302, form_errors(response)
    assert Correction.objects.get(text="Updated the figures.").created_by == editor


def test_a_correction_added_on_the_article_page_goes_through_the_workflow(editor_client, editor):
    article = reach(ArticleFactory(), S.PUBLISHED, editor)
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["change_reason"] = "Adds a correction."
    data["corrections-TOTAL_FORMS"] = "1"
    data.update({"corrections-0-kind": "correction", "corrections-0-text": "  It was Sunday. "})
    response = editor_client.post(admin_url(article, "change"), data)
    assert response.status_code == 302, form_errors(response)
    correction = Correction.objects.get()
    assert (correction.text, correction.created_by) == ("It was Sunday.", editor)
    versions = Version.objects.get_for_object(correction)
    assert versions.count() == 1 and versions.get().revision.user == editor


def test_a_published_correction_cannot_be_edited_by_a_crafted_post(editor_client, editor):
    article = reach(ArticleFactory(), S.PUBLISHED, editor)
    correction = actions.add_correction(
        article=article, actor=editor, kind="correction", text="It was Sunday."
    )
    created_at = correction.created_at
    # Through the article page: the saved correction's fields are disabled.
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["change_reason"] = "Trying to rewrite history."
    data.update(
        {
            "corrections-0-kind": "update",
            "corrections-0-text": "Nothing was wrong.",
            "corrections-0-created_at_0": "2020-01-01",
            "corrections-0-DELETE": "on",
        }
    )
    assert editor_client.post(admin_url(article, "change"), data).status_code == 302
    # Through its own admin: no change, no delete.
    own = admin_url(correction, "change")
    assert (
        editor_client.post(own, {"article": article.pk, "kind": "update", "text": "x"}).status_code
        == 403
    )
    assert (
        editor_client.post(
            admin_url(correction, "delete", correction.pk), {"post": "yes"}
        ).status_code
        == 403
    )
    correction.refresh_from_db()
    assert (correction.kind, correction.text, correction.created_at) == (
        "correction",
        "It was Sunday.",
        created_at,
    )


def test_a_writer_cannot_add_a_correction_by_a_crafted_post(client, editor, writer):
    article = ArticleFactory(created_by=writer)
    client.force_login(writer)
    data = admin_form_data(client.get(admin_url(article, "change")))
    data["change_reason"] = "Writer edit."
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-0-kind": "correction",
            "corrections-0-text": "Sneaked in.",
        }
    )
    client.post(admin_url(article, "change"), data)
    assert not Correction.objects.exists()
