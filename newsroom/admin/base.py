"""What the newsroom admins share: every change as one edit, reverts through the action."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import WorkflowError
from newsroom.history.admin import HistoryAdmin, latest_version, user_label
from newsroom.history.compare import compare


class RulesAdminMixin:
    """For every newsroom admin: each view that can change data runs as one edit by the user.

    ``actions.editing`` names the user for the rules that react to saves (``newsroom.receivers``)
    and checks each claim the request touched once, at the end, inside the request's
    transaction — so a reviewed claim whose content this save changed is reopened in the same
    transaction, with one ReviewEvent describing the whole edit. Reverts go through
    ``actions.revert_to_version`` on a confirmation page, never through a form the revert
    prefilled.
    """

    revert_confirmation_template = "admin/history/revert_confirmation.html"

    # Around add_view and change_view, not changeform_view: VersionAdmin opens its revision
    # there, and the claims are checked after that revision is saved, so a reopening is a
    # revision of its own, with its own comment.
    def add_view(self, request, form_url="", extra_context=None):
        with actions.editing(actor=request.user) as edit:
            response = super().add_view(request, form_url, extra_context)
        self.report_reopened(request, edit.reopened)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with actions.editing(actor=request.user) as edit:
            response = super().change_view(request, object_id, form_url, extra_context)
        self.report_reopened(request, edit.reopened)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        with actions.editing(actor=request.user) as edit:
            response = super().delete_view(request, object_id, extra_context)
        self.report_reopened(request, edit.reopened)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        with actions.editing(actor=request.user) as edit:
            response = super().recover_view(request, version_id, extra_context)
        self.report_reopened(request, edit.reopened)
        return response

    def report_reopened(self, request: HttpRequest, claims: list) -> None:
        """Tell the user which rated claims their change reopened."""
        for claim in claims:
            self.message_user(
                request,
                f"“{claim}” was reopened for review: what its verdict rated has changed. "
                "Readers see it as under review again.",
                messages.WARNING,
            )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Revert through ``actions.revert_to_version``: a GET shows what would change and asks
        for a reason (required when the record is public); a POST reverts."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such record.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id
        )
        requires_reason = self.requires_change_reason(request, obj)
        error = ""
        if request.method == "POST":
            reason = (request.POST.get("reason") or "").strip()[:500]
            if requires_reason and not reason:
                error = "This record is public: say why you are reverting it."
            else:
                try:
                    actions.revert_to_version(version=version, actor=request.user, reason=reason)
                except WorkflowError as problem:
                    error = str(problem)
                else:
                    self.message_user(request, self.reverted_message(obj), messages.SUCCESS)
                    opts = self.model._meta
                    return HttpResponseRedirect(
                        reverse(
                            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                            args=[obj.pk],
                        )
                    )
        latest = latest_version(obj)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "media": self.media,
            "title": f"Revert “{obj}”",
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "version": version,
            "version_user": user_label(version.revision.user),
            "comparison": compare(latest, version) if latest is not None else None,
            "requires_reason": requires_reason,
            "reason": request.POST.get("reason", "") if request.method == "POST" else "",
            "error": error,
            "consequence": self.revert_consequence(obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.revert_confirmation_template, context)

    def revert_consequence(self, obj: Model) -> str:
        """What reverting ``obj`` will do beyond restoring its content, for the confirmation
        page (nothing, unless the model's admin says otherwise)."""
        return ""

    def reverted_message(self, obj: Model) -> str:
        """What the user is told once ``obj`` is reverted."""
        return f"“{obj}” was reverted."


class WorkflowVersionAdmin(RulesAdminMixin, HistoryAdmin):
    """A ``HistoryAdmin`` for a model whose workflow fields only ``newsroom.actions`` may change.

    Each model's admin says, through the hooks, what is special about reverting its records:
    ``requires_change_reason`` (readers can see it), ``revert_consequence`` and
    ``reverted_message``.
    """

    def changelist_view(self, request, extra_context=None):
        """Run admin actions outside VersionAdmin's revision block.

        Each workflow action records its own revision with its own comment; inside the block
        that ``VersionAdmin.changelist_view`` opens, a bulk action would merge them into one
        revision carrying only the last comment. List edits still get a revision.
        """
        if request.method == "POST" and "action" in request.POST and "_save" not in request.POST:
            context = {"has_change_permission": self.has_change_permission(request)}
            context.update(extra_context or {})
            return admin.ModelAdmin.changelist_view(self, request, context)
        return super().changelist_view(request, extra_context)

    def run_workflow_action(
        self,
        request: HttpRequest,
        objects: Iterable[Model],
        move: Callable[[Model], object],
        *,
        done: str,
    ) -> HttpResponse | None:
        """Apply ``move`` to each object; report successes, and each refusal as an error.

        ``move`` calls a ``newsroom.actions`` function. A ``WorkflowError`` becomes an error
        message naming the object (never a server error); the others still go ahead, each in
        its own transaction.
        """
        succeeded = 0
        for obj in objects:
            try:
                move(obj)
            except WorkflowError as error:
                self.message_user(request, f"“{obj}”: {error}", messages.ERROR)
            else:
                succeeded += 1
        if succeeded:
            noun = (
                self.model._meta.verbose_name
                if succeeded == 1
                else (self.model._meta.verbose_name_plural)
            )
            self.message_user(request, f"{done}: {succeeded} {noun}.", messages.SUCCESS)
        return None


class ReadOnlyAdminMixin:
    """For the audit trail, which only the workflow writes: nobody adds, edits or deletes it here.

    Works on a ModelAdmin and on an inline; users with the view permission still see it.
    """

    def has_add_permission(self, request, obj=None) -> bool:
        """Never: the workflow writes these rows."""
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        """Never: an audit row is not edited."""
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        """Never: an audit row is not deleted."""
        return False
