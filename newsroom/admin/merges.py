"""Merging duplicate profiles in the admin, and the list of merges with their undo.

"Merge the two selected …" is an action on the people and organizations changelists: it leads
to a confirmation page where the editor picks which record survives, which calls
``actions.merges.merge_profiles``. The action is added to those admins from here, through the
admin site, because the merge is newsroom's rule (it rewrites articles) and profiles may not
import newsroom. Reverting a merge's own revision from a record's history leads to the merge's
undo page, which calls ``actions.merges.undo_merge``. Refusals come back as messages.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.models import Version

from newsroom.actions import merges
from newsroom.admin.base import ReadOnlyAdminMixin
from newsroom.exceptions import WorkflowError
from newsroom.history.admin_input import SafeRelationsMixin
from newsroom.models import ProfileMerge
from profiles.models import Organization, Person


class MergeForm(forms.Form):
    survivor = forms.TypedChoiceField(
        label="Which record survives?", coerce=int, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note", required=False, max_length=500, help_text="Kept in both histories."
    )

    def __init__(self, *args, records, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [
            (record.pk, f"{record} ({record.slug}{'' if record.is_published else ', hidden'})")
            for record in records
        ]


def _may_merge(request: HttpRequest, model) -> bool:
    return request.user.has_perm(merges.MERGE_PERMISSION) and request.user.has_perm(
        f"profiles.change_{model._meta.model_name}"
    )


@admin.action(
    description="Merge the two selected records (choose which survives)…",
    permissions=["merge"],
)
def merge_selected(modeladmin, request: HttpRequest, queryset) -> HttpResponse | None:
    """The admin action: on to the confirmation page (``ProfileMergeAdmin.merge_view``).

    A page of its own rather than one the action renders, because the changelist runs inside
    reversion's revision, which the merge's own revision (and its meta) would silently join.
    """
    model = modeladmin.model
    ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:3])
    if len(ids) != 2:
        modeladmin.message_user(
            request,
            f"Select exactly two {model._meta.verbose_name_plural} to merge.",
            messages.ERROR,
        )
        return None
    query = urlencode({"model": model._meta.model_name, "ids": ",".join(map(str, ids))})
    return HttpResponseRedirect(f"{reverse('admin:newsroom_profilemerge_merge')}?{query}")


def _merge_aware_revision_view(model_admin):
    """Wrap a profile admin's revert view: the revision of a merge leads to its undo page."""
    original = model_admin.revision_view

    @wraps(original)
    def revision_view(request, object_id, version_id, extra_context=None):
        version = (
            Version.objects.get_for_model(model_admin.model).filter(pk=version_id).first()
            if str(version_id).isdigit()
            else None
        )
        merge = merges.merge_of_revision(version.revision_id) if version else None
        if merge is not None:
            return HttpResponseRedirect(
                reverse("admin:newsroom_profilemerge_undo", args=[merge.pk])
            )
        return original(request, object_id, version_id, extra_context)

    return revision_view


def _merge_permission(model):
    def has_merge_permission(request: HttpRequest) -> bool:
        """Whether the user may merge these records: editors, who may publish."""
        return _may_merge(request, model)

    return has_merge_permission


for _model in (Person, Organization):
    _model_admin = admin.site.get_model_admin(_model)
    _model_admin.actions = [*(_model_admin.actions or []), merge_selected]
    _model_admin.has_merge_permission = _merge_permission(_model)
    _model_admin.revision_view = _merge_aware_revision_view(_model_admin)


@admin.register(ProfileMerge)
class ProfileMergeAdmin(ReadOnlyAdminMixin, SafeRelationsMixin, admin.ModelAdmin):
    """Merges as they happened: read-only (made from the people and organizations lists, never
    edited or deleted, so each can be undone), with an undo for editors."""

    list_display = ("created_at", "duplicate_link", "survivor_link", "actor", "undone_at")
    list_filter = ("kind", ("undone_at", admin.EmptyFieldListFilter))
    list_select_related = (
        "duplicate_person",
        "survivor_person",
        "duplicate_organization",
        "survivor_organization",
        "actor",
    )
    search_fields = ("duplicate_person__full_name", "duplicate_organization__name")
    date_hierarchy = "created_at"
    readonly_fields = ("kind", "duplicate_link", "survivor_link", "actor", "note", "created_at")
    fieldsets = (
        (None, {"fields": ("kind", "duplicate_link", "survivor_link", "actor", "note")}),
        ("When", {"fields": ("created_at",)}),
    )
    actions = ["undo_selected"]

    @admin.display(description="duplicate")
    def duplicate_link(self, merge: ProfileMerge) -> str:
        return format_html("{} ({})", merge.duplicate, merge.duplicate.slug)

    @admin.display(description="survivor")
    def survivor_link(self, merge: ProfileMerge) -> str:
        return format_html("{} ({})", merge.survivor, merge.survivor.slug)

    @admin.action(description="Undo the selected merges")
    def undo_selected(self, request: HttpRequest, queryset) -> None:
        """Undo each selected merge through ``merges.undo_merge``; report each refusal."""
        for merge in queryset.order_by("-pk"):
            self._undo(request, merge, reason="")

    def _undo(self, request: HttpRequest, merge: ProfileMerge, *, reason: str) -> bool:
        try:
            merges.undo_merge(merge=merge, actor=request.user, reason=reason)
        except WorkflowError as problem:
            self.message_user(request, str(problem), messages.ERROR)
            return False
        self.message_user(request, f"Undone: {merge}.", messages.SUCCESS)
        return True

    def get_urls(self):
        return [
            path(
                "merge/",
                self.admin_site.admin_view(self.merge_view),
                name="newsroom_profilemerge_merge",
            ),
            path(
                "<path:object_id>/undo/",
                self.admin_site.admin_view(self.undo_view),
                name="newsroom_profilemerge_undo",
            ),
            *super().get_urls(),
        ]

    def merge_view(self, request: HttpRequest) -> HttpResponse:
        """Choose which of two records survives, then merge (``merges.merge_profiles``)."""
        model = {"person": Person, "organization": Organization}.get(request.GET.get("model", ""))
        if model is None:
            raise Http404("Merge people or organizations.")
        if not _may_merge(request, model):
            raise PermissionDenied
        ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit()]
        records = list(model._default_manager.filter(pk__in=ids).order_by("pk"))
        if len(records) != 2:
            raise Http404("Choose two existing records to merge.")
        form = MergeForm(request.POST if request.method == "POST" else None, records=records)
        error = ""
        if form.is_bound and form.is_valid():
            survivor = next(r for r in records if r.pk == form.cleaned_data["survivor"])
            duplicate = next(r for r in records if r.pk != survivor.pk)
            try:
                merge = merges.merge_profiles(
                    duplicate=duplicate,
                    survivor=survivor,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except WorkflowError as problem:
                error = str(problem)
            else:
                rewritten = len(merge.moved.get("articles", []))
                self.message_user(
                    request,
                    f"“{duplicate}” was merged into “{survivor}”; {rewritten} article(s) "
                    f"rewritten. Its address now redirects to {survivor.get_absolute_url()}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(f"admin:profiles_{model._meta.model_name}_changelist")
                )
        return TemplateResponse(
            request,
            "admin/newsroom/merge_profiles.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Merge two {model._meta.verbose_name_plural}",
                "opts": model._meta,
                "records": records,
                "form": form,
                "error": error,
            },
        )

    def undo_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Confirm, then undo one merge (where reverting its revision leads)."""
        merge = self.get_object(request, unquote(object_id))
        if merge is None or not self.has_view_permission(request, merge):
            raise PermissionDenied
        if request.method == "POST":
            reason = (request.POST.get("reason") or "").strip()[:500]
            if self._undo(request, merge, reason=reason):
                duplicate = merge.duplicate
                return HttpResponseRedirect(
                    reverse(
                        f"admin:profiles_{duplicate._meta.model_name}_change", args=[duplicate.pk]
                    )
                )
        return TemplateResponse(
            request,
            "admin/newsroom/undo_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Undo the merge of “{merge.duplicate}”",
                "opts": self.model._meta,
                "merge": merge,
                "articles": len(merge.moved.get("articles", [])),
            },
        )
