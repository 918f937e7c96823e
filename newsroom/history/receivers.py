"""Signal receivers of the profiles app: the deletion log, on every versioned model.

A ``pre_delete`` receiver, rather than admin hooks alone, so that every way of deleting is
logged: the admin's delete page and bulk action, ``obj.delete()`` in the shell or a command,
and the rows a delete cascades to. ``pre_delete`` is sent for every collected row before any
is deleted, so the links the log reads are still there.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.db.models.signals import pre_delete

from newsroom.history.actions import record_deletion
from newsroom.history.deletions import current_context
from newsroom.history.registration import get_registered_models, is_registered


def log_deletion(sender, instance: Model, origin=None, **kwargs) -> None:
    """Log the deletion of a versioned row (``newsroom.history.actions.record_deletion``).

    It is listed on Recent changes when the row is what was asked to be deleted, not a row
    cascaded to, and not an inline row removed while saving another record.
    """
    context = current_context()
    listed = not context.as_part and _deleted_itself(instance, origin)
    record_deletion(obj=instance, actor=context.actor, listed=listed)


def _deleted_itself(instance: Model, origin) -> bool:
    """Whether ``instance`` was asked to be deleted, rather than reached by a cascade.

    ``origin`` (Django ≥ 4.1) is the instance or queryset whose ``delete()`` started it. A
    cascade from an unversioned record is listed: nothing else shows it.
    """
    if origin is None or origin is instance:
        return True
    if isinstance(origin, QuerySet):
        return origin.model._meta.concrete_model is type(instance)._meta.concrete_model
    if isinstance(origin, Model):
        return not is_registered(type(origin))
    return True


def connect_deletion_log() -> None:
    """Connect ``log_deletion`` to each model registered with reversion.

    Per model, not for every sender: a receiver on a model stops Django from deleting its rows
    in bulk without loading them, which only the versioned models need to pay for.
    """
    for model in get_registered_models():
        pre_delete.connect(
            log_deletion, sender=model, dispatch_uid=f"history.deletion_log.{model._meta.label}"
        )
