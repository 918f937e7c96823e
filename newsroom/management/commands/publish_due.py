from django.core.management.base import BaseCommand

from newsroom import actions


class Command(BaseCommand):
    help = (
        "Mark scheduled articles whose time has come as published. Readers see them at their "
        "time without this; run it as often as you like (it is idempotent)."
    )

    def handle(self, *args, **options) -> None:
        published = actions.publish_due_articles()
        for article in published:
            self.stdout.write(f"published: {article.headline}")
        self.stdout.write(f"{len(published)} article(s) published.")
