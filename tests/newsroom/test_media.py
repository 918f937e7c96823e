"""Uploads served by the app (newsroom/media.py): a lead image's files answer 200 with
production settings, with their real types and caching, and nothing but images in MEDIA_ROOT
is ever served."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils.http import http_date

from tests.support.content import publish
from tests.support.factories import ArticleFactory
from tests.support.images import picture_sources, stored_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = False
    settings.NEWSROOM_SERVE_MEDIA = True
    return settings


def lead_image_urls(client, article) -> list[str]:
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('<figure class="lead-figure">')[1].split("</figure>")[0]
    urls = [
        entry.strip().split(" ")[0]
        for srcset in picture_sources(figure).values()
        for entry in srcset.split(",")
    ]
    return urls + [figure.split(' src="')[1].split('"')[0]]


def test_a_lead_images_files_answer_200_with_production_settings(client, editor, production):
    image = stored_image()
    article = publish(ArticleFactory(lead_image=image), editor)
    urls = lead_image_urls(client, article)
    assert len(urls) == 3 * 2 + 1  # three widths in WebP and JPEG, and the <img> fallback
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == ("image/webp" if url.endswith(".webp") else "image/jpeg")
        assert response["X-Content-Type-Options"] == "nosniff"
        # Rendition names carry a hash of their bytes: cacheable for ever.
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert b"".join(response.streaming_content)[:4] in (b"RIFF", b"\xff\xd8\xff\xe0")
    original = client.get(image.file.url)
    assert original.status_code == 200 and original["Content-Type"] == "image/jpeg"
    assert original["Cache-Control"] == "public, max-age=3600"  # its name may come back


def test_an_unchanged_file_is_not_sent_again(client, production):
    image = stored_image()
    modified = os.stat(image.file.path).st_mtime
    response = client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=http_date(modified))
    assert response.status_code == 304
    earlier = http_date(modified - dt.timedelta(days=1).total_seconds())
    assert client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    assert client.head(image.file.url).status_code == 200
    assert client.post(image.file.url).status_code == 405


def test_only_images_inside_media_root_are_served(client, production, tmp_path):
    stored_image()
    media = production.MEDIA_ROOT
    (media / "notes.html").write_text("<script>alert(1)</script>")
    (media / "images" / "page.html.png").write_text("<script>alert(1)</script>")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"not yours")
    (media / "link.png").symlink_to(outside)
    assert client.get("/media/notes.html").status_code == 404  # not an image type
    assert client.get("/media/images").status_code == 404  # a folder
    assert client.get("/media/../secret.png").status_code == 404
    assert client.get("/media/%2E%2E/secret.png").status_code == 404
    assert client.get("/media/link.png").status_code == 404  # a link out of MEDIA_ROOT
    assert client.get("/media/images/missing.jpg").status_code == 404
    assert client.get("/media/images/%00.jpg").status_code == 404
    # A name ending in .png is served as PNG, never sniffed as the HTML it holds.
    served = client.get("/media/images/page.html.png")
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"


def test_nothing_is_served_while_the_proxy_serves_media(client, production):
    image = stored_image()
    production.NEWSROOM_SERVE_MEDIA = False
    assert client.get(image.file.url).status_code == 404
