"""Request size limits: an oversized body is refused before it is read."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_300_mb_upload_is_refused_before_its_body_is_read(editor_client, settings):
    settings.NEWSROOM_MAX_REQUEST_BYTES = 25 * 1024 * 1024
    # The declared length is 300 MB; only a few bytes follow. Reading the body would block or
    # fail, so a 413 shows it was never read — and no image row was made.
    response = editor_client.generic(
        "POST",
        "/admin/newsroom/image/add/",
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert b"the limit is 25 MB" in response.content
    from newsroom.models import Image

    assert not Image.objects.exists()


def test_a_request_within_the_limit_goes_through(client, settings):
    settings.NEWSROOM_MAX_REQUEST_BYTES = 1024
    assert client.post("/search/", data={"q": "x" * 100}).status_code != 413


def test_a_garbled_length_is_a_bad_request(client):
    response = client.generic("POST", "/search/", data=b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400
