"""Bulk-writing rows and their history for large databases (``manage.py
generate_scale_data``; anything else that builds a big history, such as a benchmark, can use
it too).

Far more rows than the ordinary save path could write in minutes are inserted in bulk, which
skips ``save()``, signals and django-reversion's revision block. What those would have written
— versions serialised as reversion serialises them, the timestamps ``auto_now`` would stamp —
is written explicitly instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils.encoding import is_protected_type

from newsroom.history.registration import stored_field_names

BATCH = 2_000
# Field types whose Python values (ints, strings, None) are what the database stores.
PASSED_AS_THEY_ARE = frozenset(
    {"AutoField", "BigAutoField", "IntegerField", "PositiveIntegerField", "CharField",
     "TextField", "ForeignKey", "PositiveSmallIntegerField", "SlugField"}
)  # fmt: skip


class VersionData:
    """Stored versions of model instances, serialised as django-reversion serialises them.

    Reversion stores ``serializers.serialize("json", [obj], fields=<registered fields>)``. This
    builds the same record the way Django's Python serialiser does (a field's value if it is a
    protected type, else ``value_to_string``; a foreign key as its id) without the serialiser's
    per-call set-up, which cost more than the rest of a large run's versions together;
    many-to-many values, which it would read from the database one query per field, are given
    by the caller (sorted ids). ``fields(obj)`` returns the record as a dict so a caller can
    change a value between revisions (an ``updated_at`` that moves with each save) and
    ``dump()`` it again. The tests compare the output with Django's serialiser.
    """

    def __init__(self, model: type[models.Model]):
        stored = stored_field_names(model)
        self.label = str(model._meta)
        self.concrete = [
            f
            for f in model._meta.concrete_fields
            if f.name in stored and f.serialize and not f.primary_key
        ]
        self.many = [f.name for f in model._meta.many_to_many if f.name in stored]

    def fields(self, obj: models.Model, m2m: dict[str, list[int]] | None = None) -> dict:
        values = {}
        for f in self.concrete:
            value = f.value_from_object(obj)
            values[f.name] = value if is_protected_type(value) else f.value_to_string(obj)
        for name in self.many:
            values[name] = sorted((m2m or {}).get(name, []))
        return {"model": self.label, "pk": obj.pk, "fields": values}

    @staticmethod
    def dump(record: dict) -> str:
        # The encoding Django's JSON serialiser (and so django-reversion) uses.
        return json.dumps([record], cls=DjangoJSONEncoder, ensure_ascii=False)

    def serialize(self, obj: models.Model, m2m: dict[str, list[int]] | None = None) -> str:
        return self.dump(self.fields(obj, m2m))


def insert_values(
    model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence], *, batch: int = BATCH
) -> None:
    """Insert ``rows`` (values in the order of the fields ``names``) into ``model``'s table.

    ``bulk_create`` for rows nothing reads back as instances: each value is prepared by its
    field for the database (``get_db_prep_save``), as ``bulk_create`` prepares it, but without
    building a model instance and compiling every value into the statement, which make up most
    of a large run's time for the hundreds of thousands of revisions, versions, audit rows and
    many-to-many rows. No signal is sent (``bulk_create`` sends none either).
    """
    fields = [model._meta.get_field(name) for name in names]
    # Integers and strings reach the database as they are; only values a backend adapts
    # (times on SQLite, JSON everywhere) go through their field, which costs a few
    # microseconds a value.
    prepared = [i for i, f in enumerate(fields) if f.get_internal_type() not in PASSED_AS_THEY_ARE]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)

    def values_of(row: Sequence) -> list:
        values = list(row)
        for i in prepared:
            values[i] = fields[i].get_db_prep_save(values[i], connection)
        return values

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: PostgreSQL's own bulk load, several times faster than batched INSERTs.
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values_of(row))
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        pending = []
        for row in rows:
            pending.append(values_of(row))
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                pending = []
        if pending:
            cursor.executemany(sql, pending)


def encode_datetime(value) -> str:
    """A datetime as a stored version holds it (DjangoJSONEncoder: milliseconds, "Z")."""
    return DjangoJSONEncoder().default(value)


@contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` write the ``auto_now``/``auto_now_add`` values the caller set.

    Those fields stamp the current time in ``pre_save``, which ``bulk_create`` calls too, so a
    history spread over years would otherwise be dated all at once. The flags are restored on
    exit; nothing else runs in the process meanwhile (a management command).
    """
    changed = []
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
