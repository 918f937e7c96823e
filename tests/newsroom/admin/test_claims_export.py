"""The claims changelist as CSV for reviewers: the list's filters, safe cells, bounded queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.models import Claim
from tests.support.admin import admin_url
from tests.support.content import make_public_claim
from tests.support.factories import CitationFactory, ClaimFactory, PersonFactory, SourceFactory
from tests.support.users import role_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    return role_users()


def export(client, query: str = ""):
    response = client.get(admin_url(Claim, "export") + query)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_rows_hold_what_a_reviewer_needs(client, users):
    editor = users["editor"]
    cai = PersonFactory(full_name="Cai Qi")
    rated = make_public_claim(
        editor, statement="Cai ranks fifth.", claimant_person=cai, citations=2, kind="fact"
    )
    ClaimFactory(statement="Still a draft.")
    client.force_login(users["fact-checker"])

    header, *rows = export(client)

    assert header == [
        "statement",
        "kind",
        "claimant",
        "verdict",
        "status",
        "reviewer",
        "reviewed_at",
        "sources",
        "citations",
        "public_url",
    ]
    by_statement = {row[0]: row for row in rows}
    assert set(by_statement) == {"Cai ranks fifth.", "Still a draft."}
    row = by_statement["Cai ranks fifth."]
    rated.refresh_from_db()
    assert row[1:6] == ["Fact", "Cai Qi", "Accurate", "Reviewed", "ed"]
    assert row[6] == timezone.localtime(rated.reviewed_at).isoformat(timespec="seconds")
    assert row[7:9] == ["2", "2"]
    assert row[9] == f"http://testserver/claims/{rated.slug}/"
    draft = by_statement["Still a draft."]
    assert draft[3] == "" and draft[5] == "" and draft[9] == ""


def test_export_follows_the_lists_filters_and_search(client, users):
    editor = users["editor"]
    make_public_claim(editor, statement="Rated false.", verdict="false")
    make_public_claim(editor, statement="Rated accurate.")
    ClaimFactory(statement="A draft about Tianjin.")
    client.force_login(users["editor"])

    assert [row[0] for row in export(client, "?verdict__exact=false")[1:]] == ["Rated false."]
    assert [row[0] for row in export(client, "?status__exact=draft")[1:]] == [
        "A draft about Tianjin."
    ]
    assert [row[0] for row in export(client, "?q=Tianjin")[1:]] == ["A draft about Tianjin."]
    # The changelist links to the export with its own query string.
    page = client.get(admin_url(Claim, "changelist") + "?verdict__exact=false")
    assert 'href="/admin/newsroom/claim/export.csv?verdict__exact=false"' in page.content.decode()


def test_cells_that_a_spreadsheet_would_run_are_defused(client, users):
    for statement in ('=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "Plain = fine"):
        ClaimFactory(statement=statement)
    client.force_login(users["editor"])
    statements = {row[0] for row in export(client)[1:]}
    assert statements == {
        '\'=HYPERLINK("http://evil")',
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "Plain = fine",
    }


def test_queries_do_not_grow_with_rows(client, users):
    client.force_login(users["editor"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            export(client)
        return len(ctx.captured_queries)

    ClaimFactory(claimant_person=PersonFactory())
    one = queries()
    for _ in range(6):
        claim = ClaimFactory(claimant_person=PersonFactory())
        CitationFactory(claim=claim, source=SourceFactory())
    assert queries() == one


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("editor", True), ("fact-checker", True), ("writer", False), ("nobody", False)],
)
def test_only_reviewers_may_export(client, users, role, allowed):
    ClaimFactory(statement="Secret working note.")
    client.force_login(users[role])
    response = client.get(admin_url(Claim, "export"))
    if allowed:
        assert response.status_code == 200
        assert "Export CSV" in client.get(admin_url(Claim, "changelist")).content.decode()
    else:
        assert response.status_code == 403
        assert b"Secret working note." not in response.content
        changelist = client.get(admin_url(Claim, "changelist"))
        assert "Export CSV" not in changelist.content.decode()


def test_an_unknown_filter_is_a_clear_error(client, users):
    client.force_login(users["editor"])
    response = client.get(admin_url(Claim, "export") + "?nonsense__field=1")
    assert response.status_code == 400
    assert "not ones the claims list offers" in response.content.decode()
