"""The newsroom admin: every page answers, workflow actions, claims, citations, articles."""

from __future__ import annotations

import datetime as dt

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.actions import submit_claim
from newsroom.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Citation,
    Claim,
    ClaimStatus,
    Correction,
    ReviewEvent,
)
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    message_texts,
)
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CorrectionFactory,
    EventFactory,
    ImageFactory,
    PersonFactory,
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
# Claims


def test_claim_changelist_counts_citations_without_a_query_per_row(editor_client):
    person = PersonFactory()
    claim = ClaimFactory(claimant_person=person)
    for number in range(3):
        CitationFactory(claim=claim, excerpt=f"the talks were useful ({number})")
    url = admin_url(Claim, "changelist")
    editor_client.get(url)  # warm the permission and content type caches

    with CaptureQueriesContext(connection) as one_claim:
        response = editor_client.get(url)
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert row.citations_total == 3
    assert person.full_name in response.content.decode()

    for _ in range(5):
        other = ClaimFactory(claimant_person=PersonFactory())
        CitationFactory(claim=other)
    with CaptureQueriesContext(connection) as six_claims:
        assert editor_client.get(url).status_code == 200
    assert len(six_claims) == len(one_claim)


def _claim_add_data(editor_client, **overrides):
    response = editor_client.get(admin_url(Claim, "add"))
    data = admin_form_data(response)
    data.update(
        {
            "statement": "Cai Qi is fifth in the Politburo Standing Committee.",
            "slug": "cai-fifth",
            "kind": "fact",
        }
    )
    data.update(overrides)
    return data


def _add_citation_rows(data, rows):
    data["citations-TOTAL_FORMS"] = str(len(rows))
    for index, (source, excerpt) in enumerate(rows):
        data.update(
            {
                f"citations-{index}-source": str(source.pk),
                f"citations-{index}-excerpt": excerpt,
                f"citations-{index}-locator": "",
                f"citations-{index}-stance": "supports",
            }
        )
    return data


def test_adding_a_claim_records_its_author_and_a_revision(editor_client, editor):
    source = SourceFactory()
    data = _add_citation_rows(_claim_add_data(editor_client), [(source, "the talks were useful")])
    response = editor_client.post(admin_url(Claim, "add"), data)
    assert response.status_code == 302, form_errors(response)

    claim = Claim.objects.get(slug="cai-fifth")
    assert claim.created_by == editor
    assert claim.statement_edited_by == editor
    assert claim.status == ClaimStatus.DRAFT
    citation = claim.citations.get()
    # The excerpt was checked against the source's archived text on save.
    assert citation.excerpt_verified is True

    revision = latest_revision()
    assert revision.user == editor
    assert revision.comment
    assert {v.object_id for v in revision.version_set.all()} >= {str(claim.pk), str(citation.pk)}


def test_editing_a_claims_wording_records_who_changed_it(client, editor, writer):
    claim = ClaimFactory(created_by=writer, statement_edited_by=writer)
    client.force_login(editor)
    data = admin_form_data(client.get(admin_url(claim, "change")))
    data["kind"] = "quote"
    assert client.post(admin_url(claim, "change"), data).status_code == 302
    claim.refresh_from_db()
    assert claim.kind == "quote"
    assert claim.statement_edited_by == writer  # the wording did not change

    # Reopen the form: the first save made the one above stale.
    data = admin_form_data(client.get(admin_url(claim, "change")))
    data["statement"] = "A new wording."
    assert client.post(admin_url(claim, "change"), data).status_code == 302
    claim.refresh_from_db()
    assert claim.statement_edited_by == editor
    assert claim.created_by == writer


def test_claim_workflow_fields_are_read_only_in_the_form(editor_client):
    claim = ClaimFactory()
    response = editor_client.get(admin_url(claim, "change"))
    form = response.context["adminform"].form
    for name in ("status", "verdict", "rationale", "reviewer", "assignee", "reviewed_at"):
        assert name not in form.fields
    readonly = response.context["adminform"].readonly_fields
    assert {"status", "verdict", "rationale", "reviewer", "assignee", "reviewed_at"} <= set(
        readonly
    )


def test_a_duplicate_citation_in_one_submission_is_a_form_error(editor_client):
    source = SourceFactory()
    rows = [(source, "the talks were useful"), (source, "the talks were useful")]
    data = _add_citation_rows(_claim_add_data(editor_client), rows)
    response = editor_client.post(admin_url(Claim, "add"), data)

    assert response.status_code == 200
    errors = form_errors(response)
    assert "same excerpt" in " ".join(errors["citations-__all__"])
    assert "citations-1-excerpt" in errors
    assert "same excerpt from the same source" in response.content.decode()
    assert not Claim.objects.filter(slug="cai-fifth").exists()
    assert not Citation.objects.exists()


def test_a_citation_already_saved_cannot_be_added_again(editor_client):
    citation = CitationFactory(excerpt="the talks were useful")
    claim = citation.claim
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data["citations-TOTAL_FORMS"] = "2"
    data.update(
        {
            "citations-1-source": str(citation.source_id),
            "citations-1-excerpt": "the talks were useful",
            "citations-1-stance": "context",
            "citations-1-locator": "",
        }
    )
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 200
    assert "citations-1-excerpt" in form_errors(response)
    assert claim.citations.count() == 1

    # On its own admin the database constraint is checked before saving.
    data = admin_form_data(editor_client.get(admin_url(Citation, "add")))
    data.update(
        {
            "claim": str(claim.pk),
            "source": str(citation.source_id),
            "excerpt": "the talks were useful",
            "stance": "supports",
        }
    )
    response = editor_client.post(admin_url(Citation, "add"), data)
    assert response.status_code == 200
    assert "already cites this excerpt" in response.content.decode()
    assert claim.citations.count() == 1


def test_submit_for_review_action(editor_client, editor):
    ready = CitationFactory().claim
    uncited = ClaimFactory()
    response = editor_client.post(
        admin_url(Claim, "changelist"),
        {"action": "submit_for_review", "_selected_action": [ready.pk, uncited.pk]},
    )
    assert response.status_code == 302
    ready.refresh_from_db()
    uncited.refresh_from_db()
    assert ready.status == ClaimStatus.SUBMITTED
    assert uncited.status == ClaimStatus.DRAFT
    texts = message_texts(response)
    assert any("Cite at least one source" in text and str(uncited) in text for text in texts)
    assert any("Submitted for review: 1 claim" in text for text in texts)
    event = ready.review_events.get()
    assert (event.actor, event.to_status) == (editor, ClaimStatus.SUBMITTED)
    # The action's own revision, with its own comment, not merged into a changelist revision.
    revision = latest_revision()
    assert revision.user == editor
    assert "submitted for review" in revision.comment.lower()


def test_assign_to_me_action_for_a_fact_checker(client, writer, fact_checker):
    claims = [CitationFactory(claim=ClaimFactory(created_by=writer)).claim for _ in range(2)]
    for claim in claims:
        submit_claim(claim=claim, actor=writer)
    client.force_login(fact_checker)
    response = client.post(
        admin_url(Claim, "changelist"),
        {"action": "assign_to_me", "_selected_action": [c.pk for c in claims]},
    )
    assert response.status_code == 302
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.status, claim.assignee) == (ClaimStatus.IN_REVIEW, fact_checker)
    assert any("Assigned to you: 2 claims" in text for text in message_texts(response))


def test_assign_to_me_refused_is_a_message_not_a_500(editor_client, editor):
    own = CitationFactory(claim=ClaimFactory(created_by=editor)).claim
    submit_claim(claim=own, actor=editor)
    draft = ClaimFactory()
    response = editor_client.post(
        admin_url(Claim, "changelist"),
        {"action": "assign_to_me", "_selected_action": [own.pk, draft.pk]},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    draft.refresh_from_db()
    assert own.status == ClaimStatus.SUBMITTED
    assert draft.status == ClaimStatus.DRAFT
    texts = message_texts(response)
    assert len([text for text in texts if str(own) in text or str(draft) in text]) == 2


def test_writers_cannot_assign_claims_for_review(client, writer):
    claim = CitationFactory(claim=ClaimFactory(created_by=writer)).claim
    submit_claim(claim=claim, actor=writer)
    client.force_login(writer)
    response = client.get(admin_url(Claim, "changelist"))
    assert response.status_code == 200
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "submit_for_review" in choices
    assert "assign_to_me" not in choices
    client.post(
        admin_url(Claim, "changelist"),
        {"action": "assign_to_me", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


# ---------------------------------------------------------------------------------------------
# Articles


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


# ---------------------------------------------------------------------------------------------
# Sources


def test_changing_a_sources_archived_text_rechecks_its_citations(editor_client):
    citation = CitationFactory(excerpt="the talks were useful")
    source = citation.source
    data = admin_form_data(editor_client.get(admin_url(source, "change")))
    data["archived_text"] = "The minister said nothing at all."
    response = editor_client.post(admin_url(source, "change"), data)
    assert response.status_code == 302, form_errors(response)
    source.refresh_from_db()
    citation.refresh_from_db()
    assert source.archived_sha256
    assert citation.excerpt_verified is False


def test_source_dates_and_search(editor_client):
    SourceFactory(title="Readout of the meeting", published_on=dt.date(2025, 8, 31))
    response = editor_client.get(admin_url(SourceFactory._meta.model, "changelist") + "?q=readout")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_reversion_is_active_for_every_newsroom_admin():
    from django.contrib import admin
    from reversion.admin import VersionAdmin

    # The audit trails are written once by the workflow and never edited: their rows are
    # their own history, so they are the only admins without versions.
    audit_trails = {"ReviewEvent", "ArticleEvent"}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"newsroom", "profiles", "events"}:
            assert isinstance(model_admin.list_select_related, tuple), model
            if model.__name__ in audit_trails:
                assert not reversion.is_registered(model), model
                assert not model_admin.has_change_permission(None), model
                continue
            assert isinstance(model_admin, VersionAdmin), model
            assert reversion.is_registered(model), model
