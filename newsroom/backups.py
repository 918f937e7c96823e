"""Backups: the database and the media folder in one archive, and back.

``backup()`` writes ``newsroom-<UTC time>.tar.gz`` holding ``manifest.json``, the database —
``database.pgdump`` (``pg_dump -Fc``) on PostgreSQL, ``database.sqlite3`` on SQLite, copied
with SQLite's online backup API so writers can carry on — and ``media/``, the uploads.

``restore()`` puts an archive back: ``pg_restore --clean --if-exists --single-transaction``
(all or nothing; tables are dropped and recreated from the dump), or SQLite's backup API in
the other direction into the live database file; then the media folder is made what it was —
files from the archive written back, files added since removed, since no row refers to them
any more. Every revision comes back with the rows, so history, recovery and the public change
logs are as they were at the backup.

The database client programs come from PATH, or else the newest /usr/lib/postgresql/*/bin (Debian
installs them there); pg_dump must be at least the server's version.
"""

from __future__ import annotations

import datetime
import glob
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """The archive cannot be made or restored here (wrong database, a client program failed)."""


@dataclass(frozen=True)
class Restored:
    archive: Path
    database: str
    media_files: int
    media_removed: int


def backup(output: Path | None = None, *, using: str = "default") -> Path:
    """Write an archive of the database and the media folder; return its path.

    ``output`` is a file path, or a folder to put ``newsroom-<time>.tar.gz`` in; by default
    NEWSROOM_BACKUP_DIR. Raises BackupError for a database other than PostgreSQL or SQLite.
    """
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"cannot back up a {vendor} database")
    created = datetime.datetime.now(datetime.UTC)
    target = Path(output or settings.NEWSROOM_BACKUP_DIR)
    if target.suffix != ".gz":
        target = target / f"newsroom-{created:%Y%m%d-%H%M%S}.tar.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as scratch:
        dump = Path(scratch) / DUMPS[vendor]
        if vendor == "postgresql":
            _run(
                "pg_dump",
                "--format=custom",
                f"--file={dump}",
                settings_dict=connection.settings_dict,
            )
        else:
            _sqlite_backup(connection, dump)
        media_files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        )
        manifest = {
            "format": FORMAT,
            "created": created.isoformat(),
            "database": vendor,
            "media_files": len(media_files),
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=dump.name)
            for path in media_files:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.replace(target)  # a half-written archive never carries the final name
    return target


def restore(archive_path: Path, *, using: str = "default") -> Restored:
    """Replace the database and the media folder with the archive's.

    Needs no open transaction on ``using`` (it closes the connection first). Raises
    BackupError when the archive is not a backup, is for another kind of database, or the
    restore program fails (PostgreSQL's restore is one transaction: nothing changes then).
    """
    archive_path = Path(archive_path)
    connection = connections[using]
    try:
        tarfile.open(archive_path, "r:gz").close()
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a backup archive ({error})") from error
    with (
        tarfile.open(archive_path, "r:gz") as archive,
        tempfile.TemporaryDirectory(prefix="newsroom-restore-") as scratch,
    ):
        manifest = _manifest(archive)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"{archive_path} holds a {manifest['database']} database; this site uses "
                f"{connection.vendor}"
            )
        dump_name = DUMPS[connection.vendor]
        archive.extract(dump_name, scratch, filter="data")
        dump = Path(scratch) / dump_name
        connection.close()
        if connection.vendor == "postgresql":
            _run(
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl",
                "--single-transaction", "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}", str(dump),
                settings_dict=connection.settings_dict,
            )  # fmt: skip
        else:
            _sqlite_restore(connection, dump)
        restored, removed = _restore_media(archive, Path(scratch))
    return Restored(archive_path, connection.vendor, restored, removed)


def _manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.load(member)
    except (KeyError, ValueError) as error:
        raise BackupError(f"not a Newsroom backup ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _restore_media(archive: tarfile.TarFile, scratch: Path) -> tuple[int, int]:
    """Make MEDIA_ROOT hold exactly the archive's media files; return (written, removed)."""
    media_root = Path(settings.MEDIA_ROOT)
    members = [m for m in archive.getmembers() if m.name.startswith(f"{MEDIA}/") and m.isfile()]
    archive.extractall(scratch, members=members, filter="data")
    wanted = {Path(m.name).relative_to(MEDIA) for m in members}
    removed = 0
    if media_root.is_dir():
        for path in sorted(media_root.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(media_root) not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for relative in wanted:
        destination = media_root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(scratch / MEDIA / relative, destination)
    return len(wanted), removed


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def _sqlite_backup(connection, target: Path) -> None:
    # Through Django's own connection, so it works for any SQLite database Django can open.
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _sqlite_restore(connection, source: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(source) as saved:
        saved.backup(connection.connection)
    saved.close()
    connection.close()


def client_program(name: str) -> str:
    """``name`` on PATH, or in the newest /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(f"{name} not found: install the PostgreSQL client programs")
    return candidates[-1]


def _run(program: str, *args: str, settings_dict: dict) -> None:
    env = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    result = subprocess.run(
        [client_program(program), *args], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")
