"""What deleting a versioned record loses that reversion cannot bring back, and who deletes it.

Generic over every model registered with reversion, in the lowest app: relations are found
through ``_meta`` (other models' many-to-many fields and ``SET_NULL`` foreign keys pointing at
the model) and reversion's registration (the fields it is told to exclude), never by naming
another app's models.

``deleting_as`` tells the deletion log who is deleting, and whether the rows deleted are part of
saving another record (an inline row removed in its parent's form, a revert dropping rows the
old version did not have). The receiver in ``newsroom.history.receivers`` reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models
from django.db.models import Model
from django.dispatch import Signal
from reversion.revisions import get_user, is_active

from newsroom.history.registration import stored_field_names

#: Sent once a recovered record has its excluded fields and links back (``instance``,
#: ``actor``), inside the recovery's transaction: apps whose rules depend on those fields (the
#: newsroom's workflow) react here, without this app knowing them.
record_restored = Signal()


@dataclass(frozen=True)
class DeletionContext:
    actor: object | None
    #: The rows deleted are part of saving another record, whose revision shows them gone.
    as_part: bool = False


_context: ContextVar[DeletionContext | None] = ContextVar("history_deletion_context", default=None)


@contextmanager
def deleting_as(actor, *, as_part: bool = False) -> Iterator[None]:
    """Within the block, deletions are logged as made by ``actor`` (and ``as_part`` of a save)."""
    token = _context.set(DeletionContext(actor, as_part))
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> DeletionContext:
    """Who is deleting: the innermost ``deleting_as``, else the user of an active revision block
    (the admin's changelist sets one), else nobody known (the shell, a command)."""
    context = _context.get()
    if context is not None:
        return context
    user = get_user() if is_active() else None
    return DeletionContext(user if getattr(user, "pk", None) is not None else None)


def relation_key(rel: models.ForeignObjectRel) -> str:
    """How a link is named in ``Deletion.links``: the owning model and its field."""
    return f"{rel.related_model._meta.label_lower}.{rel.field.name}"


def link_relations(model: type[Model]) -> dict[str, models.ForeignObjectRel]:
    """Relations held by other records that deleting a ``model`` row silently removes.

    Another model's many-to-many field (its rows in the auto-created join table are deleted)
    and another model's foreign key with ``on_delete=SET_NULL`` (it is cleared). A join table
    declared with ``through=`` is a model of its own, logged when it is versioned; a cascade or
    a protect needs no link.
    """
    relations = {}
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            if rel.through._meta.auto_created:
                relations[relation_key(rel)] = rel
        elif (rel.one_to_many or rel.one_to_one) and rel.on_delete is models.SET_NULL:
            relations[relation_key(rel)] = rel
    return relations


def read_links(obj: Model) -> dict[str, list]:
    """The ids of the records linked to ``obj`` by each of ``link_relations`` (one query each)."""
    links = {}
    for key, rel in link_relations(type(obj)).items():
        field = rel.field
        if rel.many_to_many:
            target = getattr(obj, field.m2m_reverse_target_field_name())
            ids = rel.through._base_manager.filter(
                **{field.m2m_reverse_field_name(): target}
            ).values_list(field.m2m_field_name(), flat=True)
        else:
            ids = rel.related_model._base_manager.filter(
                **{field.name: getattr(obj, field.target_field.attname)}
            ).values_list("pk", flat=True)
        ids = sorted(ids)
        if ids:
            links[key] = ids
    return links


def excluded_fields(model: type[Model]) -> list[models.Field]:
    """The model's fields its reversion registration leaves out of every version (its
    ``exclude=``, or whatever ``fields=`` does not name)."""
    stored = stored_field_names(model)
    opts = model._meta.concrete_model._meta
    return [
        field
        for field in [*opts.local_fields, *opts.local_many_to_many]
        if field.name not in stored and not field.primary_key
    ]


def read_excluded(obj: Model) -> dict:
    """The values of ``obj``'s excluded fields as stored: text as the serializers write it."""
    values = {}
    for field in excluded_fields(type(obj)):
        if field.many_to_many:
            values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
        elif field.concrete:
            value = field.value_from_object(obj)
            values[field.attname] = None if value is None else field.value_to_string(obj)
    return values
