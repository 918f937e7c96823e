"""Actions of the profiles app: the deletion log that makes recovering a deleted record whole.

Reversion recovers a deleted record from its last version: its own fields and its own
many-to-many fields. It does not store what other records held to it (their many-to-many rows
and ``SET_NULL`` foreign keys, which the delete removes) nor the fields its registration
excludes (a claim's author and verdict). ``record_deletion`` keeps those when the record is
deleted, ``restore_deletion`` puts them back once reversion has recovered it. Both are generic
over every versioned model (see ``newsroom.history.deletions``), so profiles imports no other app.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from reversion.models import Revision, Version

from newsroom.history.deletions import (
    excluded_fields,
    link_relations,
    read_excluded,
    read_links,
    record_restored,
)
from newsroom.history.models import Deletion
from newsroom.history.registration import object_id, object_id_field

DELETION_COMMENT = "Deleted."


@transaction.atomic
def record_deletion(*, obj: Model, actor=None, listed: bool = True) -> Deletion:
    """Log that ``obj`` is being deleted, with its links and its excluded fields' values.

    Call it before the row goes, in the delete's transaction (the ``pre_delete`` receiver in
    ``newsroom.history.receivers`` does, for every versioned model): the links are read from
    rows the delete is about to remove, and a delete that is rolled back takes its log with it.
    ``listed`` gives the deletion a revision of its own (no versions, ``actor`` as its user), its
    row on the Recent changes page; a row deleted with another record is not listed.
    """
    model = type(obj)
    stored_id = object_id(obj)
    last_version = (
        Version.objects.get_for_object_reference(model, stored_id).order_by("-pk").first()
    )
    # The row as stored, not as the caller's possibly stale instance holds it.
    stored = model._base_manager.filter(pk=obj.pk).first() if excluded_fields(model) else None
    now = timezone.now()
    revision = (
        Revision.objects.create(date_created=now, user=actor, comment=DELETION_COMMENT)
        if listed
        else None
    )
    return Deletion.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=stored_id,
        object_repr=str(obj),
        deleted_by=actor,
        deleted_at=now,
        revision=revision,
        version=last_version,
        links=read_links(obj),
        excluded_fields=read_excluded(stored or obj),
    )


@transaction.atomic
def restore_deletion(*, deletion: Deletion, actor=None) -> Deletion:
    """Give a recovered record back what its deletion took; mark the deletion recovered.

    The record must exist again (reversion recovered it): raises the model's ``DoesNotExist``
    otherwise. Excluded fields are written with ``QuerySet.update`` (no ``save()``, no
    ``post_save``: the values are the ones the record had, not an edit). Links are re-added
    from the owning side through its many-to-many manager, so ``m2m_changed`` receivers see an
    ordinary ``add`` on the owner; a link whose owner has since been deleted is dropped, and a
    cleared foreign key is set again only if nothing else was put there since.
    """
    model = deletion.content_type.model_class()
    obj = model._base_manager.get(**{object_id_field(model): deletion.object_id})
    _restore_excluded(obj, deletion.excluded_fields)
    _restore_links(obj, deletion.links)
    now = timezone.now()
    # An older deletion of the same record still pending was undone outside this log.
    Deletion.objects.pending().filter(
        content_type_id=deletion.content_type_id, object_id=deletion.object_id
    ).update(recovered_at=now, recovered_by=actor)
    deletion.recovered_at, deletion.recovered_by = now, actor
    obj.refresh_from_db()
    record_restored.send(sender=model, instance=obj, actor=actor)
    return deletion


@transaction.atomic
def restore_deleted_in_revision(*, revision: Revision, actor=None) -> list[Deletion]:
    """After ``revision`` was reverted or recovered: restore the deletion of each record it
    brought back (the recovered record and, say, the memberships recovered with a person).

    Call it once reversion has written the records, in the same transaction.
    """
    keys = set(revision.version_set.values_list("content_type_id", "object_id"))
    latest: dict[tuple[int, str], Deletion] = {}
    for deletion in (
        Deletion.objects.pending().of_objects(keys).select_related("content_type").order_by("pk")
    ):
        latest[(deletion.content_type_id, deletion.object_id)] = deletion
    restored = []
    for deletion in latest.values():
        model = deletion.content_type.model_class()
        if model is None:
            continue
        id_field = object_id_field(model)
        if model._base_manager.filter(**{id_field: deletion.object_id}).exists():
            restored.append(restore_deletion(deletion=deletion, actor=actor))
    return restored


def _restore_excluded(obj: Model, values: dict) -> None:
    model = type(obj)
    updates = {}
    for field in excluded_fields(model):
        if field.many_to_many:
            ids = values.get(field.name) or []
            getattr(obj, field.name).add(*field.related_model._base_manager.filter(pk__in=ids))
            continue
        if not field.concrete or field.attname not in values:
            continue
        value = values[field.attname]
        value = None if value is None else field.to_python(value)
        if (
            field.is_relation
            and value is not None
            and not field.related_model._base_manager.filter(
                **{field.target_field.attname: value}
            ).exists()
        ):
            continue  # the user or row it named is gone: keep what the recovery set
        updates[field.attname] = value
    if updates:
        model._base_manager.filter(pk=obj.pk).update(**updates)
        for attname, value in updates.items():
            setattr(obj, attname, value)


def _restore_links(obj: Model, links: dict[str, list]) -> None:
    relations = link_relations(type(obj))
    for key, ids in links.items():
        rel = relations.get(key)
        if rel is None:  # the relation no longer exists in the models
            continue
        field = rel.field
        if rel.many_to_many:
            owners = rel.related_model._base_manager.filter(
                **{f"{field.m2m_target_field_name()}__in": ids}
            ).order_by("pk")
            for owner in owners:
                getattr(owner, field.name).add(obj)
        else:
            rel.related_model._base_manager.filter(
                pk__in=ids, **{f"{field.attname}__isnull": True}
            ).update(**{field.attname: getattr(obj, field.target_field.attname)})
