"""backup / restore round-trip the demo newsroom: after deletions, edits and lost media, a restore
brings back every revision, every version and every media file, on SQLite and PostgreSQL.

Each run is the operator's: manage.py commands in a subprocess, against a scratch database (a
temporary SQLite file, or a scratch PostgreSQL database on the suite's server) — never the
test database in use.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

SNAPSHOT = """
import json
from django.contrib.auth import get_user_model
from reversion.models import Revision, Version
from newsroom.history.models import Deletion
from newsroom.models import Article, Claim
print(json.dumps({
    "revisions": list(Revision.objects.order_by("pk").values_list()),
    "versions": list(Version.objects.order_by("pk").values_list()),
    "deletions": list(Deletion.objects.order_by("pk").values_list()),
    "articles": list(Article.objects.order_by("pk").values_list("pk", "headline", "status")),
    "claims": list(Claim.objects.order_by("pk").values_list("pk", "statement", "status")),
    "users": list(get_user_model().objects.order_by("pk").values_list("pk", "username")),
}, default=str))
"""

DAMAGE = """
import reversion
from django.db.models import ProtectedError
from reversion.models import Revision, Version
from newsroom.models import Article, Claim
from profiles.models import Person


def delete_one(queryset):
    # The newest row nothing protects (audit rows keep their revisions).
    for row in queryset.order_by("-pk"):
        try:
            row.delete()
            return
        except ProtectedError:
            continue
    raise AssertionError(f"nothing deletable in {queryset.model.__name__}")


Version.objects.filter(pk__in=list(Version.objects.values_list("pk", flat=True)[:10])).delete()
delete_one(Revision.objects.all())
person = Person.objects.order_by("pk").first()
with reversion.create_revision():
    person.full_name = "Renamed after the backup"
    person.save()
Claim.objects.filter(status="draft").delete()
delete_one(Article.objects.all())
"""


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def snapshot(env: dict) -> dict:
    return json.loads(manage(env, "shell", "-c", SNAPSHOT).strip().splitlines()[-1])


def media_files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def postgres_server() -> str | None:
    """The suite's PostgreSQL server (DATABASE_URL without its database), if it runs on one."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return None
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch_database(request, tmp_path):
    """A DATABASE_URL for an empty scratch database, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    server = postgres_server()
    if server is None:
        pytest.skip("the PostgreSQL round trip runs when the suite runs on PostgreSQL")
    import psycopg

    name = f"newsroom_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_bring_back_every_revision_and_media_file(scratch_database, tmp_path):
    media = tmp_path / "media"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": scratch_database,
        "DJANGO_MEDIA_ROOT": str(media),
        "NEWSROOM_BACKUP_DIR": str(tmp_path / "backups"),
    }
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_demo", "--verbosity", "0")
    (media / "images" / "2025").mkdir(parents=True)
    (media / "images" / "2025" / "lead.jpg").write_bytes(os.urandom(4096))
    (media / "renditions").mkdir()
    (media / "renditions" / "lead-640.webp").write_bytes(os.urandom(1024))
    before, files_before = snapshot(env), media_files(media)
    assert len(before["revisions"]) > 50 and len(before["versions"]) > 100

    archive = Path(manage(env, "backup").strip())
    assert archive.is_file() and archive.parent == tmp_path / "backups"

    manage(env, "shell", "-c", DAMAGE)
    (media / "images" / "2025" / "lead.jpg").unlink()
    (media / "renditions" / "lead-640.webp").write_bytes(b"overwritten")
    (media / "uploaded-after.jpg").write_bytes(b"new")
    damaged = snapshot(env)
    for table in ("revisions", "versions", "deletions", "articles", "claims"):
        assert damaged[table] != before[table], table

    output = manage(env, "restore", "--no-input", str(archive))
    assert "removed 1 media file(s)" in output
    assert snapshot(env) == before
    assert media_files(media) == files_before


def test_restore_refuses_an_archive_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_bytes(b"not a tar")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", "--no-input", str(not_a_backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
