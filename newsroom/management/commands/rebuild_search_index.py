"""Rewrite the search index from the records as they are now."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from newsroom.models import SearchKind
from newsroom.search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rewrite every search document (or those of --kind) from the records as they are now, "
        "dropping those of records that are gone or hidden. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=SearchKind.values)

    def handle(self, *args, kind=None, **options):
        with transaction.atomic():
            counts = rebuild(kind)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} document{'s' if count != 1 else ''}")
