from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media folder with a backup's (from `backup`). Everything "
        "changed since that backup is lost: stop the app servers first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args, **options) -> None:
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"no such archive: {archive}")
        if options["interactive"]:
            answer = input(
                f"This replaces the database and every media file with {archive}. "
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("restore cancelled")
        try:
            restored = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {restored.database} database and {restored.media_files} media file(s) "
            f"from {archive}; removed {restored.media_removed} media file(s) added since"
        )
