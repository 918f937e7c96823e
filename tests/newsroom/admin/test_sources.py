"""The sources and images admins: new archived text rechecks citations; uploads stored clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from newsroom.models import ClaimStatus, Image, Rendition
from tests.support.admin import admin_form_data, admin_url, form_errors
from tests.support.factories import CitationFactory, SourceFactory
from tests.support.images import encoded, image_add, jpeg_with_gps_and_rotation
from tests.support.review import reviewed

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# Sources


def test_changing_a_sources_archived_text_rechecks_its_citations(editor_client):
    citation = CitationFactory(excerpt="the talks were useful")
    source = citation.source
    data = admin_form_data(editor_client.get(admin_url(source, "change")))
    data["archived_text"] = "The minister said nothing at all."
    response = editor_client.post(admin_url(source, "change"), data)
    assert response.status_code == 302, form_errors(response)
    source.refresh_from_db()
    citation.refresh_from_db()
    assert source.archived_sha256
    assert citation.excerpt_verified is False


def test_source_dates_and_search(editor_client):
    SourceFactory(title="Readout of the meeting", published_on=dt.date(2025, 8, 31))
    response = editor_client.get(admin_url(SourceFactory._meta.model, "changelist") + "?q=readout")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_a_source_text_change_that_unverifies_an_excerpt_reopens_the_claim(
    editor_client, editor, writer
):
    claim = reviewed(writer, editor)
    source = claim.citations.get().source
    data = admin_form_data(editor_client.get(admin_url(source, "change")))
    data["archived_text"] = "The minister said nothing about the talks."
    response = editor_client.post(admin_url(source, "change"), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REOPENED
    assert claim.citations.get().excerpt_verified is False
    assert "the archived text of" in claim.review_events.first().note


# ---------------------------------------------------------------------------------------------
# Images


def test_an_upload_is_stored_without_exif_with_renditions_made_once(editor_client):
    response = image_add(editor_client, jpeg_with_gps_and_rotation(), "room.jpg")
    assert response.status_code == 302, form_errors(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 1200)  # upright
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif() and "exif" not in stored.info
    renditions = list(image.renditions.all())
    assert sorted({(r.width, r.format) for r in renditions}) == [
        (320, "jpeg"),
        (320, "webp"),
        (640, "jpeg"),
        (640, "webp"),
        (800, "jpeg"),
        (800, "webp"),
    ]
    for rendition in renditions:
        with PILImage.open(rendition.file.path) as made:
            assert not made.getexif() and "exif" not in made.info

    # Saving again without a new file makes no new renditions.
    before = sorted(Rendition.objects.values_list("pk", "file"))
    data = admin_form_data(editor_client.get(admin_url(image, "change")))
    data["caption"] = "Where they met."
    data["change_reason"] = "Caption."
    response = editor_client.post(admin_url(image, "change"), data)
    assert response.status_code == 302, form_errors(response)
    assert sorted(Rendition.objects.values_list("pk", "file")) == before


def test_a_new_file_replaces_the_renditions(editor_client):
    image_add(editor_client, encoded("PNG", (700, 350)), "wide.png")
    image = Image.objects.get()
    old = set(Rendition.objects.values_list("pk", flat=True))
    data = admin_form_data(editor_client.get(admin_url(image, "change")))
    data["change_reason"] = "New file."
    data["file"] = SimpleUploadedFile("small.png", encoded("PNG", (200, 100)))
    response = editor_client.post(admin_url(image, "change"), data)
    assert response.status_code == 302, form_errors(response)
    image.refresh_from_db()
    assert image.width == 200
    assert not old & set(Rendition.objects.values_list("pk", flat=True))
    assert sorted(image.renditions.values_list("width", "format")) == [
        (200, "jpeg"),
        (200, "webp"),
    ]
