"""``make bench``: the figures of issue #10 from one run, printed as one table per database.

For each database — SQLite in a temporary file, and PostgreSQL too when ``DATABASE_URL``
points at one (a throwaway ``test_<name>_bench`` on that server, dropped after) — it:

1. migrates, loads the demo, adds ``generate_scale_data --scale $BENCH_SCALE`` (1.0) when
   that command exists, and collects static files, all with production settings (DEBUG off,
   a throwaway secret key, ALLOWED_HOSTS=127.0.0.1, plain http);
2. in a child process with the page cache off (``NEWSROOM_PAGE_CACHE=0``): every public page
   type, the admin changelists as the demo editor, several searches and the history page of
   a record with 1,000 revisions through Django's test client — queries and p50/p95 — and the
   bytes stored per article revision (``newsroom.benchmark.inprocess``);
3. under gunicorn (2 workers) with ``wrk`` for ``$BENCH_SECONDS`` (10) per address at
   ``$BENCH_CONNECTIONS`` (16): the article with the page cache off, then on a second server
   with it on robots.txt (the trivial baseline), the article, person, claim, event and home
   pages, the article at 32 connections, and the article through deploy/nginx.conf's
   micro-cache when nginx is installed — req/s, p50/p99 and each one's ratio to the baseline
   (nginx's to the cached article).

Every figure in a table comes from the same run. Nothing is asserted about times; a page that
does not answer 200, a wrk error or a failed step stops the bench with an error. The gunicorn
runs use local-memory caches unless ``BENCH_CACHE_URL`` names a Redis database of the bench's
own, which it empties before each server starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError

from newsroom import servers
from newsroom.benchmark import load, report

SERVED_PAGES = [
    ("person, cached", "person"),
    ("claim, cached", "claim"),
    ("event, cached", "event"),
    ("home, cached", "home"),
]


def env_number(name: str, default: float, kind=float):
    try:
        return kind(os.environ.get(name) or default)
    except ValueError as error:
        raise CommandError(f"{name} must be a number, not {os.environ[name]!r}") from error


class Command(BaseCommand):
    help = "Print issue #10's figures (pages in-process, under gunicorn + wrk, through nginx)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--child", action="store_true", help="Measure in-process here (used by the bench)."
        )

    def handle(self, *args, **options):
        self.scale = env_number("BENCH_SCALE", 1.0)
        self.seconds = env_number("BENCH_SECONDS", 10, int)
        self.connections = env_number("BENCH_CONNECTIONS", 16, int)
        self.runs = env_number("BENCH_RUNS", 20, int)
        if options["child"]:
            return self.child()
        url = os.environ.get("DATABASE_URL", "")
        targets = [("SQLite", None)]
        if url.startswith(("postgres://", "postgresql://")):
            targets.append(("PostgreSQL", url))
        for label, server_url in targets:
            table = self.run_on(label, server_url)
            self.stdout.write(f"\n{table}\n")
            self.stdout.flush()

    def say(self, message: str) -> None:
        self.stdout.write(f"[bench] {message}")
        self.stdout.flush()

    # -- in the child: the in-process half, printed as JSON for the parent

    def child(self) -> None:
        from django.test.utils import setup_test_environment

        from newsroom.benchmark import inprocess

        setup_test_environment(debug=False)
        figures = inprocess.measure(runs=self.runs)
        self.stdout.write("BENCH_JSON " + json.dumps(figures))

    # -- one database, start to finish

    def run_on(self, label: str, server_url: str | None) -> str:
        with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
            folder = Path(tmp)
            if server_url is None:
                database_url, drop = f"sqlite:///{folder / 'bench.sqlite3'}", None
            else:
                database_url, drop = create_pg_database(server_url)
            try:
                env = servers.production_env(folder, database_url, DJANGO_LOG_LEVEL="WARNING")
                env.pop("CACHE_URL", None)
                if os.environ.get("BENCH_CACHE_URL"):
                    env["CACHE_URL"] = os.environ["BENCH_CACHE_URL"]
                data = self.build(label, env)
                figures = self.in_process(label, env)
                figures.update(self.served(label, env, figures, folder))
            finally:
                if drop:
                    drop()
        title = (
            f"make bench: {label}, scale {self.scale:g} ({data}); in-process {self.runs} runs "
            f"per page; wrk {self.seconds} s per address at {self.connections} connections"
        )
        return report.render(title, figures)

    def manage(self, env: dict, *args: str) -> str:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=servers.ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise CommandError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        self.say(f"manage.py {args[0]}: {time.monotonic() - started:.0f} s")
        return done.stdout

    def build(self, label: str, env: dict) -> str:
        self.say(f"{label}: building the throwaway database")
        self.manage(env, "migrate", "--no-input", "--verbosity", "0")
        # A throwaway database: the demo's published passwords are no risk here.
        self.manage(env, "load_demo", "--force", "--verbosity", "0")
        if "generate_scale_data" in get_commands():
            self.manage(
                env, "generate_scale_data", "--seed", "2025", "--scale", f"{self.scale:g}",
                "--no-progress",
            )  # fmt: skip
            data = "demo + scale data"
        else:
            self.say("generate_scale_data is not in this build: demo data only")
            data = "demo data only: no generate_scale_data"
        self.manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        return data

    def in_process(self, label: str, env: dict) -> dict:
        self.say(f"{label}: in-process pages ({self.runs} runs each, page cache off)")
        output = self.manage(
            {**env, "NEWSROOM_PAGE_CACHE": "0", "BENCH_RUNS": str(self.runs)}, "bench", "--child"
        )
        return json.loads(output.split("BENCH_JSON ", 1)[1])

    def served(self, label: str, env: dict, figures: dict, folder: Path) -> dict:
        if not load.wrk_installed():
            self.say("wrk is not installed (apt-get install wrk): no served figures")
            return {row: {"note": "wrk not installed"} for row in report.SERVED}
        url = {row: figure["url"] for row, figure in figures.items() if "url" in figure}
        logfile = folder / "gunicorn.log"
        served: dict[str, dict] = {}

        def measure(row: str, port: int, path: str, connections: int = self.connections):
            self.say(f"{label}: wrk {row} ({path})")
            try:
                served[row] = load.run_wrk(
                    port, path, connections=connections, seconds=self.seconds, folder=folder
                )
            except load.BenchError as error:
                raise CommandError(str(error)) from error

        article = url["article"]
        server = self.start(env | {"NEWSROOM_PAGE_CACHE": "0"}, logfile)
        try:
            measure("article, cache off", server.port, article)
        finally:
            server.stop()
        server = self.start(env, logfile)
        try:
            measure("robots.txt (baseline)", server.port, "/robots.txt")
            measure("article, cached", server.port, article)
            if "s-maxage" not in load.cache_control(server.port, article):
                served["article, cached"]["note"] = "no s-maxage: no page cache in this build"
            for row, page in SERVED_PAGES:
                measure(row, server.port, url[page])
            measure("article, cached, 32 connections", server.port, article, 32)
            if servers.nginx_installed():
                with servers.run_nginx(folder, server.port) as port:
                    measure("article through nginx", port, article)
                    served["article through nginx"]["note"] = (
                        "ratio to the cached article; X-Cache-Status "
                        + load.cache_status(port, article)
                    )
            else:
                served["article through nginx"] = {"note": "nginx not installed"}
        finally:
            server.stop()
        baseline = served["robots.txt (baseline)"]["rps"]
        for row, figure in served.items():
            if "rps" in figure and row != "article through nginx":
                figure["ratio"] = figure["rps"] / baseline
        through = served["article through nginx"]
        if "rps" in through:
            through["ratio"] = through["rps"] / served["article, cached"]["rps"]
        return served

    def start(self, env: dict, logfile: Path) -> servers.Gunicorn:
        if env.get("CACHE_URL", "").startswith("redis"):
            import redis

            # The bench's own database (BENCH_CACHE_URL): no page from another run or server.
            redis.Redis.from_url(env["CACHE_URL"]).flushdb()
        return servers.start_gunicorn(env, logfile, workers=2)


def create_pg_database(server_url: str):
    """A fresh ``test_<name>_bench`` on ``server_url``'s server: (its URL, a function that
    drops it). The URL keeps the original's options, so the pool settings apply."""
    import psycopg

    parts = urllib.parse.urlsplit(server_url)
    name = f"test_{parts.path.strip('/') or 'newsroom'}_bench"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres", query=""))

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), drop
