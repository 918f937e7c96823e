"""Sources: the archived text hashed and stamped on clean, and a public page of their own."""

import hashlib

import pytest
from django.urls import resolve

from tests.support.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_archived_text_is_hashed_and_stamped_on_clean():
    source = SourceFactory.build(publisher=None, archived_text="Text as captured.")
    source.full_clean()
    assert source.archived_sha256 == hashlib.sha256(b"Text as captured.").hexdigest()
    assert source.archived_at is not None


def test_source_url():
    source = SourceFactory()
    assert source.get_absolute_url() == f"/sources/{source.pk}/"
    assert str(source) == source.title
    # The URL is the source's own public page (a count right after creating one row could
    # not fail; this can).
    match = resolve(source.get_absolute_url())
    assert (match.view_name, match.kwargs) == ("newsroom:source_detail", {"pk": source.pk})
