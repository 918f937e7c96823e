"""deploy/nginx.conf as written, run by a real nginx on spare ports (TLS left out): media from
disk with the app's types and caching, nothing but images, the body limit, the proxying."""

from __future__ import annotations

import http.client
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# .ci/run installs nginx and sets this: there a missing nginx fails the test, never skips it.
pytestmark = pytest.mark.skipif(
    not os.environ.get("NEWSROOM_TESTS_NEED_NGINX") and not Path(NGINX).exists(),
    reason="nginx is not installed",
)

RENDITION = "renditions/2026/12/7-320-0123456789ab.webp"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _App(http.server.BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with the forwarded scheme it was sent."""

    def do_GET(self):
        body = f"app saw {self.headers['X-Forwarded-Proto']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def site_config(root: Path, port: int, app_port: int) -> str:
    """The site file with only what a test cannot have changed: ports, no TLS, our folders."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
    site = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", site)
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    site = re.sub(r"\n\s*ssl_certificate(_key)? [^;]+;", "", site)
    site = site.replace("root /srv/newsroom;", f"root {root};")
    return site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")


@pytest.fixture
def nginx(tmp_path):
    """A running nginx serving deploy/nginx.conf from ``tmp_path``: (port, media folder)."""
    media = tmp_path / "media"
    (media / RENDITION).parent.mkdir(parents=True)
    (media / RENDITION).write_bytes(b"RIFF\x00\x00\x00\x00WEBP")
    (media / "images").mkdir()
    (media / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    (media / "images" / "notes.html").write_text("<script>alert(1)</script>")
    (tmp_path / "secret.png").write_bytes(b"not yours")
    (media / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = free_port()
    temp = tmp_path / "nginx"
    temp.mkdir()
    user = f"user {os.getenv('USER') or 'root'};" if os.geteuid() == 0 else ""
    (temp / "nginx.conf").write_text(
        f"{user}\ndaemon off;\npid {temp}/nginx.pid;\nerror_log {temp}/error.log;\n"
        "events {}\nhttp {\n"
        f"  access_log off;\n  client_body_temp_path {temp}/body;\n"
        f"  proxy_temp_path {temp}/proxy;\n  fastcgi_temp_path {temp}/fastcgi;\n"
        f"  uwsgi_temp_path {temp}/uwsgi;\n  scgi_temp_path {temp}/scgi;\n"
        f"{site_config(tmp_path, port, app.server_address[1])}\n}}\n"
    )
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(temp), "-c", str(temp / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([NGINX, "-p", str(temp), "-c", str(temp / "nginx.conf")])
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
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
        (ROOT / "deploy" / "nginx.conf").read_text(),
    )
    response, _ = fetch(nginx, "/admin/", "POST", {"Content-Length": str(limit + 1)})
    assert response.status == 413
    response, body = fetch(nginx, "/articles/")
    assert response.status == 200 and body == b"app saw http"
