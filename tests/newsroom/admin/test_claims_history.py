"""The claim admin's history: a reason asked when changing a reviewed claim (which reopens it),
and compares that list the citations added, removed and changed."""

from __future__ import annotations

import pytest
from reversion.models import Revision

from newsroom.actions import assign_claim, rate_claim, submit_claim
from tests.support.admin import admin_form_data, admin_url, form_errors, latest_revision
from tests.support.factories import CitationFactory, ClaimFactory, SourceFactory
from tests.support.revisions import save_revision

pytestmark = pytest.mark.django_db


def _reviewed_claim(writer, fact_checker):
    claim = ClaimFactory(created_by=writer, statement_edited_by=writer)
    CitationFactory(claim=claim)
    submit_claim(claim=claim, actor=writer)
    assign_claim(claim=claim, actor=fact_checker)
    rate_claim(claim=claim, actor=fact_checker, verdict="false", rationale="The record differs.")
    return claim


def test_a_reviewed_claim_needs_a_reason(editor_client, writer, fact_checker):
    claim = _reviewed_claim(writer, fact_checker)
    url = admin_url(claim, "change")
    data = admin_form_data(editor_client.get(url))
    data["kind"] = "quote"
    response = editor_client.post(url, data)
    assert "change_reason" in form_errors(response)
    data["change_reason"] = "It is a quote."
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    edit, reopening = Revision.objects.order_by("-pk")[1], latest_revision()
    assert edit.comment == "It is a quote."
    # The verdict rated a fact: the edit reopens the claim, in a revision of its own.
    assert reopening.comment.startswith("Claim reviewed → reopened. Changed after its verdict")


def test_claim_compare_lists_citations_added_removed_and_changed(editor_client, editor):
    claim = ClaimFactory(statement="Cai Qi is fifth in rank.")
    source = SourceFactory(title="Official readout")
    alpha = CitationFactory(claim=claim, source=source, excerpt="fifth in rank")
    beta = CitationFactory(claim=claim, source=source, excerpt="beta", stance="context")
    save_revision(claim, "First.", editor)
    alpha.excerpt = "fifth-ranked member"
    alpha.save()
    beta.delete()
    CitationFactory(claim=claim, source=SourceFactory(title="State media"), excerpt="gamma")
    claim.statement = "Cai Qi is the fifth-ranked member."
    second = save_revision(claim, "Second.", editor)
    version = second.version_set.get(content_type__model="claim")

    response = editor_client.get(
        admin_url(claim, "history_compare", claim.pk) + f"?new={version.pk}"
    )
    assert response.status_code == 200
    changes = {row.change for row in response.context["comparison"].rows}
    assert changes == {"added", "removed", "changed"}
    html = response.content.decode()
    assert "<del>fifth</del><ins>fifth-ranked</ins> <del>in rank</del><ins>member</ins>" in html
    assert "Citation: State media (supports)" in html  # the added row
    assert "Citation: Official readout (context)" in html  # the removed row
