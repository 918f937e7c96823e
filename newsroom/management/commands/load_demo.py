"""``manage.py load_demo``: the demo newsroom and its logins (``newsroom.demo``)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.demo import DemoError, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (Modi's meeting with Cai Qi in Tianjin) and three demo logins. "
        "Safe to run again: it changes only what differs. Refuses to run when DEBUG is off, "
        "because the demo passwords are public, unless --force is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off. The demo logins' passwords are "
            "public: never do this on a server others can reach.",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to load the demo newsroom: DEBUG is off. The demo creates staff "
                "logins whose passwords are published, so it is meant for local use only. Run "
                "with DJANGO_DEBUG=1, or pass --force if you really mean to."
            )
        try:
            summary = load_demo()
        except DemoError as error:
            raise CommandError(str(error)) from error
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                "Demo newsroom loaded."
                if summary.changed
                else "Demo newsroom: already up to date, nothing changed."
            )
        )
        for label, value in summary.rows:
            out.write(f"  {label:<15}{value}")
        out.write("")
        out.write(
            f"Demo logins for {summary.admin_url} (local use only; these passwords are public):"
        )
        for login in summary.logins:
            name = f"{login['first_name']} {login['last_name']}"
            out.write(
                f"  {login['username']:<12} {login['password']:<20} ({login['group']}: {name})"
            )
