"""Which old revisions may be pruned, and which must be kept whatever their age.

Each record keeps its newest versions (``keep_last``; always at least the latest) and those
younger than ``keep_days``. Older ones go unless a *keep rule* keeps them. Rules belong to
the apps that know why a version matters (an article version readers saw, a version a share
link shows); each registers its rules with ``keep_rule`` and the rows that point at revisions
or versions with ``pin``, and this module applies them (``newsroom.retention_rules`` holds the
newsroom's). A version kept for several reasons is counted under the first rule registered.

A revision is deleted only when every version in it may go, so a record is never separated
from its inline rows; the versions a kept one holds back are reported as "same revision".
Everything is read in bulk: a handful of queries over all versions, whatever their number.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from reversion.models import Revision, Version

NEWEST = "newest"
RECENT = "recent"
SAME_REVISION = "same revision"
BASIC_REASONS = (NEWEST, RECENT)
BATCH = 500

Key = tuple[int, str]  # (content type id, object id), as reversion stores them


@dataclass
class VersionIndex:
    """Every stored version, read once (newest first), for the keep rules to choose from."""

    # (version id, revision id, record key, saved at) per version, newest first.
    rows: list[tuple[int, int, Key, dt.datetime]]
    # Why each version kept so far stays; rules add to it, the first reason wins.
    kept: dict[int, str]
    now: dt.datetime

    def type_id(self, model: type[Model]) -> int:
        return ContentType.objects.get_for_model(model).pk

    def of_records(self, model: type[Model], pks: Iterable) -> Iterable[int]:
        """The ids of every version of the ``model`` rows with these primary keys."""
        wanted = {(self.type_id(model), str(pk)) for pk in pks}
        return (pk for pk, _, key, _ in self.rows if key in wanted)

    def in_revisions(self, revision_ids: Iterable[int]) -> Iterable[int]:
        """The ids of every version in these revisions."""
        wanted = set(revision_ids)
        return (pk for pk, revision_id, _, _ in self.rows if revision_id in wanted)

    def undecided(self, models: Iterable[type[Model]]) -> list[int]:
        """The ids of versions of ``models`` no rule keeps yet (not even as newest or recent)."""
        types = {self.type_id(model) for model in models}
        return [pk for pk, _, key, _ in self.rows if key[0] in types and pk not in self.kept]

    def by_record(
        self, model: type[Model], *, leaving_out: Iterable[int] = ()
    ) -> dict[str, list[tuple[dt.datetime, int]]]:
        """The versions of each ``model`` record as (saved at, id), oldest first, leaving out
        those in the revisions ``leaving_out`` names."""
        type_id, skipped = self.type_id(model), set(leaving_out)
        found: dict[str, list[tuple[dt.datetime, int]]] = defaultdict(list)
        for pk, revision_id, key, saved in self.rows:
            if key[0] == type_id and revision_id not in skipped:
                found[key[1]].append((saved, pk))
        for versions in found.values():
            versions.sort()
        return found


# A rule gets the index and yields (reason, version ids) pairs.
KeepRule = Callable[[VersionIndex], Iterable[tuple[str, Iterable[int]]]]
_rules: list[KeepRule] = []
_reasons: list[str] = [NEWEST, RECENT]
# Rows that hold a revision or a version with a PROTECT foreign key: callables returning a
# ``values()`` QuerySet of revision ids, or of version ids.
_pinned_revisions: list[Callable[[], QuerySet]] = []
_pinned_versions: list[Callable[[], QuerySet]] = []


def keep_rule(*reasons: str) -> Callable[[KeepRule], KeepRule]:
    """Register a keep rule yielding versions under ``reasons`` (idempotent, in app ready())."""

    def register(rule: KeepRule) -> KeepRule:
        if rule not in _rules:
            _rules.append(rule)
            _reasons.extend(reason for reason in reasons if reason not in _reasons)
        return rule

    return register


def pin(*, revisions: Callable[[], QuerySet] | None = None, versions=None) -> None:
    """Register rows pointing at revisions (or versions) that prune must re-check and spare."""
    for registry, source in ((_pinned_revisions, revisions), (_pinned_versions, versions)):
        if source is not None and source not in registry:
            registry.append(source)


def reasons() -> tuple[str, ...]:
    """Every reason a version can be kept for, in order of precedence."""
    return (*_reasons, SAME_REVISION)


def published_flag_rule(
    models: Iterable[type[Model]], *, seen: str, unreadable: str, flag: str = "is_published"
) -> KeepRule:
    """A rule for records readers see only while their ``flag`` field is on: keeps each old
    version whose stored data has it on (``seen``), and each whose data cannot be read
    (``unreadable``: nobody can tell whether readers saw it). One query per 500 versions."""
    models = tuple(models)

    def rule(index: VersionIndex) -> Iterable[tuple[str, Iterable[int]]]:
        ids = sorted(index.undecided(models))
        published: set[int] = set()
        broken: set[int] = set()
        for start in range(0, len(ids), BATCH):
            rows = Version.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
                "pk", "format", "serialized_data"
            )
            for pk, format_, data in rows:
                try:
                    if format_ != "json":
                        raise ValueError(format_)
                    if json.loads(data)[0]["fields"].get(flag):
                        published.add(pk)
                except (ValueError, IndexError, KeyError, TypeError, AttributeError):
                    broken.add(pk)
        return [(seen, published), (unreadable, broken)]

    rule.__qualname__ = f"published_flag_rule({', '.join(m.__name__ for m in models)})"
    return rule


@dataclass
class RecordPlan:
    """What a prune does to one record's versions."""

    model: str
    object_id: str
    label: str
    deleted: int = 0
    kept: Counter = field(default_factory=Counter)

    @property
    def held_back(self) -> bool:
        """Whether any old version is kept by a rule beyond keep-last/keep-days."""
        return any(reason not in BASIC_REASONS for reason in self.kept)


@dataclass
class PrunePlan:
    revisions: list[int]
    versions: int
    # Records with a version to delete or one held back, by model and label.
    records: list[RecordPlan]
    # Kept versions of every record, by reason.
    kept: Counter = field(default_factory=Counter)

    @property
    def kept_protected(self) -> int:
        """Old versions kept by a rule beyond keep-last/keep-days."""
        return sum(n for reason, n in self.kept.items() if reason not in BASIC_REASONS)


def describe_kept(kept: Counter) -> str:
    """``kept 3: seen by readers 2, audit row 1`` (reasons in the order of precedence)."""
    parts = [f"{reason} {kept[reason]}" for reason in reasons() if kept[reason]]
    return f"kept {sum(kept.values())}" + (f": {', '.join(parts)}" if parts else "")


def plan_prune(
    *, keep_days: int | None, keep_last: int | None, now: dt.datetime | None = None
) -> PrunePlan:
    """The revisions a prune would delete, and why the other old versions stay.

    Needs at least one of ``keep_days``/``keep_last``: with one, the other keeps nothing; with
    both, either keeps. Reads without locking; ``prune`` checks the references again.
    """
    if keep_days is None and keep_last is None:
        raise ValueError("Say how much history to keep: keep_days, keep_last or both.")
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=keep_days) if keep_days is not None else None

    index = VersionIndex(rows=[], kept={}, now=now)
    keys: dict[Key, Key] = {}
    labels: dict[Key, str] = {}
    per_record: dict[Key, int] = defaultdict(int)
    versions = Version.objects.values_list(
        "pk", "revision_id", "content_type_id", "object_id", "revision__date_created", "object_repr"
    ).order_by("-pk")
    for pk, revision_id, content_type_id, object_id, created, label in versions.iterator():
        # One key object per record, not per version: there can be half a million rows.
        key = keys.setdefault((content_type_id, object_id), (content_type_id, object_id))
        per_record[key] += 1
        if per_record[key] == 1:
            labels[key] = label
            index.kept[pk] = NEWEST
        elif keep_last is not None and per_record[key] <= keep_last:
            index.kept[pk] = NEWEST
        elif cutoff is not None and created > cutoff:
            index.kept[pk] = RECENT
        index.rows.append((pk, revision_id, key, created))

    for rule in _rules:
        for reason, version_ids in rule(index):
            for pk in version_ids:
                index.kept.setdefault(pk, reason)

    revision_ok: dict[int, bool] = {}
    for pk, revision_id, _, _ in index.rows:
        revision_ok[revision_id] = revision_ok.get(revision_id, True) and pk not in index.kept
    records: dict[Key, RecordPlan] = {}
    kept: Counter = Counter()
    deleted_versions = 0
    for pk, revision_id, key, _ in index.rows:
        record = records.get(key)
        if record is None:
            model = ContentType.objects.get_for_id(key[0])
            record = records[key] = RecordPlan(
                f"{model.app_label}.{model.model}", key[1], labels[key] or f"#{key[1]}"
            )
        if revision_ok[revision_id]:
            record.deleted += 1
            deleted_versions += 1
        else:
            reason = index.kept.get(pk, SAME_REVISION)
            record.kept[reason] += 1
            kept[reason] += 1
    doomed = sorted(revision_id for revision_id, ok in revision_ok.items() if ok)
    listed = sorted(
        (record for record in records.values() if record.deleted or record.held_back),
        key=lambda record: (record.model, record.label, record.object_id),
    )
    return PrunePlan(doomed, deleted_versions, listed, kept)


@transaction.atomic
def prune(plan: PrunePlan) -> int:
    """Delete the planned revisions (their versions go with them); return how many.

    Runs in one transaction. A revision a pinned row (``pin``) came to point at since the plan
    was made is left alone, so the PROTECT foreign keys never fail the delete and nothing a
    row refers to is lost.
    """
    deleted = 0
    for start in range(0, len(plan.revisions), BATCH):
        batch = Revision.objects.filter(pk__in=plan.revisions[start : start + BATCH])
        for revision_ids in _pinned_revisions:
            batch = batch.exclude(pk__in=revision_ids())
        for version_ids in _pinned_versions:
            batch = batch.exclude(version__pk__in=version_ids())
        deleted += batch.delete()[1].get("reversion.Revision", 0)
    return deleted
