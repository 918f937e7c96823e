"""``manage.py generate_scale_data``: a newsroom at scale, for benchmarks (``demo.scale``)."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsroom.demo.scale import ScaleDataError, generate


class Command(BaseCommand):
    help = (
        "Add a newsroom at scale to this database: at --scale 1.0, 10,000 articles, 5,000 "
        "people, 1,000 organizations, 20,000 memberships, 2,000 events, 2,000 sources, 50,000 "
        "claims, 100,000 citations and their revisions. Runs on top of load_demo or on an "
        "empty migrated database; the same --seed gives the same data."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (default 1).")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiplies every count (default 1.0; the CI benchmark uses 0.01).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bars on stderr."
        )

    def handle(self, *args, **options) -> None:
        def progress(description: str, total: int):
            # Bars go to the process's stderr: tqdm redraws its line, which Django's
            # OutputWrapper (one line per write) would break.
            return tqdm(
                total=total,
                desc=f"{description:<14}",
                unit=" rows",
                file=sys.stderr,
                disable=options["no_progress"],
                leave=True,
            )

        started = time.monotonic()
        try:
            summary = generate(seed=options["seed"], scale=options["scale"], progress=progress)
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        took = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data generated in {took:.0f} s (seed {options['seed']}, "
                f"scale {options['scale']:g}). Rows added:"
            )
        )
        for label, count in summary.rows:
            self.stdout.write(f"  {label:<22}{count:>10,}")
