"""`make loadtest`: public pages under load while two editors save through the admin.

What it does, start to finish (it leaves nothing behind):

1. creates a scratch PostgreSQL database on the server in LOADTEST_PG_URL (default the shared
   one on 127.0.0.1:5432), migrates it and loads the demo, with production settings
   (DJANGO_DEBUG=0, a random secret key, ALLOWED_HOSTS=127.0.0.1, plain http);
2. adds two editors and a few drafts for them to edit (two claims, two articles);
3. starts gunicorn (2 workers, as `make serve` runs it) and checks every public URL it will
   load answers 200 — the URLs come from the sitemap plus the lists, search, feeds and API;
4. for LOADTEST_SECONDS (60) runs `wrk` at LOADTEST_CONNECTIONS (32) connections over those
   URLs, while two editors log in through /admin/login/ and loop: open a draft's change form,
   change its wording (a claim's statement, an article's body) with a marker unique to that
   save, post it back (with a change reason where the form asks for one). A save refused by
   the stale-form guard (the other editor saved the same draft since the form was opened) is
   counted, and the editor re-reads the form;
5. checks: no 5xx, no connection error or timeout, no form error, and no lost save — every save
   the admin acknowledged (302) has a revision holding its marker, by its editor, and each
   draft's row reads as its latest revision;
6. prints requests/s and p50/p90/p99 for reads (wrk's own latency histogram: each request timed
   from its write to its response, queueing in gunicorn's backlog included) and for saves,
   stops gunicorn and drops the database. Exit status 1 when any check fails.

wrk (Debian package `wrk`) makes the read load: a C client on its own event loop, so its
latencies are the server's, not a Python client's fighting for the GIL on the same two cores.
The editors are two Python threads on http.client: their few requests need no more.
"""

from __future__ import annotations

import html
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from newsroom.servers import HOST, production_env, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "2"))
PG_URL = os.environ.get("LOADTEST_PG_URL", "postgres://postgres@127.0.0.1:5432")
# wrk counts a request still unanswered after this long as an error (a timeout).
TIMEOUT_SECONDS = int(os.environ.get("LOADTEST_TIMEOUT", "10"))
EDITORS = 2


def log(message: str) -> None:
    print(f"[loadtest] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# The scratch database and the server


def admin_connection():
    import psycopg

    return psycopg.connect(f"{PG_URL}/postgres", autocommit=True)


def create_database(name: str) -> None:
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, env: dict) -> None:
    # Quiet unless it fails: load_demo prints the demo's logins, which this run does not use.
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def request(port, method, path, body=None, headers=None, timeout=30.0):
    """One request on a fresh connection (gunicorn's sync workers close each one)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# What the editors edit


def prepare_content() -> dict:
    """Two editors with fresh passwords, and two draft claims and two draft articles.

    Runs in this process through the ORM, before the server starts. The drafts are made with a
    revision each, as the admin would, so the stale-form guard has a version to compare with.
    """
    import reversion
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsroom.models import Article, ArticleStatus, Claim, Section

    group = Group.objects.get(name="editor")
    editors = []
    for number in range(1, EDITORS + 1):
        password = secrets.token_urlsafe(18)
        user = get_user_model().objects.create_user(
            username=f"loadtest-editor-{number}",
            password=password,
            first_name="Load",
            last_name=f"Editor {number}",
            is_staff=True,
        )
        user.groups.set([group])
        editors.append({"username": user.username, "password": password, "pk": user.pk})

    author = get_user_model().objects.get(username="loadtest-editor-1")
    section = Section.objects.first()
    claims = list(Claim.objects.filter(status="draft").order_by("pk")[:1])
    articles = []
    with reversion.create_revision():
        reversion.set_user(author)
        reversion.set_comment("Load test: drafts to edit.")
        for number in range(len(claims) + 1, 3):
            claims.append(
                Claim.objects.create(
                    slug=f"loadtest-claim-{number}",
                    statement=f"Load-test draft claim {number}.",
                    created_by=author,
                )
            )
        for number in (1, 2):
            articles.append(
                Article.objects.create(
                    headline=f"Load-test draft article {number}",
                    slug=f"loadtest-article-{number}",
                    standfirst="A draft the load test edits.",
                    body=f"Load-test draft body {number}.",
                    section=section,
                    status=ArticleStatus.DRAFT,
                    created_by=author,
                )
            )
    targets = [
        {"model": "claim", "pk": c.pk, "field": "statement", "text": c.statement} for c in claims
    ] + [{"model": "article", "pk": a.pk, "field": "body", "text": a.body} for a in articles]
    return {"editors": editors, "targets": targets}


# ---------------------------------------------------------------------------------------------
# The pages the readers load


FIXED_PATHS = [
    "/", "/articles/", "/claims/", "/people/", "/organizations/", "/events/",
    "/corrections/", "/search/?q=Cai+Qi", "/search/?q=Tianjin", "/search/?q=summit",
    "/feeds/rss/", "/feeds/atom/", "/feeds/corrections/", "/sitemap.xml",
    "/news-sitemap.xml", "/robots.txt", "/api/", "/api/articles/", "/api/claims/",
    "/api/people/", "/api/events/",
]  # fmt: skip


def public_paths(port: int) -> list[str]:
    """The fixed lists plus every page in the sitemap, each checked to answer 200."""
    status, _, body = request(port, "GET", "/sitemap.xml")
    if status != 200:
        raise SystemExit(f"/sitemap.xml answered {status}")
    paths = list(FIXED_PATHS)
    # /sitemap.xml is an index of sitemaps: each of them lists pages.
    for sitemap in re.findall(r"<loc>([^<]+)</loc>", body.decode()):
        address = urllib.parse.urlsplit(html.unescape(sitemap))
        address = address.path + (f"?{address.query}" if address.query else "")
        paths.append(address)
        status, _, listed = request(port, "GET", address)
        if status != 200:
            raise SystemExit(f"{address} answered {status}")
        for loc in re.findall(r"<loc>([^<]+)</loc>", listed.decode()):
            path = urllib.parse.urlsplit(html.unescape(loc))
            paths.append(path.path + (f"?{path.query}" if path.query else ""))
    paths = list(dict.fromkeys(paths))
    bad = []
    for path in paths:
        status, _, _ = request(port, "GET", path)
        if status != 200:
            bad.append(f"{path} → {status}")
    if bad:
        raise SystemExit(
            "Public pages that do not answer 200 before the load:\n  " + "\n  ".join(bad)
        )
    return paths


WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
wrk.headers["Accept-Encoding"] = "gzip"

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

function init(args)
  n = offset or 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write("WRK_JSON ")
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, "p90_us": %%d, ' ..
    '"p99_us": %%d, "p999_us": %%d, "max_us": %%d, "mean_us": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean))
end
"""


def start_wrk(port: int, paths: list[str], folder: Path) -> subprocess.Popen:
    script = folder / "loadtest.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
    command = [
        "wrk", "--threads", "2", "--connections", str(CONNECTIONS),
        "--duration", f"{SECONDS}s", "--timeout", f"{TIMEOUT_SECONDS}s",
        "--script", str(script), f"http://{HOST}:{port}/",
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


# ---------------------------------------------------------------------------------------------
# The editors


class FormReader(HTMLParser):
    """The fields a browser would post from the form with id ``form_id``.

    Text, hidden and other inputs; checked checkboxes and radios; each select's selected
    options (or a single select's first); textareas. Disabled fields and buttons are left out.
    """

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in a, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self.select["options"].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self.select["multiple"]:
                chosen = options[:1]
            for o in chosen:
                value = o["value"] if o["value"] is not None else o["text"].strip()
                self.fields.append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea["text"]
            # A browser drops the newline right after <textarea>; Django writes one there.
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self.fields.append((self.textarea["name"], text))
            self.textarea = None


MARKER = re.compile(r" ?\[loadtest [^\]]*\]")


@dataclass
class EditorStats:
    name: str
    saves: list[dict] = field(default_factory=list)  # acknowledged: marker, target, latency
    save_seconds: list[float] = field(default_factory=list)
    form_seconds: list[float] = field(default_factory=list)
    refused_stale: int = 0
    form_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    connection_errors: list[str] = field(default_factory=list)


class Editor(threading.Thread):
    """Logs in through /admin/login/, then edits the drafts until told to stop."""

    def __init__(self, port, login, targets, stop, number):
        super().__init__(name=f"editor-{number}", daemon=True)
        self.port = port
        self.login = login
        self.targets = targets
        self.stop = stop
        self.number = number
        self.cookies: dict[str, str] = {}
        self.random = random.Random(number)
        self.stats = EditorStats(login["username"])
        self.count = 0

    # HTTP with the session's cookies (kept by hand: the production cookies are Secure, which
    # a cookie jar would not send over the plain http of this test).
    def call(self, method, path, fields=None):
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        status, response_headers, content = request(self.port, method, path, body, headers)
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                if cookie in ('""', ""):
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = cookie
        location = dict((k.lower(), v) for k, v in response_headers).get("location", "")
        return status, location, content.decode("utf-8", "replace")

    def do_login(self):
        status, _, page = self.call("GET", "/admin/login/?next=/admin/")
        fields = dict(form_fields(page, "login-form"))
        fields.update(username=self.login["username"], password=self.login["password"])
        status, location, page = self.call("POST", "/admin/login/?next=/admin/", fields)
        if status != 302:
            raise SystemExit(f"{self.login['username']} could not log in: {status}\n{page[:500]}")

    def run(self):
        try:
            self.do_login()
            while not self.stop.is_set():
                self.edit_once(self.random.choice(self.targets))
        except Exception as error:  # reported, and fails the run
            self.stats.connection_errors.append(f"{type(error).__name__}: {error}")

    def edit_once(self, target):
        path = f"/admin/newsroom/{target['model']}/{target['pk']}/change/"
        started = time.monotonic()
        try:
            status, _, page = self.call("GET", path)
        except OSError as error:
            self.stats.connection_errors.append(f"GET {path}: {error}")
            return
        self.stats.form_seconds.append(time.monotonic() - started)
        if status != 200:
            self.record_status("GET", path, status, page)
            return
        fields = form_fields(page, f"{target['model']}_form")
        self.count += 1
        marker = f"[loadtest e{self.number} #{self.count}]"
        edited = []
        for name, value in fields:
            if name == target["field"]:
                value = f"{MARKER.sub('', value).rstrip()} {marker}"
            elif name == "change_reason":
                value = f"Load test save {marker}"
            edited.append((name, value))
        if not any(name == target["field"] for name, _ in fields):
            self.stats.form_errors.append(f"{path}: no {target['field']} field in the form")
            return
        edited.append(("_continue", "Save and continue editing"))
        started = time.monotonic()
        try:
            status, location, page = self.call("POST", path, edited)
        except OSError as error:
            self.stats.connection_errors.append(f"POST {path}: {error}")
            return
        seconds = time.monotonic() - started
        if status == 302:
            self.stats.save_seconds.append(seconds)
            self.stats.saves.append({"marker": marker, "target": target, "at": time.time()})
            # As a browser would: follow the redirect, which shows (and clears) the message.
            follow = location or path
            status, _, page = self.call("GET", follow)
            if status != 200:
                self.record_status("GET", follow, status, page)
        elif status == 200 and "Not saved:" in page:
            self.stats.refused_stale += 1
        elif status == 200:
            errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
            note = re.findall(r'<p class="errornote">(.*?)</p>', page, re.S)
            text = re.sub(r"<[^>]+>", " ", " ".join(note + errors))
            self.stats.form_errors.append(f"{path}: {' '.join(text.split())[:300]}")
        else:
            self.record_status("POST", path, status, page)

    def record_status(self, method, path, status, page):
        message = f"{method} {path} → {status}"
        if status >= 500:
            self.stats.server_errors.append(message)
        else:
            self.stats.form_errors.append(message)


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    reader = FormReader(form_id)
    reader.feed(page)
    reader.close()
    return reader.fields


# ---------------------------------------------------------------------------------------------
# Checks and figures


def check_saves(editors: list[Editor], targets: list[dict], started_after: int) -> dict:
    """Every acknowledged save has a revision with its marker, by its editor; each draft's row
    reads as its newest version."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Revision, Version

    from newsroom.models import Article, Claim

    models = {"claim": Claim, "article": Article}
    users = {
        u.username: u.pk
        for u in get_user_model().objects.filter(username__startswith="loadtest-editor-")
    }
    lost = []
    acknowledged = 0
    for editor in editors:
        for save in editor.stats.saves:
            acknowledged += 1
            target = save["target"]
            model = models[target["model"]]
            found = Version.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(target["pk"]),
                serialized_data__contains=save["marker"],
                revision__user_id=users[editor.stats.name],
            ).exists()
            if not found:
                lost.append(f"{target['model']} {target['pk']} {save['marker']}")
    revisions = Revision.objects.filter(pk__gt=started_after, user_id__in=users.values()).count()
    mismatched = []
    for target in targets:
        model = models[target["model"]]
        row = model.objects.get(pk=target["pk"])
        latest = Version.objects.get_for_object(row).order_by("-pk").first()
        stored = json.loads(latest.serialized_data)[0]["fields"][target["field"]]
        if stored != getattr(row, target["field"]):
            mismatched.append(f"{target['model']} {target['pk']}")
    return {
        "acknowledged": acknowledged,
        "revisions": revisions,
        "lost": lost,
        "rows_unlike_latest_version": mismatched,
    }


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values`` in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1] * 1000


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("make loadtest needs wrk: apt-get install wrk (Debian's package)")
    database = f"newsroom_loadtest_{os.getpid()}"
    folder = Path(tempfile.mkdtemp(prefix="newsroom-loadtest-"))
    env = production_env(folder, f"{PG_URL}/{database}", DJANGO_LOG_LEVEL="WARNING")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    server = None
    gunicorn_log = folder / "gunicorn.log"
    log(f"database {database}, {SECONDS} s at {CONNECTIONS} connections, {WORKERS} workers")
    create_database(database)
    try:
        manage("migrate", "--no-input", "--verbosity", "0", env=env)
        manage("load_demo", "--force", "--verbosity", "0", env=env)
        manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
        import django

        django.setup()
        from django.db import connections
        from reversion.models import Revision

        content = prepare_content()
        before = Revision.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        connections.close_all()

        server = start_gunicorn(env, gunicorn_log, workers=WORKERS)
        port = server.port
        paths = public_paths(port)
        log(f"{len(paths)} public URLs answer 200; loading them with wrk")

        stop = threading.Event()
        editors = [
            Editor(port, login, content["targets"], stop, number)
            for number, login in enumerate(content["editors"], start=1)
        ]
        wrk = start_wrk(port, paths, folder)
        started = time.monotonic()
        for editor in editors:
            editor.start()
        output, _ = wrk.communicate(timeout=SECONDS + 60)
        elapsed = time.monotonic() - started
        stop.set()
        for editor in editors:
            editor.join(timeout=60)
        if wrk.returncode != 0 or "WRK_JSON" not in output:
            raise SystemExit(f"wrk failed:\n{output}")
        reads = json.loads(output.split("WRK_JSON", 1)[1].strip().splitlines()[0])

        server.stop()
        server = None
        saves = check_saves(editors, content["targets"], before)
        connections.close_all()
        return report(reads, editors, saves, elapsed, gunicorn_log)
    finally:
        if server is not None:
            server.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        drop_database(database)
        shutil.rmtree(folder, ignore_errors=True)


def report(reads, editors, saves, elapsed, gunicorn_log: Path) -> int:
    server_log = gunicorn_log.read_text(errors="replace")
    tracebacks = server_log.count("Traceback (most recent call last)")
    save_seconds = [s for e in editors for s in e.stats.save_seconds]
    form_seconds = [s for e in editors for s in e.stats.form_seconds]
    wrk_errors = reads["connect"] + reads["read"] + reads["write"] + reads["timeout"]
    failures = []
    if reads["status"]:
        failures.append(f"{reads['status']} public responses were not 2xx/3xx")
    if wrk_errors:
        failures.append(
            f"{wrk_errors} read connection errors (connect {reads['connect']}, read "
            f"{reads['read']}, write {reads['write']}, timeout {reads['timeout']})"
        )
    for editor in editors:
        s = editor.stats
        for label, items in (
            ("server error", s.server_errors),
            ("connection error", s.connection_errors),
            ("form error", s.form_errors),
        ):
            for item in items[:5]:
                failures.append(f"{s.name}: {label}: {item}")
            if len(items) > 5:
                failures.append(f"{s.name}: … and {len(items) - 5} more {label}s")
    if tracebacks:
        failures.append(f"gunicorn logged {tracebacks} tracebacks")
    if saves["lost"]:
        failures.append(
            f"{len(saves['lost'])} acknowledged saves have no revision: "
            + ", ".join(saves["lost"][:5])
        )
    if saves["rows_unlike_latest_version"]:
        failures.append(
            "rows that differ from their latest revision: "
            + ", ".join(saves["rows_unlike_latest_version"])
        )
    if saves["revisions"] != saves["acknowledged"]:
        # A draft's save is one revision; a refused one is none.
        failures.append(
            f"{saves['revisions']} revisions by the editors for {saves['acknowledged']} saves"
        )
    if not saves["acknowledged"]:
        failures.append("no save was acknowledged")

    seconds = reads["duration_us"] / 1e6
    refused = sum(e.stats.refused_stale for e in editors)
    ms = 1000.0
    lines = [
        f"Load test: {seconds:.0f} s, {CONNECTIONS} connections, gunicorn {WORKERS} workers, "
        "PostgreSQL",
        f"  reads   {reads['requests']} requests, {reads['requests'] / seconds:.1f} req/s, "
        f"p50 {reads['p50_us'] / ms:.0f} ms, p90 {reads['p90_us'] / ms:.0f} ms, "
        f"p99 {reads['p99_us'] / ms:.0f} ms, max {reads['max_us'] / ms:.0f} ms; "
        f"errors {reads['status'] + wrk_errors}",
        f"  saves   {len(save_seconds)} acknowledged by {len(editors)} editors, "
        f"{len(save_seconds) / elapsed:.2f} saves/s, p50 {percentile(save_seconds, 50):.0f} ms, "
        f"p90 {percentile(save_seconds, 90):.0f} ms, p99 {percentile(save_seconds, 99):.0f} ms; "
        f"{refused} refused as stale (re-read and retried)",
        f"  forms   {len(form_seconds)} change forms opened, "
        f"p50 {percentile(form_seconds, 50):.0f} ms, p99 {percentile(form_seconds, 99):.0f} ms",
        f"  history {saves['revisions']} revisions by the editors for {saves['acknowledged']} "
        f"acknowledged saves; lost saves {len(saves['lost'])}",
    ]
    print("\n".join(lines), flush=True)
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), flush=True)
        if tracebacks:
            print(server_log[-4000:], flush=True)
        return 1
    print("OK: 0 errors, 0 lost saves", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
