"""deploy/nginx.conf as written, run by a real nginx on spare ports (TLS left out): media from
disk with the app's types and caching, nothing but images, the body limit, the proxying, and
the micro-cache: what the app marks shareable is answered by nginx, never for an editor."""

from __future__ import annotations

import http.client
import http.server
import os
import re
import threading
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from newsroom.servers import SITE_FILE, nginx_installed, run_nginx

# .ci/run installs nginx and sets this: there a missing nginx fails the test, never skips it.
pytestmark = pytest.mark.skipif(
    not os.environ.get("NEWSROOM_TESTS_NEED_NGINX") and not nginx_installed(),
    reason="nginx is not installed",
)

RENDITION = "renditions/2026/12/7-320-0123456789ab.webp"
# What the app sends on a page for anonymous readers (newsroom's page cache).
SHAREABLE = "public, max-age=0, s-maxage=60, stale-while-revalidate=30"


class _App(http.server.BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with the forwarded scheme it was sent, counts the
    requests that reach it per path, and sends the Cache-Control named by ``?cc=``
    (``shareable``, ``private`` or ``max-age-only``), none without it."""

    seen: Counter = Counter()
    controls = {
        "shareable": SHAREABLE,
        "private": "private, max-age=0, s-maxage=60",
        "max-age-only": "public, max-age=0",
    }

    def do_GET(self):
        self.seen[self.path] += 1
        control = parse_qs(urlsplit(self.path).query).get("cc", [""])[0]
        body = f"app saw {self.headers['X-Forwarded-Proto']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        if control:
            self.send_header("Cache-Control", self.controls[control])
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx(tmp_path):
    """A running nginx serving deploy/nginx.conf from ``tmp_path`` in front of ``_App``."""
    media = tmp_path / "media"
    (media / RENDITION).parent.mkdir(parents=True)
    (media / RENDITION).write_bytes(b"RIFF\x00\x00\x00\x00WEBP")
    (media / "images").mkdir()
    (media / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    (media / "images" / "notes.html").write_text("<script>alert(1)</script>")
    (tmp_path / "secret.png").write_bytes(b"not yours")
    (media / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    _App.seen = Counter()
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        with run_nginx(tmp_path, app.server_address[1]) as port:
            yield port
    finally:
        app.shutdown()


def fetch(port: int, path: str, method: str = "GET", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers={"Host": "news.example.org", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_media_is_served_from_disk_with_the_apps_types_and_caching(nginx):
    response, body = fetch(nginx, f"/media/{RENDITION}")
    assert response.status == 200 and body.startswith(b"RIFF")
    assert response.getheader("Content-Type") == "image/webp"
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    response, _ = fetch(nginx, "/media/images/photo.jpg")
    assert response.status == 200
    assert response.getheader("Content-Type") == "image/jpeg"
    assert response.getheader("Cache-Control") == "public, max-age=3600"


def test_nothing_but_images_inside_the_media_folder_is_served(nginx):
    for path in (
        "/media/images/notes.html",  # not an image type
        "/media/images/",  # no listing
        "/media/images/link.png",  # a symlink
        "/media/images/missing.jpg",
    ):
        response, _ = fetch(nginx, path)
        assert response.status in (403, 404), (path, response.status)
    # nginx resolves the dots first: this is /secret.png, a page for the app, not a file.
    response, body = fetch(nginx, "/media/../secret.png")
    assert body == b"app saw http"


def test_the_body_limit_matches_the_apps_and_the_rest_goes_to_the_app(nginx):
    limit = settings.NEWSROOM_MAX_REQUEST_BYTES
    assert re.search(
        rf"client_max_body_size {limit // (1024 * 1024)}m;",
        SITE_FILE.read_text(),
    )
    response, _ = fetch(nginx, "/admin/", "POST", {"Content-Length": str(limit + 1)})
    assert response.status == 413
    response, body = fetch(nginx, "/articles/")
    assert response.status == 200 and body == b"app saw http"


def test_a_shareable_page_is_answered_by_nginx_the_second_time(nginx):
    path = "/articles/2025/08/a/?cc=shareable"
    first, body = fetch(nginx, path)
    assert first.getheader("X-Cache-Status") == "MISS" and body == b"app saw http"
    second, body = fetch(nginx, path)
    assert second.getheader("X-Cache-Status") == "HIT" and body == b"app saw http"
    # The browser still revalidates: nginx passes the app's header on unchanged.
    assert second.getheader("Cache-Control") == SHAREABLE
    assert _App.seen[path] == 1
    # The query string is part of the key: another search is another page.
    response, _ = fetch(nginx, "/search/?q=other&cc=shareable")
    assert response.getheader("X-Cache-Status") == "MISS"


def test_nginx_stores_for_s_maxage_not_max_age(nginx):
    """max-age=0 is for browsers; with no s-maxage nginx reads it and stores nothing."""
    path = "/people/?cc=max-age-only"
    for _ in range(2):
        response, _ = fetch(nginx, path)
        assert response.getheader("X-Cache-Status") == "MISS"
    assert _App.seen[path] == 2


def test_a_private_page_is_never_stored(nginx):
    path = "/claims/?cc=private"
    for _ in range(2):
        response, _ = fetch(nginx, path)
        assert response.getheader("X-Cache-Status") == "MISS"
    assert _App.seen[path] == 2


def test_a_signed_in_reader_is_never_answered_from_the_cache_nor_stored(nginx):
    session = {"Cookie": "csrftoken=x; sessionid=editor-session"}
    path = "/events/?cc=shareable"
    fetch(nginx, path)  # stored for anonymous readers
    response, _ = fetch(nginx, path, headers=session)
    assert response.getheader("X-Cache-Status") == "BYPASS"
    assert _App.seen[path] == 2
    # What a signed-in request fetched is not kept for anyone.
    other = "/organizations/?cc=shareable"
    for _ in range(2):
        response, _ = fetch(nginx, other, headers=session)
        assert response.getheader("X-Cache-Status") == "BYPASS"
    response, _ = fetch(nginx, other)
    assert response.getheader("X-Cache-Status") == "MISS"
    assert _App.seen[other] == 3


@pytest.mark.parametrize("address", ["/admin/login/", "/preview/a-token/", "/healthz"])
def test_the_admin_previews_and_health_checks_skip_the_cache_whatever_they_say(nginx, address):
    path = f"{address}?cc=shareable"
    for _ in range(2):
        response, _ = fetch(nginx, path)
        assert response.getheader("X-Cache-Status") == "BYPASS"
    assert _App.seen[path] == 2
