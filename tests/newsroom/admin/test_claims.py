"""The claims admin: list counts and queries, adding and editing claims, the list's actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.actions import submit_claim
from newsroom.models import Citation, Claim, ClaimStatus, Stance
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    message_texts,
)
from tests.support.factories import CitationFactory, ClaimFactory, PersonFactory, SourceFactory
from tests.support.review import in_review, submitted

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# The list


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


def test_the_queue_runs_a_fixed_number_of_queries(client, writer, fact_checker):
    url = admin_url(Claim, "changelist") + "?queue=waiting"
    in_review(writer, fact_checker)
    client.force_login(fact_checker)
    client.get(url)  # warm the permission and content type caches
    with CaptureQueriesContext(connection) as one_claim:
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 1

    for number in range(19):
        claim = in_review(writer, fact_checker)
        claim.claimant_person = PersonFactory()
        claim.save()
        CitationFactory(
            claim=claim, source=SourceFactory(), excerpt=f"x {number}", stance=Stance.CONTRADICTS
        )
    with CaptureQueriesContext(connection) as twenty_claims:
        response = client.get(url)
    assert len(response.context["cl"].result_list) == 20
    assert len(twenty_claims) == len(one_claim), [q["sql"] for q in twenty_claims]


# ---------------------------------------------------------------------------------------------
# Adding and editing


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
                f"citations-{index}-role": "evidence",
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


def test_posting_a_status_in_the_change_form_leaves_it_unchanged(editor_client, writer):
    claim = submitted(writer)
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data.update({"status": "reviewed", "verdict": "accurate", "rationale": "forged"})
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.rationale) == (ClaimStatus.SUBMITTED, "", "")


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
            "citations-1-role": "evidence",
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


# ---------------------------------------------------------------------------------------------
# Workflow actions on the list


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
