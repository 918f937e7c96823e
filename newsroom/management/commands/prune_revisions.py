from django.core.management.base import BaseCommand, CommandError

from newsroom.retention import plan_prune, prune


class Command(BaseCommand):
    help = (
        "Delete old revisions, keeping each record's newest ones and never touching a version "
        "readers saw, one a correction refers to, one a share link shows, or anything under "
        "review. Use --dry-run first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--keep-days", type=int, help="Keep every revision younger than this.")
        parser.add_argument("--keep-last", type=int, help="Keep this many versions per record.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted; delete nothing."
        )

    def handle(self, *args, keep_days=None, keep_last=None, dry_run=False, **options) -> None:
        if keep_days is None and keep_last is None:
            raise CommandError("Say how much to keep: --keep-days N, --keep-last N, or both.")
        if (keep_days is not None and keep_days < 0) or (keep_last is not None and keep_last < 1):
            raise CommandError("--keep-days must be 0 or more and --keep-last at least 1.")
        plan = plan_prune(keep_days=keep_days, keep_last=keep_last)
        summary = (
            f"{len(plan.revisions)} revision(s) holding {plan.versions} version(s); "
            f"{plan.kept_protected} old version(s) kept because they were published, are "
            "cited by a correction or a share link, or are under review."
        )
        if dry_run:
            self.stdout.write(f"Would delete {summary}")
            return
        deleted = prune(plan)
        self.stdout.write(f"Deleted {deleted} revision(s). ({summary})")
