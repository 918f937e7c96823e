"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_debug_and_secret_key_the_project_refuses_to_start():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 30 + "-a-long-random-production-secret-key",
        DJANGO_ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-this-test-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
}


def test_production_cache_is_redis_when_cache_url_points_at_it():
    # Redis runs on this machine (and in CI); this talks to it for real.
    script = (
        "from django.core.cache import caches; cache = caches['default']; "
        "cache.set('newsroom-settings-test', 'ok', 30); "
        "print(type(cache).__name__, cache.get('newsroom-settings-test'))"
    )
    result = run_manage("shell", "-c", script, CACHE_URL="redis://127.0.0.1:6379/15", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["RedisCache", "ok"]


def test_production_serves_hashed_static_files_through_whitenoise(tmp_path):
    result = run_manage(
        "collectstatic", "--no-input", "-v", "0", DJANGO_STATIC_ROOT=str(tmp_path), **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("css/site.*.css")), "no hashed stylesheet was collected"
    assert list(tmp_path.glob("css/site.*.css.gz")), "no compressed stylesheet was collected"
