"""What the import tests share: the demo's people and organizations without its sources, the
seed reports' folder, a local web server, and reports in our own words."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.utils import timezone

from newsroom.demo import organizations as demo_organizations
from newsroom.demo import people as demo_people
from newsroom.demo.clock import DemoClock
from newsroom.demo.loader import DemoLoader

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "newsroom" / "fixtures" / "report_own_words.txt"


def seeds_dir() -> Path:
    """The seed reports (third-party news text, never copied into the repo): NEWSROOM_SEEDS_DIR,
    else ``../shared/seeds`` beside the repository."""
    return Path(os.environ.get("NEWSROOM_SEEDS_DIR") or REPO.parent / "shared" / "seeds")


def load_demo_profiles() -> DemoLoader:
    """The demo's logins, organizations and people (with their positions), and nothing else:
    no places, events, sources, claims or articles."""
    loader = DemoLoader()
    loader.clock = DemoClock(enabled=False)
    now = timezone.now()
    loader.users = loader.load_users()
    loader.orgs = {}
    for spec in demo_organizations.ORGANIZATIONS:
        loader.orgs[spec["slug"]] = loader.load_organization(spec, at=now)
    loader.people = {spec["slug"]: loader.load_person(spec, at=now) for spec in demo_people.PEOPLE}
    return loader


@contextmanager
def serving(pages: dict[str, tuple[int, str, bytes]]):
    """A web server on 127.0.0.1 answering ``path → (status, content type, body)``; yields its
    base URL. Stopped when the block ends."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            status, content_type, body = pages.get(self.path, (404, "text/plain", b"missing"))
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
