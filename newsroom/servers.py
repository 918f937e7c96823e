"""Throwaway servers for the tools that measure or break the site: gunicorn as `make serve` runs
it, and nginx with deploy/nginx.conf in front of it.

`make loadtest`, `make outage-test`, `make bench` and tests/deploy/test_nginx.py all start
these; keeping one copy means they measure the same server the README documents, and a change
to the start-up (a flag, the site file's layout) reaches all of them. Nothing here imports
Django: the tools call it before (or without) setting Django up.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_FILE = ROOT / "deploy" / "nginx.conf"


def free_port() -> int:
    """A port nothing listens on now (bound and released)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(folder: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production-settings process over plain http on 127.0.0.1.

    DEBUG off with a fresh secret key, static files collected into (and media kept in)
    ``folder``. The caller's own DJANGO_* variables are dropped (make's DJANGO_DEBUG=1 above
    all); ``extra`` adds or overrides variables.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.update(extra)
    return env


def get_status(port: int, path: str, timeout: float = 5.0) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    logfile: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def start_gunicorn(
    env: dict[str, str],
    logfile: Path,
    *,
    port: int | None = None,
    workers: int = 2,
    ready_path: str = "/healthz",
) -> Gunicorn:
    """gunicorn on ``port`` (a free one by default), returned once ``ready_path`` answers 200.

    Sync workers, as `make serve` runs them; the log (appended to) gets both streams. Raises
    SystemExit with the log's tail when the server exits or does not answer within 30 s.
    """
    port = port or free_port()
    out = logfile.open("ab")
    command = [
        sys.executable, "-m", "gunicorn", "newsroom.wsgi",
        "--bind", f"{HOST}:{port}", "--workers", str(workers),
        "--timeout", "60", "--error-logfile", "-",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    out.close()
    server = Gunicorn(process, port, logfile)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{logfile.read_text(errors='replace')[-3000:]}")
        try:
            status = get_status(port, ready_path)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return server
        server.stop()
        raise SystemExit(f"gunicorn answers {ready_path} with {status}")
    server.stop()
    raise SystemExit("gunicorn did not answer within 30 s")


# ---------------------------------------------------------------------------------------------
# nginx


def nginx_installed() -> bool:
    return Path(NGINX).exists()


def nginx_site(root: Path, port: int, app_port: int, cache: Path) -> str:
    """deploy/nginx.conf with only what a throwaway run cannot have: its ports, no TLS, and
    folders under ``root`` (media in ``root``/media, the micro-cache in ``cache``)."""
    site = SITE_FILE.read_text()
    site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
    site = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", site)
    site = site.replace("listen 443 ssl http2;", f"listen {HOST}:{port};")
    site = re.sub(r"\n\s*ssl_certificate(_key)? [^;]+;", "", site)
    site = site.replace("root /srv/newsroom;", f"root {root};")
    site = site.replace("proxy_cache_path /var/cache/nginx/newsroom ", f"proxy_cache_path {cache} ")
    return site.replace("server 127.0.0.1:8000;", f"server {HOST}:{app_port};")


@contextlib.contextmanager
def run_nginx(root: Path, app_port: int) -> Iterator[int]:
    """A running nginx serving deploy/nginx.conf in front of ``app_port``; yields its port.

    Its configuration, pid, logs and temporary files go in ``root``/nginx, the micro-cache in
    ``root``/nginx/cache and media are read from ``root``/media. The configuration is checked
    with ``nginx -t`` first (an AssertionError with nginx's message if it fails).
    """
    port = free_port()
    temp = root / "nginx"
    temp.mkdir(parents=True, exist_ok=True)
    # As root nginx drops its workers to "nobody", which could not write our folders.
    user = f"user {os.getenv('USER') or 'root'};" if os.geteuid() == 0 else ""
    (temp / "nginx.conf").write_text(
        f"{user}\ndaemon off;\npid {temp}/nginx.pid;\nerror_log {temp}/error.log;\n"
        "events {}\nhttp {\n"
        f"  access_log off;\n  client_body_temp_path {temp}/body;\n"
        f"  proxy_temp_path {temp}/proxy;\n  fastcgi_temp_path {temp}/fastcgi;\n"
        f"  uwsgi_temp_path {temp}/uwsgi;\n  scgi_temp_path {temp}/scgi;\n"
        f"{nginx_site(root, port, app_port, temp / 'cache')}\n}}\n"
    )
    command = [NGINX, "-p", str(temp), "-c", str(temp / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(command)
    try:
        for _ in range(50):
            try:
                socket.create_connection((HOST, port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
