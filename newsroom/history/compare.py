"""Comparing two stored versions of any record: field by field, text as a word diff, and the
inline rows (memberships, participants, citations) saved in the same revision.

Generic over every model registered with django-reversion, so it lives in the lowest app and
the admins of all three apps use it (dependencies run profiles ← events ← newsroom).

It reads a version's *stored* JSON rather than deserialising it into a model instance, so a
version saved before a field was renamed or removed still shows — its unknown fields raw —
instead of failing the page.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from newsroom.history.registration import followed

# Long text gets a word diff; shorter values are shown old → new.
LONG_TEXT_FIELDS = (models.TextField,)
_TOKEN_RE = re.compile(r"\s+|[^\s]+")


def stored_fields(version: Version) -> dict:
    """The field values exactly as stored in ``version`` (JSON-compatible), or {} if unreadable."""
    try:
        records = json.loads(version.serialized_data)
        return dict(records[0].get("fields", {}))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        return {}


def word_diff(old: str, new: str) -> SafeString:
    """HTML of ``new`` with words removed from ``old`` in <del> and added ones in <ins>.

    Long texts are first matched sentence by sentence, and only the sentences that differ are
    diffed word by word: ``difflib`` slows down quadratically on long runs of common tokens
    (every space is one), and a 6,000-character biography would otherwise take most of a second.
    """
    before, after = _TOKEN_RE.findall(old or ""), _TOKEN_RE.findall(new or "")
    if len(before) + len(after) <= LONG_DIFF_TOKENS:
        return mark_safe(_token_diff(before, after))  # _token_diff escapes every piece
    return mark_safe(_sentence_diff(old or "", new or ""))


LONG_DIFF_TOKENS = 400
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?\n]*\s*|[.!?\n]+\s*")


def _token_diff(before: list[str], after: list[str]) -> str:
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return "".join(parts)


def _sentence_diff(old: str, new: str) -> str:
    before, after = _SENTENCE_RE.findall(old), _SENTENCE_RE.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(before[a1:a2]), "".join(after[b1:b2])
        if op == "equal":
            parts.append(escape(removed))
        elif op == "replace":
            parts.append(_token_diff(_TOKEN_RE.findall(removed), _TOKEN_RE.findall(added)))
        elif op == "delete":
            parts.append(f"<del>{escape(removed)}</del>")
        else:
            parts.append(f"<ins>{escape(added)}</ins>")
    return "".join(parts)


@dataclass
class FieldChange:
    name: str
    label: str
    old: str = ""
    new: str = ""
    diff: SafeString | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # True when the field no longer exists on the model: values are shown as stored.
    raw: bool = False


@dataclass
class RowChange:
    model_label: str
    row: str
    change: str  # "added", "removed" or "changed"
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Comparison:
    fields: list[FieldChange]
    rows: list[RowChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields or self.rows)


class _Labels:
    """Resolves stored primary keys to readable names, one query per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], str], str] = {}

    def want(self, model: type[models.Model], pks) -> None:
        self.wanted[model].update(pk for pk in pks if pk is not None)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=pks):
                self.names[(model, str(obj.pk))] = str(obj)

    def name(self, model: type[models.Model], pk) -> str:
        if pk is None:
            return ""
        return self.names.get((model, str(pk)), f"{model._meta.verbose_name} #{pk} (deleted)")


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _choice_display(model_field, value) -> str:
    choices = dict(model_field.flatchoices) if model_field.choices else {}
    return str(choices.get(value, _display(value)))


def _compare_fields(
    model: type[models.Model], old: dict, new: dict, labels: _Labels, skip: set[str]
) -> list:
    """Field changes between two stored dicts, as closures to finish once labels are loaded."""
    pending = []
    names = [name for name in dict.fromkeys([*old, *new]) if name not in skip]
    for name in names:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # a field the model no longer has
            pending.append(
                lambda n=name, b=before, a=after: FieldChange(
                    n, n, _display(b), _display(a), raw=True
                )
            )
            continue
        if getattr(model_field, "auto_now", False):
            # "Last modified" changes on every save and tells the reader nothing new.
            continue
        label = str(getattr(model_field, "verbose_name", name)).capitalize()
        if model_field.many_to_many:
            target = model_field.related_model
            gone = [pk for pk in before or [] if pk not in (after or [])]
            came = [pk for pk in after or [] if pk not in (before or [])]
            if not gone and not came:
                continue  # the same rows in another order: a set has not changed
            labels.want(target, [*gone, *came])
            pending.append(
                lambda n=name, lb=label, t=target, g=gone, c=came: FieldChange(
                    n,
                    lb,
                    removed=[labels.name(t, pk) for pk in g],
                    added=[labels.name(t, pk) for pk in c],
                )
            )
        elif model_field.many_to_one or model_field.one_to_one:
            target = model_field.related_model
            labels.want(target, [before, after])
            pending.append(
                lambda n=name, lb=label, t=target, b=before, a=after: FieldChange(
                    n, lb, labels.name(t, b) or "—", labels.name(t, a) or "—"
                )
            )
        elif isinstance(model_field, LONG_TEXT_FIELDS):
            pending.append(
                lambda n=name, lb=label, b=before, a=after: FieldChange(
                    n, lb, b or "", a or "", diff=word_diff(b or "", a or "")
                )
            )
        else:
            pending.append(
                lambda n=name, lb=label, f=model_field, b=before, a=after: FieldChange(
                    n, lb, _choice_display(f, b), _choice_display(f, a)
                )
            )
    return pending


def _followed_rows(version: Version) -> dict[tuple[int, str], Version]:
    """Versions of the rows ``version``'s object follows (its inline rows) in the same revision."""
    model = version.content_type.model_class()
    if model is None:
        return {}
    wanted: dict[int, str] = {}  # content type id → name of the field pointing back
    for follow_name in followed(model):
        relation = model._meta.get_field(follow_name)
        if relation.one_to_many:
            from django.contrib.contenttypes.models import ContentType

            content_type = ContentType.objects.get_for_model(relation.related_model)
            wanted[content_type.pk] = relation.field.name
    rows = {}
    for row in version.revision.version_set.all():
        back = wanted.get(row.content_type_id)
        if back and str(stored_fields(row).get(back)) == str(version.object_id):
            rows[(row.content_type_id, row.object_id)] = row
    return rows


def compare(old: Version | None, new: Version) -> Comparison:
    """What changed from ``old`` to ``new`` (two versions of one object), rows included.

    With ``old`` None, ``new`` is a first version: its filled-in fields and rows are listed as
    added.
    """
    model = new.content_type.model_class()
    labels = _Labels()
    new_fields = stored_fields(new)
    if old is None:
        # Empty values of a first version are not changes; keep only what was filled in.
        old_fields = {name: value for name, value in new_fields.items() if value in (None, "", [])}
    else:
        old_fields = stored_fields(old)
    pending = _compare_fields(model, old_fields, new_fields, labels, set())

    old_rows = _followed_rows(old) if old is not None else {}
    new_rows = _followed_rows(new)
    row_pending = []
    for key in dict.fromkeys([*old_rows, *new_rows]):
        before, after = old_rows.get(key), new_rows.get(key)
        row_model = (after or before).content_type.model_class()
        label = str(row_model._meta.verbose_name).capitalize()
        if before is None:
            row_pending.append((label, after.object_repr, "added", []))
            continue
        if after is None:
            row_pending.append((label, before.object_repr, "removed", []))
            continue
        backlink = [f.name for f in row_model._meta.fields if f.related_model is model]
        changes = _compare_fields(
            row_model, stored_fields(before), stored_fields(after), labels, set(backlink)
        )
        if changes:
            row_pending.append((label, after.object_repr, "changed", changes))

    labels.load()
    return Comparison(
        fields=[make() for make in pending],
        rows=[
            RowChange(label, row, change, [make() for make in changes])
            for label, row, change, changes in row_pending
        ],
    )


def previous_version(version: Version) -> Version | None:
    """The version of the same object saved just before ``version``, if any."""
    return (
        Version.objects.get_for_object_reference(
            version.content_type.model_class(), version.object_id
        )
        .filter(pk__lt=version.pk)
        .order_by("-pk")
        .select_related("revision", "content_type")
        .first()
    )
