"""The evidence on a claim's page: excerpts marked in the archived text, and the flags."""

from __future__ import annotations

import pytest

from newsroom.models import Stance
from tests.support.admin import admin_url
from tests.support.factories import CitationFactory, SourceFactory
from tests.support.review import cited_claim, in_review

pytestmark = pytest.mark.django_db


def test_change_page_highlights_the_excerpt_in_the_archived_text(client, writer, fact_checker):
    claim = in_review(writer, fact_checker)
    client.force_login(fact_checker)
    response = client.get(admin_url(claim, "change"))
    content = response.content.decode()
    assert "The minister said <mark>the talks were useful</mark> and constructive." in content
    # Everything else in the archived text is escaped, never rendered as HTML.
    assert "Officials &lt;b&gt;declined&lt;/b&gt; to give" in content
    assert "<b>declined</b>" not in content
    assert "Excerpt found in the archived text" in content
    assert "Only one independent source" in content


def test_change_page_marks_an_excerpt_not_found_and_shows_the_closest_passage(
    client, writer, fact_checker
):
    claim = cited_claim(writer, excerpt="the talks were useless and constructive")
    citation = claim.citations.get()
    assert citation.excerpt_verified is False
    client.force_login(fact_checker)
    content = client.get(admin_url(claim, "change")).content.decode()
    assert "Not found in the archived text" in content
    assert "Closest passage in the source:" in content
    assert citation.closest_passage in content
    assert f'<mark class="closest">{citation.closest_passage}</mark>' in content


def test_change_page_shows_what_an_ellipsis_left_out(client, writer, fact_checker):
    claim = cited_claim(writer, excerpt="The minister said \u2026 and constructive.")
    assert claim.citations.get().excerpt_verified is True
    client.force_login(fact_checker)
    content = client.get(admin_url(claim, "change")).content.decode()
    assert "Matched passage in the source:" in content
    assert (
        '<mark>The minister said</mark> <span class="evidence__omitted">'
        '<span class="evidence__omitted-label">left out by the ellipsis:</span> '
        "the talks were useful</span> <mark>and constructive.</mark>"
    ) in content


def test_change_page_says_why_a_stitched_excerpt_is_not_found(client, writer, fact_checker):
    claim = cited_claim(writer, excerpt="The minister said \u2026 the date of the next meeting")
    assert claim.citations.get().excerpt_verified is False
    client.force_login(fact_checker)
    content = client.get(admin_url(claim, "change")).content.decode()
    assert "Not found in the archived text" in content
    assert "The fragments are in different paragraphs of the text." in content
    assert "Where the fragments are in the source:" in content
    # Both fragments are marked where they are in the archived text, and in the passage from
    # one to the other, where the words in between are escaped like the rest of the text.
    assert '<mark class="closest">The minister said</mark>' in content
    assert '<mark class="closest">the date of the next meeting</mark>' in content
    assert (
        '<mark>The minister said</mark> <span class="evidence__omitted">'
        '<span class="evidence__omitted-label">left out by the ellipsis:</span> '
        "the talks were useful and constructive. Officials &lt;b&gt;declined&lt;/b&gt; to give"
        "</span> <mark>the date of the next meeting</mark>"
    ) in content
    assert "<b>declined</b>" not in content
    assert "Closest passage in the source:" not in content


def test_change_page_shows_a_contested_claim(client, writer, fact_checker):
    claim = cited_claim(writer)
    CitationFactory(claim=claim, source=SourceFactory(), stance=Stance.CONTRADICTS, excerpt="x")
    client.force_login(fact_checker)
    response = client.get(admin_url(claim, "change"))
    assert response.context["claim_flags"] == [
        "Only one independent source",
        "Contested: a source contradicts this claim",
    ]
    assert "Contested: a source contradicts this claim" in response.content.decode()
