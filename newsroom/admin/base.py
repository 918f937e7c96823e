"""What the claim and article admins share: workflow actions and reverts that spare the workflow."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from newsroom.exceptions import WorkflowError
from newsroom.models import Article, Claim, ClaimStatus
from profiles.history_admin import HistoryAdmin

_SNAPSHOT_ATTR = "_newsroom_workflow_snapshot"


class WorkflowVersionAdmin(HistoryAdmin):
    """A ``HistoryAdmin`` for a model whose workflow fields only ``newsroom.actions`` may change.

    Such models are registered with reversion excluding their workflow fields. Reversion
    reverts by saving a deserialized copy of the old version, in which every excluded field
    holds its *default*, so a plain revert would silently send a reviewed claim back to draft
    (or unpublish an article) without an audit row. The revision view therefore remembers the
    current workflow values before reversion touches the row and puts them back on the object
    the revert form then saves.
    """

    #: Names of the model fields a revert must leave as they are.
    workflow_fields: tuple[str, ...] = ()

    def requires_change_reason(self, request: HttpRequest, obj: Model) -> bool:
        """Readers can see it: a live article, or a claim with a published verdict."""
        if isinstance(obj, Article):
            return obj.is_live
        if isinstance(obj, Claim):
            return obj.status in (ClaimStatus.REVIEWED, ClaimStatus.REOPENED) and bool(obj.verdict)
        return super().requires_change_reason(request, obj)

    def _workflow_attnames(self) -> list[str]:
        return [self.model._meta.get_field(name).attname for name in self.workflow_fields]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Remember the current workflow values, then let reversion revert and show the form."""
        current = self.model._default_manager.filter(pk=unquote(object_id)).first()
        if current is not None:
            snapshot = {name: getattr(current, name) for name in self._workflow_attnames()}
            setattr(request, _SNAPSHOT_ATTR, snapshot)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Mark the request as a recovery, so ``save_model`` can treat it as a new record."""
        request._newsroom_recovering = True
        return super().recover_view(request, version_id, extra_context)

    @staticmethod
    def is_recovering(request: HttpRequest) -> bool:
        """Whether this request recovers a deleted record (its workflow fields are defaults)."""
        return getattr(request, "_newsroom_recovering", False)

    def get_object(self, request, object_id, from_field=None):
        """The object, with the workflow values from before a revert restored on it.

        The revert form saves this instance in full, so the restored values are written back
        in the same transaction as the revert.
        """
        obj = super().get_object(request, object_id, from_field)
        snapshot = getattr(request, _SNAPSHOT_ATTR, None)
        if obj is not None and snapshot:
            for name, value in snapshot.items():
                setattr(obj, name, value)
        return obj

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
