"""The served half of ``make bench``: gunicorn (and nginx in front) under ``wrk``.

wrk (Debian package ``wrk``) is a C client on its own event loop, so its latencies are the
server's, not a Python client's fighting for the GIL on the same cores. Each address is
requested once first and must answer 200 (a redirect or an error page would be measured as
fast); any non-2xx answer or socket error during the run fails the bench.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
from pathlib import Path

from newsroom.servers import HOST

# wrk's summary as one JSON line (its Lua API has the exact percentiles and error counts).
WRK_SCRIPT = """
wrk.headers["Accept-Encoding"] = "gzip"
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


class BenchError(Exception):
    """Something answered wrongly: the bench's figures would not mean what they say."""


def wrk_installed() -> bool:
    return shutil.which("wrk") is not None


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def check_answers_200(port: int, path: str) -> None:
    status = get(port, path).status
    if status != 200:
        raise BenchError(f"{path} on port {port} answered {status} before the run")


def cache_control(port: int, path: str) -> str:
    return get(port, path).getheader("Cache-Control") or ""


def cache_status(port: int, path: str) -> str:
    """How nginx answered ``path`` just now (X-Cache-Status), "none" if it did not say."""
    return get(port, path).getheader("X-Cache-Status") or "none"


def run_wrk(port: int, path: str, *, connections: int, seconds: int, folder: Path) -> dict:
    """``wrk --latency`` on one address: req/s and p50/p99 in milliseconds.

    Raises BenchError when wrk fails or reports a non-2xx answer or a socket error.
    """
    check_answers_200(port, path)
    script = folder / "bench.lua"
    script.write_text(WRK_SCRIPT)
    command = [
        "wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s",
        "--timeout", "10s", "--latency", "--script", str(script), f"http://{HOST}:{port}{path}",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode or "WRK_JSON" not in done.stdout:
        raise BenchError(f"wrk failed on {path}:\n{done.stdout}{done.stderr}")
    summary = json.loads(done.stdout.split("WRK_JSON", 1)[1].strip().splitlines()[0])
    errors = {k: summary[k] for k in ("status", "connect", "read", "write", "timeout")}
    if any(errors.values()):
        raise BenchError(f"wrk on {path}: {summary['requests']} requests, errors {errors}")
    return {
        "rps": summary["requests"] / (summary["duration_us"] / 1e6),
        "p50": summary["p50_us"] / 1000,
        "p99": summary["p99_us"] / 1000,
        "connections": connections,
        "requests": summary["requests"],
    }
