"""Citations checked against their source's archived text, and checked again when it changes."""

from __future__ import annotations

import pytest

from newsroom import actions
from tests.support.factories import CitationFactory

pytestmark = pytest.mark.django_db


def test_citations_are_verified_against_the_archived_text():
    citation = CitationFactory(excerpt="The talks were USEFUL")
    actions.verify_citation(citation=citation)
    citation.refresh_from_db()
    assert citation.excerpt_verified is True and citation.closest_passage == ""

    changed = CitationFactory(source=citation.source, excerpt="the talks were useless")
    actions.verify_citation(citation=changed)
    changed.refresh_from_db()
    assert changed.excerpt_verified is False
    assert "useful" in changed.closest_passage

    no_archive = CitationFactory(source__archived_text="")
    actions.verify_citation(citation=no_archive)
    no_archive.refresh_from_db()
    assert no_archive.excerpt_verified is None


def test_a_new_archived_text_reverifies_its_citations():
    citation = CitationFactory(excerpt="useful and constructive")
    actions.verify_citation(citation=citation)
    source = citation.source
    source.archived_text = "The minister said nothing."
    source.save()
    assert actions.reverify_source_citations(source=source) == 1
    citation.refresh_from_db()
    assert citation.excerpt_verified is False
