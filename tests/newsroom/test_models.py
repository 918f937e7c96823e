import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import resolve

from newsroom.models import Citation, Claim
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ImageFactory,
    SourceFactory,
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


def test_archived_text_is_hashed_and_stamped_on_clean():
    source = SourceFactory.build(publisher=None, archived_text="Text as captured.")
    source.full_clean()
    assert source.archived_sha256 == hashlib.sha256(b"Text as captured.").hexdigest()
    assert source.archived_at is not None


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


def test_published_article_needs_a_publication_time():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(article).objects.filter(pk=article.pk).update(status="published")


def test_image_requires_alt_text_and_records_its_size():
    image = ImageFactory()
    assert (image.width, image.height) == (64, 48)
    image.alt_text = ""
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "alt_text" in excinfo.value.message_dict


def test_source_url():
    source = SourceFactory()
    assert source.get_absolute_url() == f"/sources/{source.pk}/"
    assert str(source) == source.title
    # The URL is the source's own public page (a count right after creating one row could
    # not fail; this can).
    match = resolve(source.get_absolute_url())
    assert (match.view_name, match.kwargs) == ("newsroom:source_detail", {"pk": source.pk})
