"""What the claim model gives the workflow: evidence flags for the review queue, and workflow
fields no form can carry (nor an article's)."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldError
from django.forms import modelform_factory

from newsroom.models import Article, Claim
from tests.support.factories import CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_claims_on_thin_or_contested_evidence_are_flagged():
    solid = ClaimFactory()
    CitationFactory(claim=solid)
    CitationFactory(claim=solid)  # a second publisher
    thin = ClaimFactory()
    CitationFactory(claim=thin)
    contested = ClaimFactory()
    CitationFactory(claim=contested)
    CitationFactory(claim=contested)
    CitationFactory(claim=contested, stance="contradicts")
    flagged = set(Claim.objects.flagged().values_list("slug", flat=True))
    assert flagged == {thin.slug, contested.slug}
    counts = Claim.objects.with_evidence_flags().get(pk=contested.pk)
    assert (counts.independent_sources, counts.contradictions) == (2, 1)


def test_status_cannot_be_set_from_a_form():
    # Workflow fields are not editable, so no ModelForm (admin or other) can carry them.
    with pytest.raises(FieldError):
        modelform_factory(Claim, fields=["statement", "status"])
    with pytest.raises(FieldError):
        modelform_factory(Article, fields=["headline", "status"])
