from django.core.management.base import BaseCommand

from newsroom.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or reset the editor, writer and fact-checker groups and their permissions."

    def handle(self, *args, **options) -> None:
        for name, group in ensure_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
