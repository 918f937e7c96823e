"""Revision history in the admin, for every registered model: history, compare, no lost edits.

``HistoryAdmin`` is the base of every versioned admin in the three apps (it lives in the lowest
one, since dependencies run profiles ← events ← newsroom). On top of reversion's
``VersionAdmin`` it adds:

- a paginated history page (a fixed number of queries however long the history) with a
  "compare with previous" link per version and a form to compare any two;
- a compare page built on ``profiles.revisions.compare``;
- a "Reason for this change", required when the record is public, that becomes the revision
  comment; a revert records which version it restored;
- the stale-form guard: each change form carries the id of the latest version when it was
  opened, and a save over a newer version is refused, naming who saved it and showing what
  they changed, with the editor's input kept in the form;
- whole recoveries: deletions are logged as the editor's (``profiles.actions.record_deletion``),
  and recovering a record, or reverting one that brings deleted inline rows back, restores what
  the deletion took that versions do not hold: other records' links to it and its excluded
  fields (``profiles.actions.restore_deleted_in_revision``).

The site-wide *Recent changes* page is in ``profiles.recent_changes``.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import (
    _get_options,
    create_revision,
    set_comment,
    set_user,
)

from profiles.actions import restore_deleted_in_revision
from profiles.deletions import deleting_as
from profiles.models import Deletion
from profiles.revisions import Comparison, compare, previous_version

OPENED_VERSION_FIELD = "opened_version"
REASON_FIELD = "change_reason"
HISTORY_FIELDS = (OPENED_VERSION_FIELD, REASON_FIELD)

# Request attributes that carry what a view learned to the revision it records.
_REQUIRES_REASON_ATTR = "_history_requires_reason"
_REVERTING_ATTR = "_history_reverting"
_REASON_ATTR = "_history_reason"
_RECOVERING_ATTR = "_history_recovering"


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


@dataclass
class Conflict:
    """What a refused save shows: the version the form was opened from and the newer ones."""

    opened: Version | None
    latest: Version
    newer: list[Version]
    comparison: Comparison


class HistoryFormMixin:
    """Mixed into every admin change form: the opened-version guard and the reason field.

    ``HistoryAdmin.get_form`` builds the class, setting ``history_requires_reason``. ``clean``
    runs inside the admin's transaction, so locking the row makes a concurrent save of the
    same record wait for this one on databases with row locks (PostgreSQL).
    """

    history_requires_reason = False
    history_conflict: Conflict | None = None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._refuse_stale_save(cleaned.get(OPENED_VERSION_FIELD) or 0)
        if self.history_requires_reason and not (cleaned.get(REASON_FIELD) or "").strip():
            verbose = self.instance._meta.verbose_name
            self.add_error(
                REASON_FIELD,
                f"This {verbose} is public: say why you are changing it. "
                "The reason is kept in its history.",
            )
        return cleaned

    def _refuse_stale_save(self, opened_id: int) -> None:
        model = type(self.instance)
        list(model._default_manager.select_for_update().filter(pk=self.instance.pk).values("pk"))
        versions = versions_of(model, self.instance.pk).select_related("revision__user")
        newer = list(versions.filter(pk__gt=opened_id).order_by("-pk")[:20])
        if not newer:
            return
        latest = newer[0]
        opened = versions.filter(pk=opened_id).first() if opened_id else None
        self.history_conflict = Conflict(opened, latest, newer, compare(opened, latest))
        authors = list(dict.fromkeys(user_label(v.revision.user) for v in newer))
        count = "a newer version" if len(newer) == 1 else f"{len(newer)} newer versions"
        self.add_error(
            None,
            f"Not saved: {', '.join(authors)} saved {count} of this "
            f"{model._meta.verbose_name} after you opened it — the latest on "
            f"{when_label(latest.revision.date_created)} by {user_label(latest.revision.user)}. "
            "Their changes are shown below and your input is still in the form. Reload the "
            "page to start again from their version, or save again to replace it with yours.",
        )
        # Saving this form again is a deliberate choice made after seeing their changes.
        self.data = self.data.copy()
        self.data[self.add_prefix(OPENED_VERSION_FIELD)] = str(latest.pk)


class HistoryAdmin(VersionAdmin):
    """The admin base for every versioned model (see the module docstring)."""

    object_history_template = "admin/history/object_history.html"
    compare_template = "admin/history/compare.html"
    history_per_page = 50

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
        with create_revision():
            set_user(request.user)
            yield
            comment = self.revision_comment(request)
            if comment:
                set_comment(comment)

    def revision_comment(self, request: HttpRequest) -> str:
        """The comment of the revision this request saves, or "" to keep reversion's."""
        reason = getattr(request, _REASON_ATTR, "")
        saved = getattr(request, "_history_saved", False)
        recovering = getattr(request, _RECOVERING_ATTR, None)
        if recovering is not None and saved:
            recovered = (
                f"Recovered after its deletion on {when_label(recovering.deleted_at)} by "
                f"{user_label(recovering.deleted_by)}"
            )
            return f"{recovered}: {reason}" if reason else f"{recovered}."
        reverting = getattr(request, _REVERTING_ATTR, None)
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
        request._history_saved = True
        setattr(request, _REASON_ATTR, (form.cleaned_data.get(REASON_FIELD) or "").strip())
        super().save_model(request, obj, form, change)

    # -- deleting, and recovering whole

    def delete_model(self, request, obj: Model) -> None:
        """Delete ``obj``; the deletion log names the editor (``profiles.receivers``)."""
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
                and getattr(request, "_history_saved", False)
            ):
                restore_deleted_in_revision(revision=version.revision, actor=request.user)
        return response

    # -- the change form

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The admin form, plus the opened-version guard and the reason on a change form."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None:
            return form
        requires_reason = getattr(request, _REQUIRES_REASON_ATTR, None)
        if requires_reason is None:
            requires_reason = self.requires_change_reason(request, obj)
        latest = versions_of(type(obj), obj.pk).order_by("-pk").values_list("pk", flat=True)
        reason_help = (
            "Required: this record is public. Kept as the comment in its history."
            if requires_reason
            else "Optional. Kept as the comment in its history."
        )
        attrs = {
            "history_requires_reason": requires_reason,
            OPENED_VERSION_FIELD: forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=latest.first() or 0
            ),
            REASON_FIELD: forms.CharField(
                label="Reason for this change",
                required=False,
                max_length=500,
                help_text=reason_help,
                widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
            ),
        }
        return type(form.__name__, (HistoryFormMixin, form), attrs)

    def get_fields(self, request, obj=None):
        """The model's fields only: the template places the history fields itself."""
        return [name for name in super().get_fields(request, obj) if name not in HISTORY_FIELDS]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Hand the history fields and any refused save's comparison to the template."""
        form = context["adminform"].form
        if OPENED_VERSION_FIELD in form.fields:
            context["history_fields"] = {
                "opened_version": form[OPENED_VERSION_FIELD],
                "reason": form[REASON_FIELD],
                "requires_reason": form.history_requires_reason,
            }
            conflict = form.history_conflict
            if conflict is not None:
                context["history_conflict"] = conflict
                context["history_conflict_rows"] = self._version_rows(request, conflict.newer, None)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Revert: ask for a reason if the record is public now, and name what was restored."""
        current = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if current is not None:
            setattr(request, _REQUIRES_REASON_ATTR, self.requires_change_reason(request, current))
        version = Version.objects.select_related("revision__user").filter(pk=version_id).first()
        setattr(request, _REVERTING_ATTR, version)
        return self._revert_whole(
            request, version, super().revision_view, object_id, version_id, extra_context
        )

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted record whole: reversion restores it (and its inline rows) from
        the version, then the links other records held to them and their excluded fields come
        back (``profiles.actions.restore_deleted_in_revision``). Asks for no reason (nothing
        public is being changed); the revision comment says when and by whom it was deleted.
        """
        setattr(request, _REQUIRES_REASON_ATTR, False)
        version = Version.objects.select_related("revision").filter(pk=version_id).first()
        if version is not None:
            deletion = (
                Deletion.objects.pending()
                .of_objects([(version.content_type_id, version.object_id)])
                .select_related("deleted_by")
                .order_by("-pk")
                .first()
            )
            setattr(request, _RECOVERING_ATTR, deletion)
        return self._revert_whole(request, version, super().recover_view, version_id, extra_context)

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
        reversion_id = getattr(obj, _get_options(self.model).object_id_field)
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


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("No such version.") from None
