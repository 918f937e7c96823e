"""``manage.py import_source PATH_OR_URL``: a report becomes a source and candidate claims."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.actions import imports
from newsroom.exceptions import ImportRefused
from newsroom.models import SourceKind
from profiles.models import Organization


class Command(BaseCommand):
    help = (
        "Import a report (a .txt or .html file, or an http(s) address) as a source with its "
        "archived text, and its quotations as draft quote claims to review in the admin."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path_or_url", help="A .txt or .html file, or an http(s):// URL.")
        parser.add_argument("--publisher", metavar="SLUG", help="The publishing organization.")
        parser.add_argument("--url", default="", help="Where the report is published.")
        parser.add_argument(
            "--published", metavar="DATE", help="Publication date (YYYY-MM-DD), if not read."
        )
        parser.add_argument("--title", default="", help="The source's title, if not read.")
        parser.add_argument(
            "--kind", default=SourceKind.NEWS_REPORT, choices=SourceKind.values, help="Its kind."
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="Who imports (the author of its claims)."
        )

    def handle(self, *args, **options) -> None:
        publisher = None
        if options["publisher"]:
            publisher = Organization.objects.filter(slug=options["publisher"]).first()
            if publisher is None:
                raise CommandError(f"No organization has the slug “{options['publisher']}”.")
        published = None
        if options["published"]:
            try:
                published = dt.date.fromisoformat(options["published"])
            except ValueError:
                raise CommandError("--published must be a date: YYYY-MM-DD.") from None
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user is called “{options['user']}”.")
        target = options["path_or_url"]
        try:
            if "://" in target:
                report = imports.fetch_url(target)
            else:
                report = imports.read_upload(self._read(Path(target)), name=Path(target).name)
            result = imports.import_report(
                report=report,
                actor=actor,
                publisher=publisher,
                url=options["url"],
                published_on=published,
                kind=options["kind"],
                title=options["title"],
            )
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from None
        source = result.source
        self.stdout.write(
            f"Imported “{source}” as source #{source.pk} "
            f"({source.published_on or 'no date'}, SHA-256 {source.archived_sha256[:12]}…): "
            f"{len(result.candidates)} candidate claim(s)."
        )
        for candidate in result.candidates:
            claim = candidate.claim
            speaker = claim.claimant_person or claim.claimant_organization
            if speaker:
                said_by = str(speaker)
            elif candidate.speaker:
                said_by = f"“{candidate.speaker}” (not a known person or organization)"
            else:
                said_by = "no speaker found"
            self.stdout.write(f"  para {candidate.paragraph}: {candidate} — {said_by}")

    @staticmethod
    def _read(path: Path) -> bytes:
        """The file's bytes, refusing one over the size limit before reading it."""
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        size = path.stat().st_size
        if size > imports.max_bytes():
            raise CommandError(str(imports.too_large(size)))
        return path.read_bytes()
