"""A citation's role — where the claim was made, or evidence — in the claim's form, its
history, the rules a verdict is bound by, and the migration that marked existing rows."""

from __future__ import annotations

import copy
import importlib

import pytest
from django.apps import apps
from reversion.models import Version

from newsroom.models import Citation, Claim, ClaimStatus
from tests.support.admin import admin_form_data, admin_url, form_errors, message_texts
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)
from tests.support.review import reviewed, submitted

pytestmark = pytest.mark.django_db

role_rows = importlib.import_module("newsroom.migrations.0015_citation_role_rows")


def test_the_claim_form_shows_and_saves_a_citations_role(editor_client, writer):
    claim = submitted(writer)  # not yet rated: the edit changes no status
    response = editor_client.get(admin_url(claim, "change"))
    html = response.content.decode()
    assert 'name="citations-0-role"' in html and "Where the claim was made" in html
    data = admin_form_data(response)
    assert data["citations-0-role"] == ["evidence"]  # the default
    data["citations-0-role"] = "appearance"
    data["change_reason"] = "The ministry's statement is where it was said."
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    citation = claim.citations.get()
    assert citation.role == "appearance"
    # Versioned with the claim, like the other citation fields.
    version = Version.objects.get_for_object(citation).first()
    assert version.field_dict["role"] == "appearance"
    # The reviewer's evidence panel says so beside the stance.
    html = editor_client.get(admin_url(claim, "change")).content.decode()
    assert '<span class="evidence__role">· where the claim was made</span>' in html


def test_an_unknown_role_is_refused_and_nothing_changes(editor_client, writer):
    claim = submitted(writer)
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data["citations-0-role"] = "rumour"
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 200
    assert "citations-0-role" in form_errors(response)
    assert claim.citations.get().role == "evidence"


def test_remarking_a_rated_claims_citation_reopens_it_saying_what_changed(
    editor_client, editor, writer
):
    """Like its stance, a citation's role is part of what the verdict rated."""
    claim = reviewed(writer, editor)
    data = admin_form_data(editor_client.get(admin_url(claim, "change")))
    data["citations-0-role"] = "appearance"
    data["change_reason"] = "It is where the claim was made."
    response = editor_client.post(admin_url(claim, "change"), data)
    assert response.status_code == 302, form_errors(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    note = claim.review_events.first().note
    assert "is now marked “where the claim was made”" in note
    assert "removed" not in note
    assert any("reopened for review" in text for text in message_texts(response))


def test_the_migration_marks_where_claims_were_made(editor):
    ministry = OrganizationFactory(name="Ministry")
    speaker = PersonFactory(full_name="Vikram Misri")
    statement = SourceFactory(publisher=ministry)
    transcript = SourceFactory(author="Vikram Misri")
    report = SourceFactory()

    by_ministry = ClaimFactory(kind="attribution", claimant_organization=ministry)
    own = CitationFactory(claim=by_ministry, source=statement, excerpt="shared his vision")
    retold = CitationFactory(claim=by_ministry, source=report, excerpt="shared his vision")
    quoted = ClaimFactory(
        kind="quote", claimant_person=speaker, statement="He said “a brief meeting”."
    )
    spoken = CitationFactory(claim=quoted, source=transcript, excerpt="it was decided")
    words = CitationFactory(claim=quoted, source=report, excerpt="… to have a brief meeting …")
    elsewhere = CitationFactory(claim=quoted, source=SourceFactory(), excerpt="they met")
    fact = ClaimFactory(kind="fact", claimant_organization=ministry)
    about = CitationFactory(claim=fact, source=statement, excerpt="the committee has seven")
    # Content stored before roles: rated with the rows as they were (no role key).
    stored = {"statement": "x", "citations": [{"source": statement.pk, "excerpt": "shared his "
              "vision", "locator": "", "stance": "supports"}]}  # fmt: skip
    Claim.objects.filter(pk=by_ministry.pk).update(rated_content=stored, checked_content=stored)

    role_rows.mark_appearances(apps, None)

    roles = dict(Citation.objects.values_list("pk", "role"))
    assert roles[own.pk] == roles[spoken.pk] == roles[words.pk] == "appearance"
    assert roles[retold.pk] == roles[elsewhere.pk] == roles[about.pk] == "evidence"
    by_ministry.refresh_from_db()
    assert by_ministry.rated_content["citations"][0]["role"] == "appearance"
    assert by_ministry.checked_content["citations"][0]["role"] == "appearance"

    role_rows.forget_roles(apps, None)
    by_ministry.refresh_from_db()
    assert "role" not in by_ministry.rated_content["citations"][0]


def test_the_migration_reopens_no_rated_claim(editor, writer):
    """Stored content gets the roles the rows now have, so the rules see nothing changed."""
    from newsroom.actions import check_claim_content

    claim = reviewed(writer, editor)
    claim.refresh_from_db()
    for name in ("rated_content", "checked_content"):
        content = copy.deepcopy(getattr(claim, name))
        for row in content["citations"]:
            del row["role"]
        Claim.objects.filter(pk=claim.pk).update(**{name: content})
    role_rows.mark_appearances(apps, None)
    check_claim_content(claim_id=claim.pk, actor=None)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REVIEWED
