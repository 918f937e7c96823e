"""`make outage-test`: the database and the cache go away under a running gunicorn.

What it does, start to finish (it leaves nothing behind):

1. initdb a PostgreSQL cluster of its own in a temporary folder and starts it on a spare port,
   listening on 127.0.0.1 only (never the shared server on 5432); as root — CI — the server
   programs run as the ``postgres`` OS user (initdb refuses root) in a folder that user owns;
2. migrates it, loads the demo and collects static files with production settings
   (DJANGO_DEBUG=0, a random secret key, ALLOWED_HOSTS=127.0.0.1, plain http), and starts
   gunicorn (2 workers, as `make serve` runs it);
3. database up: public pages, and admin pages for an editor signed in through /admin/login/,
   answer 200, as do /healthz and /readyz;
4. stops PostgreSQL (pg_ctl stop -m fast) and for OUTAGE_SECONDS (15) requests those pages from
   4 threads: every one must be 503 with Retry-After, no-store and the branded page (a JSON
   error under /api/); /readyz 503 naming the database, /healthz 200; gunicorn may log at
   most one line a minute per worker (plus one each) and no traceback;
5. starts PostgreSQL again: the same gunicorn (same pid, not restarted) serves 200 again, and
   it prints how long that took;
6. restarts gunicorn with CACHE_URL pointing at a closed port: public and admin pages (signing
   in included) 200, /readyz 503 naming the cache, /healthz 200, a few log lines at most;
7. prints the figures, stops everything and removes the folder. Exit status 1 on any failure.
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from newsroom import servers
from newsroom.servers import HOST, ROOT, Gunicorn, free_port, production_env

WORKERS = 2
OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "15"))
THREADS = 4
OUTAGE_TITLE = "We’ll be back shortly"
PUBLIC = ["/", "/articles/", "/claims/", "/people/", "/organizations/", "/events/",
          "/search/?q=summit", "/feeds/rss/", "/api/articles/"]  # fmt: skip
ADMIN = ["/admin/", "/admin/newsroom/article/", "/admin/newsroom/claim/",
         "/admin/profiles/person/", "/admin/recent-changes/"]  # fmt: skip
EDITOR = ("editor", "editor-demo-2025")  # load_demo's public demo login


def log(message: str) -> None:
    print(f"[outage-test] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# A PostgreSQL of our own


class Postgres:
    """A throwaway cluster: initdb in ``folder``, trust auth, 127.0.0.1:``port`` only."""

    def __init__(self, folder: Path, port: int):
        self.bin = self._bin_dir()
        self.folder = folder
        self.data = folder / "data"
        self.logfile = folder / "postgres.log"
        self.port = port
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self.as_postgres:
            shutil.chown(folder, "postgres", "postgres")

    @staticmethod
    def _bin_dir() -> Path:
        found = sorted(
            (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
            key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        )
        if not found:
            raise SystemExit("make outage-test needs PostgreSQL's server programs (initdb, pg_ctl)")
        return found[-1]

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode:
            raise SystemExit(f"{program} failed:\n{result.stdout}{result.stderr}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses={HOST} -c unix_socket_directories={self.folder}"
            " -c fsync=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", options,
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{database}"


# ---------------------------------------------------------------------------------------------
# HTTP


def request(port, method, path, body=None, headers=None, timeout=30.0):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def cookies_from(headers: dict) -> dict:
    # http.client joins several Set-Cookie headers with ", "; the names are ours.
    found = {}
    for name in ("csrftoken", "sessionid"):
        match = re.search(rf"{name}=([^;]+)", headers.get("set-cookie", ""))
        if match:
            found[name] = match.group(1)
    return found


def sign_in(port: int) -> str:
    """Sign the demo editor in through /admin/login/; return the Cookie header to send."""
    status, headers, body = request(port, "GET", "/admin/login/")
    assert status == 200, f"/admin/login/ answered {status}"
    cookies = cookies_from(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode(
        {
            "username": EDITOR[0],
            "password": EDITOR[1],
            "next": "/admin/",
            "csrfmiddlewaretoken": token,
        }  # fmt: skip
    )
    status, headers, _ = request(
        port, "POST", "/admin/login/", body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": f"csrftoken={cookies['csrftoken']}", "Referer": f"http://{HOST}/"},
    )  # fmt: skip
    cookies.update(cookies_from(headers))
    if status != 302 or "sessionid" not in cookies:
        raise AssertionError(f"signing in answered {status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def get(port: int, path: str, cookie: str | None = None):
    return request(port, "GET", path, headers={"Cookie": cookie} if cookie else {})


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            with self.lock:
                self.failures.append(message)


def all_answer_200(port: int, cookie: str, checks: Checks, phase: str) -> None:
    for path in PUBLIC:
        status, _, _ = get(port, path)
        checks.expect(status == 200, f"{phase}: {path} answered {status}")
    for path in ADMIN:
        status, _, _ = get(port, path, cookie)
        checks.expect(status == 200, f"{phase}: {path} (editor) answered {status}")
    status, _, _ = get(port, "/healthz")
    checks.expect(status == 200, f"{phase}: /healthz answered {status}")


# ---------------------------------------------------------------------------------------------
# gunicorn


def start_gunicorn(port: int, env: dict, logfile: Path) -> Gunicorn:
    return servers.start_gunicorn(env, logfile, port=port, workers=WORKERS)


def stop_gunicorn(server: Gunicorn | None) -> None:
    if server is not None:
        server.stop()


def log_lines_since(logfile: Path, offset: int) -> list[str]:
    with logfile.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode(errors="replace").splitlines()


# ---------------------------------------------------------------------------------------------
# The phases


def database_outage(port: int, cookie: str, postgres: Postgres, logfile: Path, checks: Checks):
    offset = logfile.stat().st_size
    postgres.stop()
    log(f"PostgreSQL stopped; requesting pages for {OUTAGE_SECONDS:.0f} s from {THREADS} threads")
    statuses: Counter = Counter()
    deadline = time.monotonic() + OUTAGE_SECONDS
    paths = [(p, None) for p in PUBLIC] + [(p, cookie) for p in ADMIN]

    def hammer(number: int) -> None:
        i = number
        while time.monotonic() < deadline:
            path, with_cookie = paths[i % len(paths)]
            i += 1
            status, headers, body = get(port, path, with_cookie)
            with checks.lock:
                statuses[status] += 1
            checks.expect(status == 503, f"outage: {path} answered {status}")
            checks.expect(
                headers.get("retry-after", "").isdigit(), f"outage: {path} has no Retry-After"
            )
            cacheable = "no-store" not in headers.get("cache-control", "")
            checks.expect(not cacheable, f"outage: {path} may be cached")
            if path.startswith("/api/"):  # the API's clients get JSON, not the site's page
                said = b'"detail"' in body and "json" in headers.get("content-type", "")
                checks.expect(said, f"outage: {path} is not a JSON error")
            else:
                branded = OUTAGE_TITLE in body.decode(errors="replace")
                checks.expect(branded, f"outage: {path} is not the branded page")

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    status, _, body = get(port, "/readyz")
    checks.expect(status == 503, f"outage: /readyz answered {status}")
    checks.expect(
        json.loads(body).get("database") == "unreachable", f"outage: /readyz said {body!r}"
    )
    status, _, _ = get(port, "/healthz")
    checks.expect(status == 200, f"outage: /healthz answered {status}")
    lines = log_lines_since(logfile, offset)
    outage_lines = [line for line in lines if "database unavailable" in line]
    allowed = WORKERS * (int(elapsed // 60) + 1)
    checks.expect(len(outage_lines) <= allowed, f"outage: {len(outage_lines)} outage log lines")
    checks.expect(not any("Traceback" in line for line in lines), "outage: a traceback was logged")
    # /readyz's own warning is one line per call; the rest must be the rate-limited lines.
    other = [line for line in lines if "database unavailable" not in line and "readyz" not in line]
    checks.expect(len(other) <= 2, f"outage: unexpected log lines: {other[:5]}")
    return {
        "requests": sum(statuses.values()),
        "statuses": dict(statuses),
        "seconds": elapsed,
        "log_lines": len(lines),
        "log_bytes": sum(len(line) + 1 for line in lines),
        "lines": lines,
    }


def recovery(port, cookie, postgres: Postgres, server, checks: Checks) -> tuple[float, float]:
    pid = server.process.pid
    started = time.monotonic()
    postgres.start()
    startup = time.monotonic() - started
    started = time.monotonic()
    while time.monotonic() - started < 30:
        if get(port, "/articles/")[0] == 200:
            break
        time.sleep(0.1)
    recovered = time.monotonic() - started
    all_answer_200(port, cookie, checks, "recovered")
    status, _, _ = get(port, "/readyz")
    checks.expect(status == 200, f"recovered: /readyz answered {status}")
    checks.expect(
        server.process.poll() is None and server.process.pid == pid, "gunicorn was restarted"
    )
    return startup, recovered


def cache_outage(env: dict, logfile: Path, checks: Checks) -> dict:
    closed = free_port()  # bound and released: nothing listens there now
    port = free_port()
    offset = logfile.stat().st_size
    server = start_gunicorn(port, {**env, "CACHE_URL": f"redis://{HOST}:{closed}/0"}, logfile)
    try:
        cookie = sign_in(port)
        all_answer_200(port, cookie, checks, "cache down")
        requests = len(PUBLIC) + len(ADMIN) + 1
        status, _, body = get(port, "/readyz")
        checks.expect(status == 503, f"cache down: /readyz answered {status}")
        checks.expect(json.loads(body) == {"database": "ok", "cache": "unreachable"},
                      f"cache down: /readyz said {body!r}")  # fmt: skip
    finally:
        stop_gunicorn(server)
    lines = [line for line in log_lines_since(logfile, offset) if "Traceback" in line or
             "cache" in line.lower()]  # fmt: skip
    checks.expect(not any("Traceback" in line for line in lines), "cache down: a traceback")
    checks.expect(len(lines) <= WORKERS + 2, f"cache down: {len(lines)} log lines: {lines[:5]}")
    return {"requests": requests + 3, "log_lines": len(lines)}


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="newsroom-outage-"))
    postgres = Postgres(folder, free_port())
    env = production_env(
        folder,
        postgres.url("newsroom"),
        DJANGO_SESSION_COOKIE_SECURE="0",
        DJANGO_CSRF_COOKIE_SECURE="0",
    )
    env.pop("CACHE_URL", None)
    logfile = folder / "gunicorn.log"
    server = None
    checks = Checks()
    try:
        postgres.init()
        postgres.start()
        log(f"PostgreSQL {postgres.bin.parent.name} on {HOST}:{postgres.port} in {folder}")
        import psycopg

        with psycopg.connect(postgres.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE newsroom")
        for args in (["migrate", "--no-input"], ["load_demo", "--force"],
                     ["collectstatic", "--no-input"]):  # fmt: skip
            result = subprocess.run([sys.executable, "manage.py", *args, "--verbosity", "0"],
                                    cwd=ROOT, env=env, capture_output=True, text=True)  # fmt: skip
            if result.returncode:
                raise SystemExit(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        port = free_port()
        server = start_gunicorn(port, env, logfile)
        cookie = sign_in(port)
        all_answer_200(port, cookie, checks, "database up")
        status, _, _ = get(port, "/readyz")
        checks.expect(status == 200, f"database up: /readyz answered {status}")
        log(f"gunicorn (pid {server.process.pid}, {WORKERS} workers) serves {len(PUBLIC)} "
            f"public and {len(ADMIN)} admin pages with 200")  # fmt: skip

        outage = database_outage(port, cookie, postgres, logfile, checks)
        recovered = recovery(port, cookie, postgres, server, checks)
        stop_gunicorn(server)
        server = None
        cache = cache_outage(env, logfile, checks)
    finally:
        stop_gunicorn(server)
        with contextlib.suppress(SystemExit):  # already stopped
            postgres.stop()
        saved_log = logfile.read_text(errors="replace") if logfile.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)

    statuses = ", ".join(f"{n}× {s}" for s, n in sorted(outage["statuses"].items()))
    print("\n".join([
        f"Outage test: gunicorn {WORKERS} workers, "
        f"PostgreSQL {postgres.bin.parent.name} of its own",
        f"  database down {outage['seconds']:.1f} s: {outage['requests']} requests "
        f"({outage['requests'] / outage['seconds']:.0f}/s): {statuses}; "
        f"{outage['log_lines']} log line(s), {outage['log_bytes']} bytes:",
        *(f"    {line[:160]}" for line in outage["lines"]),
        f"  database back: pg_ctl start took {recovered[0]:.1f} s; the same gunicorn served "
        f"200 {recovered[1]:.2f} s later",
        f"  cache down (closed port): {cache['requests']} requests, pages 200, /readyz 503; "
        f"{cache['log_lines']} log line(s)",
    ]), flush=True)  # fmt: skip
    if checks.failures:
        unique = list(dict.fromkeys(checks.failures))
        print("FAILED:\n  " + "\n  ".join(unique[:20]), flush=True)
        print(saved_log[-3000:], flush=True)
        return 1
    print("OK", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
