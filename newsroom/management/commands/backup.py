from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write one archive of the database (pg_dump on PostgreSQL, SQLite's online backup) and "
        "the media folder, and print its path. Safe while the site is serving."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="the archive's path (ending .tar.gz) or a folder for it; default "
            "NEWSROOM_BACKUP_DIR",
        )

    def handle(self, *args, **options) -> None:
        try:
            path = backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        # Only the path, so scripts can take it: BACKUP=$(manage.py backup)
        self.stdout.write(str(path))
