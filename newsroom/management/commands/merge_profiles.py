"""``manage.py merge_profiles``: merge a duplicate person or organization, or undo a merge."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.actions import merges
from newsroom.exceptions import WorkflowError
from newsroom.models import ProfileMerge
from profiles.models import Organization, Person


class Command(BaseCommand):
    help = (
        "Merge the duplicate record DUPLICATE_SLUG into SURVIVOR_SLUG (people, or organizations "
        "with --organizations), as the editor --user; or undo a merge with --undo ID."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("duplicate", nargs="?", metavar="DUPLICATE_SLUG")
        parser.add_argument("survivor", nargs="?", metavar="SURVIVOR_SLUG")
        parser.add_argument(
            "--organizations", action="store_true", help="The slugs are organizations'."
        )
        parser.add_argument(
            "--user", metavar="USERNAME", required=True, help="The editor who merges."
        )
        parser.add_argument("--note", default="", help="Kept in both histories.")
        parser.add_argument("--undo", type=int, metavar="ID", help="Undo the merge with this id.")

    def handle(self, *args, **options) -> None:
        actor = get_user_model().objects.filter(username=options["user"]).first()
        if actor is None:
            raise CommandError(f"No user is called “{options['user']}”.")
        try:
            if options["undo"] is not None:
                merge = ProfileMerge.objects.filter(pk=options["undo"]).first()
                if merge is None:
                    raise CommandError(f"There is no merge with id {options['undo']}.")
                merges.undo_merge(merge=merge, actor=actor, reason=options["note"])
                self.stdout.write(f"Undone: {merge}.")
                return
            if not options["duplicate"] or not options["survivor"]:
                raise CommandError("Give the duplicate's slug and the survivor's slug.")
            model = Organization if options["organizations"] else Person
            duplicate, survivor = (
                self._get(model, options[name]) for name in ("duplicate", "survivor")
            )
            merge = merges.merge_profiles(
                duplicate=duplicate, survivor=survivor, actor=actor, note=options["note"]
            )
        except WorkflowError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Merged “{duplicate}” into “{survivor}” (merge {merge.pk}); "
            f"{len(merge.moved.get('articles', []))} article(s) rewritten."
        )

    def _get(self, model, slug: str):
        record = model._default_manager.filter(slug=slug).first()
        if record is None:
            raise CommandError(f"No {model._meta.verbose_name} has the slug “{slug}”.")
        return record
