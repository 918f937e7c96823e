"""Claims and citations in the database: constraints, transitions, unique slugs and excerpts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from newsroom.models import Citation, Claim
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_citation_of_the_same_excerpt_is_refused():
    citation = CitationFactory()
    again = Citation(claim=citation.claim, source=citation.source, excerpt=citation.excerpt)
    with pytest.raises(ValidationError) as excinfo:
        again.full_clean()
    assert "already cites this excerpt" in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()
    # Another excerpt from the same source is fine.
    Citation(claim=citation.claim, source=citation.source, excerpt="constructive").save()
    assert citation.claim.citations.count() == 2


def test_long_excerpts_can_be_cited_on_every_database():
    # PostgreSQL cannot btree-index long text; the constraint is on its hash.
    excerpt = "蔡奇" * 2000
    citation = CitationFactory(excerpt=excerpt)
    assert Citation.objects.get(pk=citation.pk).excerpt == excerpt


def test_claim_status_and_verdict_are_constrained_in_the_database():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="approved")
    # A verdict on a claim nobody reviewed is impossible.
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(verdict="false")


def test_claim_transitions_are_data():
    claim = ClaimFactory.build()
    assert claim.status == "draft"
    assert claim.can_transition_to("submitted")
    assert not claim.can_transition_to("reviewed")


def test_duplicate_claim_slug_is_refused():
    ClaimFactory(slug="cai-pbsc-member")
    with pytest.raises(ValidationError) as excinfo:
        Claim(slug="cai-pbsc-member", statement="x").full_clean()
    assert "slug" in excinfo.value.message_dict
