from django.core.management.base import BaseCommand, CommandError

from newsroom.history.retention import PrunePlan, describe_kept, plan_prune, prune


class Command(BaseCommand):
    help = (
        "Delete old revisions, keeping each record's newest ones and never touching a version "
        "readers saw, an article's current draft, one an audit row, a correction or a share "
        "link refers to, or anything under review. Use --dry-run first: it lists, per record, "
        "what would go and why the rest stays."
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
        self.stdout.write(
            f"{'Would delete' if dry_run else 'Deleting'} {len(plan.revisions)} revision(s) "
            f"holding {plan.versions} version(s)."
        )
        self.report(plan)
        if dry_run:
            return
        deleted = prune(plan)
        self.stdout.write(f"Deleted {deleted} revision(s).")

    def report(self, plan: PrunePlan) -> None:
        # Records whose versions all stay by keep-last/keep-days alone are only in the totals.
        for record in plan.records:
            self.stdout.write(
                f"  {record.model} “{record.label}” (id {record.object_id}): "
                f"delete {record.deleted}, {describe_kept(record.kept)}"
            )
        self.stdout.write(f"Total: delete {plan.versions} version(s), {describe_kept(plan.kept)}.")
