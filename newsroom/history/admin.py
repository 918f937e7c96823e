"""Revision history in the admin, for every registered model: history, compare, no lost edits.

``HistoryAdmin`` is the base of every versioned admin in the three apps (it lives in the lowest
one, since dependencies run profiles ← events ← newsroom). On top of reversion's
``VersionAdmin`` it adds:

- a paginated history page (a fixed number of queries however long the history) with a
  "compare with previous" link per version and a form to compare any two;
- a compare page built on ``newsroom.history.compare.compare``;
- a "Reason for this change", required when the record is public, that becomes the revision
  comment; a revert records which version it restored;
- the stale-form guard: each change form carries the id of the latest version when it was
  opened, and a save over a newer version is refused, naming who saved it and showing what
  they changed, with the editor's input kept in the form. The same goes for the inline rows
  reversion follows (a person's memberships, a claim's citations): a row edited, deleted or
  added on its own page (or another record's) since the form was opened refuses the save too;
- whole recoveries: deletions are logged as the editor's
  (``newsroom.history.actions.record_deletion``),
  and recovering a record, or reverting one that brings deleted inline rows back, restores what
  the deletion took that versions do not hold: other records' links to it and its excluded
  fields (``newsroom.history.actions.restore_deleted_in_revision``).

The site-wide *Recent changes* page is in ``newsroom.history.recent_changes``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max, Model, Q
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import (
    create_revision,
    set_comment,
    set_user,
)

from newsroom.history.actions import restore_deleted_in_revision
from newsroom.history.admin_input import SafeRelationsMixin
from newsroom.history.compare import Comparison, compare, previous_version, stored_fields
from newsroom.history.deletions import deleting_as
from newsroom.history.models import Deletion
from newsroom.history.registration import followed, object_id_field

OPENED_VERSION_FIELD = "opened_version"
OPENED_ROWS_FIELD = "opened_rows"
REASON_FIELD = "change_reason"
HISTORY_FIELDS = (OPENED_VERSION_FIELD, OPENED_ROWS_FIELD, REASON_FIELD)
# Row changes named in a refusal's message; the conflict box on the page lists them all.
_ROWS_IN_MESSAGE = 5


@dataclass
class HistoryEdit:
    """What one admin view learns on the way to the revision it records: whether a reason is
    required, the reason given, what a revert restores or a recovery brings back, and whether
    the form was saved at all. One per view call (``history_edit``), never kept on the request.
    """

    requires_reason: bool | None = None
    reverting: Version | None = None
    recovering: Deletion | None = None
    # Reversion's recover view is running (whether or not a deletion was logged).
    recovery: bool = False
    reason: str = ""
    saved: bool = False


_current_edit: ContextVar[HistoryEdit | None] = ContextVar("history_admin_edit", default=None)


@contextmanager
def history_edit() -> Iterator[HistoryEdit]:
    """The edit of the admin view running now: opened by the outermost view (a revert's view
    calls the change form's), shared by the hooks it calls, dropped when it returns."""
    edit = _current_edit.get()
    if edit is not None:
        yield edit
        return
    edit = HistoryEdit()
    token = _current_edit.set(edit)
    try:
        yield edit
    finally:
        _current_edit.reset(token)


def current_edit() -> HistoryEdit:
    """The running view's edit; a hook called outside a view gets a throwaway one."""
    return _current_edit.get() or HistoryEdit()


def user_label(user) -> str:
    """How a revision's author is named on history pages and in messages."""
    if user is None:
        return "an unknown user"
    return user.get_full_name() or user.get_username()


def when_label(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i")


def versions_of(model: type[Model], object_id) -> Version.objects:
    """Every stored version of one record, whatever its model's revision options."""
    return Version.objects.get_for_object_reference(model, object_id)


def latest_version(obj: Model) -> Version | None:
    """The newest stored version of ``obj``, with its revision and author."""
    return versions_of(type(obj), obj.pk).select_related("revision__user").order_by("-pk").first()


def version_number(version: Version) -> int:
    """The version's position in its record's history, counting from 1 (one indexed query)."""
    model = version.content_type.model_class()
    return versions_of(model, version.object_id).filter(pk__lte=version.pk).count()


@dataclass(frozen=True)
class FollowedRelation:
    """Inline rows that reversion follows from a record, e.g. ``Person.memberships``."""

    name: str  # as in the model's ``follow`` registration: "memberships"
    model: type[Model]  # the rows' model: Membership
    back: str  # the rows' foreign key to the record: "person"

    def rows_of(self, parent_pk):
        return self.model._default_manager.filter(**{self.back: parent_pk}).order_by()


def followed_relations(model: type[Model]) -> list[FollowedRelation]:
    """The one-to-many relations ``model`` is registered with reversion to follow."""
    relations = []
    for name in followed(model):
        relation = model._meta.get_field(name)
        if relation.one_to_many:
            relations.append(FollowedRelation(name, relation.related_model, relation.field.name))
    return relations


def _rows_q(relations, ids: dict[str, set[str]]) -> Q | None:
    """Versions (or log entries) of the given rows; None when there are none."""
    query = None
    for relation in relations:
        if ids.get(relation.name):
            content_type = ContentType.objects.get_for_model(relation.model)
            part = Q(content_type=content_type, object_id__in=sorted(ids[relation.name]))
            query = part if query is None else query | part
    return query


def _versions_q(obj: Model, relations, ids: dict[str, set[str]]) -> Q:
    """Versions of ``obj`` and of the given rows of its followed relations."""
    query = Q(content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk))
    rows = _rows_q(relations, ids)
    return query if rows is None else query | rows


def opened_snapshot(obj: Model, relations) -> tuple[int, str]:
    """What a change form remembers of ``obj`` when it is opened, for the stale-form guard.

    The id of the newest version of the record and of its followed rows (version ids only
    grow, so anything saved later has a larger one), and the ids of the rows, which tell a row
    deleted elsewhere (deleting leaves no version) or added elsewhere. One query per followed
    relation and one for the versions, however many rows. Taken before the inline rows are
    read, so a change made in between refuses the save rather than being lost.
    """
    ids = {
        relation.name: {str(pk) for pk in relation.rows_of(obj.pk).values_list("pk", flat=True)}
        for relation in relations
    }
    latest = Version.objects.filter(_versions_q(obj, relations, ids)).aggregate(Max("pk"))
    return latest["pk__max"] or 0, _dump_rows(ids)


def _dump_rows(ids: dict[str, set[str]]) -> str:
    return json.dumps({name: sorted(values) for name, values in ids.items()}, separators=(",", ":"))


def parse_opened_rows(raw, relations) -> dict[str, set[str]] | None:
    """The row ids a posted form was opened with, or None if the value is not one we wrote."""
    try:
        data = json.loads(raw or "")
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or set(data) != {relation.name for relation in relations}:
        return None
    rows = {}
    for name, ids in data.items():
        if not isinstance(ids, list) or not all(
            isinstance(value, str) and 0 < len(value) <= 191 for value in ids
        ):
            return None
        rows[name] = set(ids)
    return rows


@dataclass
class ChangedRow:
    """An inline row edited, deleted, added or moved away since the form was opened."""

    relation: FollowedRelation
    object_id: str
    change: str  # "edited", "deleted", "added" or "moved"
    label: str
    user: object | None = None
    when: dt.datetime | None = None
    version: Version | None = None  # the newest version saved since, if any
    known: bool = True  # False: nothing recorded says who did it

    def describe(self, parent_verbose_name: str) -> str:
        """E.g. “checker edited the citation “Report A (supports)” on 2 Dec 2026, 01:10”."""
        verbose = self.relation.model._meta.verbose_name
        row = f"the {verbose} “{self.label}”" if self.label else f"a {verbose} (#{self.object_id})"
        if not self.known:
            return f"{row[0].upper()}{row[1:]} was {self.change}"
        text = f"{user_label(self.user)} {self.change} {row}"
        if self.change == "moved":
            text += f" to another {parent_verbose_name}"
        return text + (f" on {when_label(self.when)}" if self.when else "")


@dataclass
class Conflict:
    """What a refused save shows: the version the form was opened from and the newer ones,
    and the inline rows changed elsewhere since."""

    opened: Version | None
    latest: Version | None
    newer: list[Version]
    comparison: Comparison | None
    rows: list[ChangedRow]


_DAMAGED_FORM = (
    "Not saved: this form's record of the version it was opened from is missing or damaged, "
    "so it cannot tell whether someone else changed this {verbose} since. Reload the page and "
    "make your changes again."
)


class HistoryFormMixin:
    """Mixed into every admin change form: the opened-version guard and the reason field.

    ``HistoryAdmin.get_form`` builds the class, setting ``history_requires_reason`` and
    ``history_relations`` (the followed relations shown as inlines). ``clean`` runs inside the
    admin's transaction, so locking the rows makes a concurrent save of the same record or of
    its rows wait for this one on databases with row locks (PostgreSQL).
    """

    history_requires_reason = False
    history_relations: tuple[FollowedRelation, ...] = ()
    history_conflict: Conflict | None = None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._check_opened_state(cleaned)
        if self.history_requires_reason and not (cleaned.get(REASON_FIELD) or "").strip():
            verbose = self.instance._meta.verbose_name
            self.add_error(
                REASON_FIELD,
                f"This {verbose} is public: say why you are changing it. "
                "The reason is kept in its history.",
            )
        return cleaned

    def _check_opened_state(self, cleaned) -> None:
        """Refuse a save over changes made since the form was opened, or a damaged form.

        The hidden fields are only a guard: a value we did not write (tampered, cut short)
        becomes an error on top of the form, never a server error, and is not reset, so
        saving again does not silently skip the check.
        """
        opened_rows = None
        damaged = self._errors.pop(OPENED_VERSION_FIELD, None) is not None
        if self.history_relations and not damaged:
            opened_rows = parse_opened_rows(cleaned.get(OPENED_ROWS_FIELD), self.history_relations)
            damaged = opened_rows is None
        if damaged:
            self.add_error(None, _DAMAGED_FORM.format(verbose=self.instance._meta.verbose_name))
            return
        self._refuse_stale_save(cleaned.get(OPENED_VERSION_FIELD) or 0, opened_rows)

    def _refuse_stale_save(self, opened_id: int, opened_rows=None) -> None:
        model = type(self.instance)
        list(model._default_manager.select_for_update().filter(pk=self.instance.pk).values("pk"))
        versions = versions_of(model, self.instance.pk).select_related("revision__user")
        newer = list(versions.filter(pk__gt=opened_id).order_by("-pk")[:20])
        current_rows = rows = None
        if opened_rows is not None:
            current_rows, rows = self._changed_rows(opened_id, opened_rows, bool(newer))
        if not newer and not rows:
            return
        verbose = model._meta.verbose_name
        latest = newer[0] if newer else None
        opened = comparison = None
        if newer:
            # The form holds the newest version of the record *or of its rows*: the record's
            # version then is its latest one up to that.
            if opened_id:
                opened = versions.filter(pk__lte=opened_id).order_by("-pk").first()
            comparison = compare(opened, latest)
            authors = list(dict.fromkeys(user_label(v.revision.user) for v in newer))
            count = "a newer version" if len(newer) == 1 else f"{len(newer)} newer versions"
            self.add_error(
                None,
                f"Not saved: {', '.join(authors)} saved {count} of this "
                f"{verbose} after you opened it — the latest on "
                f"{when_label(latest.revision.date_created)} by "
                f"{user_label(latest.revision.user)}. Their changes are shown below and your "
                "input is still in the form. Reload the page to start again from their "
                "version, or save again to replace it with yours.",
            )
        if rows:
            named = [row.describe(verbose) for row in rows[:_ROWS_IN_MESSAGE]]
            if len(rows) > _ROWS_IN_MESSAGE:
                named[-1] += f", and {len(rows) - _ROWS_IN_MESSAGE} more (listed below)"
            if newer:
                self.add_error(None, f"Also since you opened this form: {'; '.join(named)}.")
            else:
                self.add_error(
                    None,
                    f"Not saved: since you opened this form, {'; '.join(named)}. Your input is "
                    "still in the form. Reload the page to start again from the current rows, "
                    "or save again to apply your input over their changes (rows deleted since "
                    "stay deleted, rows added since are kept).",
                )
        self.history_conflict = Conflict(opened, latest, newer, comparison, rows or [])
        # Saving this form again is a deliberate choice made after seeing their changes.
        self.data = self.data.copy()
        if current_rows is None:
            newest_id = latest.pk
        else:
            every_row = {name: opened_rows[name] | current_rows[name] for name in current_rows}
            query = _versions_q(self.instance, self.history_relations, every_row)
            newest_id = Version.objects.filter(query).aggregate(Max("pk"))["pk__max"] or 0
            self.data[self.add_prefix(OPENED_ROWS_FIELD)] = _dump_rows(current_rows)
        self.data[self.add_prefix(OPENED_VERSION_FIELD)] = str(max(newest_id, opened_id))

    def _changed_rows(self, opened_id: int, opened_rows, record_saved: bool):
        """The followed rows now, and those changed elsewhere since the form was opened.

        A row counts as edited when a version of it newer than the form, saved outside the
        record's own revisions (those are the record's newer versions), differs from the one
        it had then: saving an organization versions all its memberships, changed or not. A
        deleted row leaves no version, so deletions and additions come from comparing the ids,
        with the admin's log saying who deleted (or added) a row when no version does. A change
        nothing records is named only when the record itself was not saved since: otherwise it
        is that save's (whose comparison is shown). A fixed number of queries, however many rows.
        """
        relations = self.history_relations
        parent_pk = self.instance.pk
        current = {}
        for relation in relations:
            locked = relation.rows_of(parent_pk).select_for_update()
            current[relation.name] = {str(pk) for pk in locked.values_list("pk", flat=True)}
        every_row = {name: opened_rows[name] | current[name] for name in current}
        rows_query = _rows_q(relations, every_row)
        if rows_query is None:
            return current, []
        record_revisions = versions_of(type(self.instance), parent_pk).filter(pk__gt=opened_id)
        newest: dict[tuple[int, str], Version] = {}
        for version in (
            Version.objects.filter(rows_query, pk__gt=opened_id)
            .exclude(revision__in=record_revisions.values("revision_id"))
            .select_related("revision__user")
            .order_by("-pk")
        ):
            newest.setdefault((version.content_type_id, version.object_id), version)

        def key(relation, object_id):
            return ContentType.objects.get_for_model(relation.model).pk, object_id

        # What each row edited or gone since was when the form was opened (its latest version).
        then_ids = {
            relation.name: {
                object_id
                for object_id in opened_rows[relation.name]
                if object_id not in current[relation.name] or key(relation, object_id) in newest
            }
            for relation in relations
        }
        then: dict[tuple[int, str], Version] = {}
        then_query = _rows_q(relations, then_ids)
        if then_query is not None:
            last_ids = (
                Version.objects.filter(then_query, pk__lte=opened_id)
                .order_by()
                .values("content_type_id", "object_id")
                .annotate(last=Max("pk"))
                .values("last")
            )
            for version in Version.objects.filter(pk__in=last_ids):
                then[(version.content_type_id, version.object_id)] = version
        # Who deleted a row, or added one no version records.
        logged_ids = {
            relation.name: (opened_rows[relation.name] - current[relation.name])
            | {
                object_id
                for object_id in current[relation.name] - opened_rows[relation.name]
                if key(relation, object_id) not in newest
            }
            for relation in relations
        }
        logged: dict[tuple[int, str], LogEntry] = {}
        logged_query = _rows_q(relations, logged_ids)
        if logged_query is not None:
            for entry in (
                LogEntry.objects.filter(logged_query).select_related("user").order_by("-pk")
            ):
                logged.setdefault((entry.content_type_id, entry.object_id), entry)

        changed = []
        for relation in relations:
            opened_ids, now_ids = opened_rows[relation.name], current[relation.name]
            for object_id in sorted(opened_ids | now_ids, key=lambda i: (len(i), i)):
                row_key = key(relation, object_id)
                version, before, entry = newest.get(row_key), then.get(row_key), logged.get(row_key)
                label = next(
                    (v.object_repr for v in (version, before) if v is not None),
                    entry.object_repr if entry else "",
                )
                row = None
                if object_id in opened_ids and object_id in now_ids:
                    if version is not None and (
                        before is None or stored_fields(before) != stored_fields(version)
                    ):
                        row = ChangedRow(relation, object_id, "edited", label, version=version)
                elif object_id in opened_ids:
                    if entry is not None and entry.action_flag == DELETION:
                        row = ChangedRow(
                            relation,
                            object_id,
                            "deleted",
                            entry.object_repr or label,
                            entry.user,
                            entry.action_time,
                        )
                    elif version is not None and str(
                        stored_fields(version).get(relation.back)
                    ) != str(parent_pk):
                        row = ChangedRow(relation, object_id, "moved", label, version=version)
                    elif not record_saved:
                        row = ChangedRow(relation, object_id, "deleted", label, known=False)
                elif version is not None:
                    row = ChangedRow(relation, object_id, "added", label, version=version)
                elif entry is not None:
                    row = ChangedRow(
                        relation, object_id, "added", label, entry.user, entry.action_time
                    )
                elif not record_saved:
                    row = ChangedRow(relation, object_id, "added", label, known=False)
                if row is not None and row.version is not None:
                    row.user = row.version.revision.user
                    row.when = row.version.revision.date_created
                if row is not None:
                    changed.append(row)
        return current, changed


class HistoryAdmin(SafeRelationsMixin, VersionAdmin):
    """The admin base for every versioned model (see the module docstring)."""

    object_history_template = "admin/history/object_history.html"
    compare_template = "admin/history/compare.html"
    history_per_page = 50

    class Media:
        css = {"all": ["css/admin/tokens.css", "css/admin/history.css"]}

    # -- the reason and the revision comment

    def requires_change_reason(self, request: HttpRequest, obj: Model) -> bool:
        """Whether saving ``obj`` asks for a reason: by default, when it is published."""
        return bool(getattr(obj, "is_published", False))

    @contextmanager
    def create_revision(self, request):
        """Record the revision with the editor's reason, or what a revert restored, as comment.

        Runs after reversion has set its own comment (the change message, or its generic
        revert note), so ours wins.
        """
        with history_edit(), create_revision():
            set_user(request.user)
            yield
            comment = self.revision_comment(request)
            if comment:
                set_comment(comment)

    def revision_comment(self, request: HttpRequest) -> str:
        """The comment of the revision this request saves, or "" to keep reversion's."""
        edit = current_edit()
        reason, saved, recovering = edit.reason, edit.saved, edit.recovering
        if recovering is not None and saved:
            recovered = (
                f"Recovered after its deletion on {when_label(recovering.deleted_at)} by "
                f"{user_label(recovering.deleted_by)}"
            )
            return f"{recovered}: {reason}" if reason else f"{recovered}."
        reverting = edit.reverting
        if reverting is None or not saved:
            return reason
        restored = (
            f"Reverted to version #{version_number(reverting)} of "
            f"{when_label(reverting.revision.date_created)} by "
            f"{user_label(reverting.revision.user)}"
        )
        return f"{restored}: {reason}" if reason else f"{restored}."

    def save_model(self, request, obj, form, change: bool) -> None:
        """Save, remembering the editor's reason for the revision comment."""
        edit = current_edit()
        edit.saved = True
        edit.reason = (form.cleaned_data.get(REASON_FIELD) or "").strip()
        super().save_model(request, obj, form, change)

    # -- deleting, and recovering whole

    def delete_model(self, request, obj: Model) -> None:
        """Delete ``obj``; the deletion log names the editor (``newsroom.history.receivers``)."""
        with deleting_as(request.user):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        """The bulk delete action; the deletion log names the editor."""
        with deleting_as(request.user):
            super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change: bool) -> None:
        """Save the inline rows; the ones removed are logged as part of this record's revision
        (not listed apart on Recent changes), so a revert that brings them back restores them."""
        with deleting_as(request.user, as_part=True):
            super().save_related(request, form, formsets, change)

    def _revert_whole(self, request, version: Version | None, view, *args):
        """Run reversion's revert or recover ``view``, then restore what the deletions of the
        records it brought back took, in the same transaction.

        Reversion's view nests its own transaction (rolled back when it only shows the form);
        rows it deletes to match the old version are logged as part of the revert.
        """
        with transaction.atomic(), deleting_as(request.user, as_part=True):
            response = view(request, *args)
            if (
                version is not None
                and request.method == "POST"
                and response.status_code == 302
                and current_edit().saved
            ):
                restore_deleted_in_revision(revision=version.revision, actor=request.user)
        return response

    # -- the change form

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The admin form, plus the opened-version guard and the reason on a change form."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None:
            return form
        requires_reason = current_edit().requires_reason
        if requires_reason is None:
            requires_reason = self.requires_change_reason(request, obj)
        relations = self.stale_guard_relations(request, obj)
        if relations:
            opened_version, opened_rows = opened_snapshot(obj, relations)
        else:
            latest = versions_of(type(obj), obj.pk).order_by("-pk").values_list("pk", flat=True)
            opened_version, opened_rows = latest.first() or 0, None
        reason_help = (
            "Required: this record is public. Kept as the comment in its history."
            if requires_reason
            else "Optional. Kept as the comment in its history."
        )
        attrs = {
            "history_requires_reason": requires_reason,
            "history_relations": tuple(relations),
            OPENED_VERSION_FIELD: forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                initial=opened_version,
                min_value=0,
                max_value=2**63 - 1,
            ),
            REASON_FIELD: forms.CharField(
                label="Reason for this change",
                required=False,
                max_length=500,
                help_text=reason_help,
                widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
            ),
        }
        if relations:
            attrs[OPENED_ROWS_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, strip=False, initial=opened_rows
            )
        return type(form.__name__, (HistoryFormMixin, form), attrs)

    def stale_guard_relations(self, request, obj) -> list[FollowedRelation]:
        """The relations reversion follows that this change form edits as inlines."""
        inline_models = {inline.model for inline in self.get_inlines(request, obj)}
        return [r for r in followed_relations(self.model) if r.model in inline_models]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """Leave out the posted inline rows deleted (or moved away) since the form was opened.

        The stale-form guard refuses the first save and names who did it; the form shown again
        no longer has the row, and saving it keeps their deletion. One query per followed inline.
        """
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" in kwargs and obj is not None and obj.pk is not None:
            for relation in self.stale_guard_relations(request, obj):
                if relation.model is inline.model:
                    _drop_rows_gone(kwargs, prefix, relation, obj.pk)
        return kwargs

    def get_fields(self, request, obj=None):
        """The model's fields only: the template places the history fields itself."""
        return [name for name in super().get_fields(request, obj) if name not in HISTORY_FIELDS]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Hand the history fields and any refused save's comparison to the template."""
        form = context["adminform"].form
        if OPENED_VERSION_FIELD in form.fields:
            context["history_fields"] = {
                "opened_version": form[OPENED_VERSION_FIELD],
                "opened_rows": form[OPENED_ROWS_FIELD] if OPENED_ROWS_FIELD in form.fields else "",
                "reason": form[REASON_FIELD],
                "requires_reason": form.history_requires_reason,
            }
            conflict = form.history_conflict
            if conflict is not None:
                context["history_conflict"] = conflict
                context["history_conflict_rows"] = self._version_rows(request, conflict.newer, None)
                context["history_conflict_changed_rows"] = [
                    {
                        "text": row.describe(obj._meta.verbose_name if obj else ""),
                        "compare_url": self._row_compare_url(request, row),
                    }
                    for row in conflict.rows
                ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _row_compare_url(self, request, row: ChangedRow) -> str:
        """The compare page of a row's version saved since, on the row's own admin, if any."""
        row_admin = self.admin_site._registry.get(row.relation.model)
        if (
            row.version is None
            or not isinstance(row_admin, HistoryAdmin)
            or not row_admin.has_view_or_change_permission(request)
        ):
            return ""
        url = row_admin._url("history_compare", quote(row.object_id))
        return f"{url}?{urlencode({'new': row.version.pk})}"

    def _own_version(self, version_id) -> Version:
        """The version ``version_id`` if it is one of this admin's model, else 404.

        reversion finds a version by its id (and the record's id) alone, so another model's
        version under this admin's address (a claim's, say, under a person's) reached its revert
        or recover form, with this admin's permissions.
        """
        version = (
            Version.objects.get_for_model(self.model)
            .select_related("revision__user")
            .filter(pk=version_id)
            .first()
            if str(version_id).isdigit()
            else None
        )
        if version is None:
            raise Http404("No such version of this kind of record.")
        return version

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Revert: ask for a reason if the record is public now, and name what was restored."""
        with history_edit() as edit:
            # get_object answers None for an id the primary key cannot hold ("abc"), as the
            # change view does; a bare filter(pk=...) raised ValueError.
            current = self.get_object(request, unquote(object_id))
            if current is not None:
                edit.requires_reason = self.requires_change_reason(request, current)
            version = self._own_version(version_id)
            edit.reverting = version
            return self._revert_whole(
                request, version, super().revision_view, object_id, version_id, extra_context
            )

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted record whole: reversion restores it (and its inline rows) from
        the version, then the links other records held to them and their excluded fields come
        back (``newsroom.history.actions.restore_deleted_in_revision``). Asks for no reason (nothing
        public is being changed); the revision comment says when and by whom it was deleted.
        """
        with history_edit() as edit:
            edit.requires_reason = False
            edit.recovery = True
            version = self._own_version(version_id)
            if version is not None:
                edit.recovering = (
                    Deletion.objects.pending()
                    .of_objects([(version.content_type_id, version.object_id)])
                    .select_related("deleted_by")
                    .order_by("-pk")
                    .first()
                )
            return self._revert_whole(
                request, version, super().recover_view, version_id, extra_context
            )

    def response_change(self, request, obj: Model):
        """After a recovery, say the record was recovered (Django's change form would say it
        "was changed successfully") and open it."""
        if not current_edit().recovery:
            return super().response_change(request, obj)
        opts = obj._meta
        self.message_user(
            request,
            f"The {opts.verbose_name} “{obj}” was recovered.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._url("change", quote(obj.pk)))

    # -- history and compare pages

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info[0]}_{info[1]}_history_compare",
            ),
            *super().get_urls(),
        ]

    def _url(self, view: str, *args) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args
        )

    def _version_rows(self, request, versions: list[Version], older: Version | None) -> list[dict]:
        """Display rows for versions newest first; ``older`` is the one before the last."""
        can_revert = self.has_change_permission(request)
        rows = []
        for index, version in enumerate(versions):
            previous = versions[index + 1] if index + 1 < len(versions) else older
            compare_url = self._url("history_compare", quote(version.object_id))
            query = {"new": version.pk}
            if previous is not None:
                query["old"] = previous.pk
            rows.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "user": user_label(version.revision.user) if version.revision.user else "—",
                    "compare_url": f"{compare_url}?{urlencode(query)}",
                    "has_previous": previous is not None,
                    "revert_url": (
                        self._url("revision", quote(version.object_id), version.pk)
                        if can_revert
                        else ""
                    ),
                }
            )
        return rows

    def history_view(self, request, object_id, extra_context=None):
        """The record's versions, newest first, a page at a time in a fixed number of queries.

        One query counts the versions (an indexed lookup on content type and object id), one
        loads the page with revisions and authors, plus one row beyond the page so its last
        version also links to the compare with its predecessor.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        reversion_id = getattr(obj, object_id_field(self.model))
        versions = (
            versions_of(self.model, reversion_id)
            .select_related("revision__user")
            .defer("serialized_data")
            .order_by("-pk")
        )
        paginator = Paginator(versions, self.history_per_page)
        page = paginator.get_page(request.GET.get("p"))
        start = (page.number - 1) * self.history_per_page
        fetched = (
            list(versions[start : start + self.history_per_page + 1]) if paginator.count else []
        )
        shown, older = fetched[: self.history_per_page], fetched[self.history_per_page :]
        rows = self._version_rows(request, shown, older[0] if older else None)
        for index, row in enumerate(rows):
            row["number"] = paginator.count - start - index
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "media": self.media,
            "title": f"Change history: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": str(capfirst(opts.verbose_name_plural)),
            "rows": rows,
            "page": page,
            "page_range": (
                list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
                if paginator.num_pages > 1
                else []
            ),
            "total": paginator.count,
            "compare_url": self._url("history_compare", quote(reversion_id)),
            "recent_changes_url": reverse("admin_recent_changes"),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id, extra_context=None):
        """Two versions of one record side by side (``?old=<id>&new=<id>``).

        Without ``old``, ``new`` is compared with the version just before it. Works for a
        deleted record too, so recent changes can link to what a deletion left behind.
        """
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        versions = versions_of(self.model, object_id).select_related(
            "revision__user", "content_type"
        )
        new = get_object_or_404(versions, pk=_int_or_404(request.GET.get("new")))
        if request.GET.get("old"):
            old = get_object_or_404(versions, pk=_int_or_404(request.GET.get("old")))
            if old.pk > new.pk:
                old, new = new, old
        else:
            old = previous_version(new)
        if old is not None and old.pk == new.pk:
            old = previous_version(new)
        comparison = compare(old, new)
        ids = versions.values_list("pk", flat=True)
        older = ids.filter(pk__lt=old.pk).order_by("-pk").first() if old else None
        newer = ids.filter(pk__gt=new.pk).order_by("pk").first()
        base = self._url("history_compare", quote(object_id))
        obj = self.model._default_manager.filter(pk=object_id).first()
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "media": self.media,
            "title": f"Compare versions: {obj or new.object_repr}",
            "subtitle": None,
            "object": obj,
            "object_repr": str(obj) if obj else new.object_repr,
            "object_id": object_id,
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": str(capfirst(opts.verbose_name_plural)),
            "old": self._describe(old, request) if old else None,
            "new": self._describe(new, request),
            "comparison": comparison,
            "earlier_url": f"{base}?{urlencode({'new': old.pk})}" if old and older else "",
            "later_url": f"{base}?{urlencode({'new': newer})}" if newer else "",
            "history_url": self._url("history", quote(object_id)) if obj else "",
            "recent_changes_url": reverse("admin_recent_changes"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)

    def _describe(self, version: Version, request) -> dict:
        return {
            "version": version,
            "number": version_number(version),
            "user": user_label(version.revision.user) if version.revision.user else "—",
            "revert_url": (
                self._url("revision", quote(version.object_id), version.pk)
                if self.has_change_permission(request)
                else ""
            ),
        }


def _drop_rows_gone(kwargs: dict, prefix: str, relation: FollowedRelation, parent_pk) -> None:
    """Leave out of the posted formset ``prefix`` the rows no longer among the record's rows.

    Django would refuse such a row ("Select a valid choice") and then show the form again
    without it while still counting it, so the editor could not save at all. The rows after it
    are renumbered. One query.
    """
    data = kwargs["data"]
    pk_field = relation.model._meta.pk
    try:
        initial = int(data.get(f"{prefix}-INITIAL_FORMS"))
        total = int(data.get(f"{prefix}-TOTAL_FORMS"))
    except (TypeError, ValueError):
        return  # the formset reports a damaged management form itself
    posted = {}
    for index in range(max(0, min(initial, total, 2000))):
        value = data.get(f"{prefix}-{index}-{pk_field.name}")
        try:
            pk = pk_field.to_python(value) if value else None
            if pk is not None:
                pk_field.run_validators(pk)  # e.g. an integer the database cannot hold
        except ValidationError:
            continue
        if pk is not None:
            posted[index] = pk
    if not posted:
        return
    present = set(
        relation.rows_of(parent_pk).filter(pk__in=posted.values()).values_list("pk", flat=True)
    )
    gone = {index for index, pk in posted.items() if pk not in present}
    if not gone:
        return
    kwargs["data"] = _renumbered(data, prefix, gone)
    kwargs["data"][f"{prefix}-INITIAL_FORMS"] = str(initial - len(gone))
    kwargs["data"][f"{prefix}-TOTAL_FORMS"] = str(total - len(gone))
    if kwargs.get("files"):
        kwargs["files"] = _renumbered(kwargs["files"], prefix, gone)


def _renumbered(data, prefix: str, gone: set[int]):
    """A copy of ``data`` without the forms ``gone`` of formset ``prefix``, renumbered."""
    form_key = re.compile(rf"{re.escape(prefix)}-([0-9]+)-(.*)", re.DOTALL)
    result = data.copy()
    forms_data = []
    for key, values in data.lists():
        match = form_key.fullmatch(key)
        if match is not None:
            del result[key]
            forms_data.append((int(match[1]), match[2], values))
    for index, name, values in forms_data:
        if index not in gone:
            index -= sum(1 for dropped in gone if dropped < index)
            result.setlist(f"{prefix}-{index}-{name}", values)
    return result


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("No such version.") from None
