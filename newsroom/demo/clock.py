"""The demo's clock: what the loader writes is dated when the demo's history says it happened.

The loader makes every save and workflow move through the ordinary code (model saves,
``newsroom.actions``, django-reversion), which stamps the real time: ``auto_now`` fields,
review and article events, revisions, "reviewed" and "updated" times. Patching
``timezone.now`` would reach every thread and every caller; giving each action a time argument
would still leave the ``auto_now`` fields. So the clock records, for each step, the real-time
window it ran in and the moment it stands for (``with clock.at(moment): ...``), and at the end
of the load, in the same transaction, ``restamp()`` gives every timestamp written inside a
window that window's moment: the demo's own rows, their revisions, and the field values the
revisions' versions hold. The steps themselves run, check and compare with the real clock, as
they would for anyone.

Only what the load wrote moves: a timestamp outside every window (rows that were there
before, or a time computed ahead such as a link's expiry) is left alone. A disabled clock
(``enabled=False``) dates nothing: the loader uses one when it repairs an existing demo, since a
repair made today happened today.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from reversion.models import Revision, Version

# The apps whose rows the demo writes; auth for the logins' "date joined".
STAMPED_APPS = ("profiles", "events", "newsroom", "reversion")
# A version's serialized times keep milliseconds only (DjangoJSONEncoder), so one saved just
# after a window opened can read up to a millisecond earlier.
SERIALIZED_PRECISION = dt.timedelta(milliseconds=1)


class Window(NamedTuple):
    begin: dt.datetime
    end: dt.datetime
    moment: dt.datetime


class DemoClock:
    """Steps of the load, each with the moment of the demo's history it stands for."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.windows: list[Window] = []
        self._open = False

    @contextmanager
    def at(self, moment: dt.datetime) -> Iterator[None]:
        """What the block writes happened at ``moment``. Blocks do not nest."""
        if self._open:
            raise RuntimeError("The demo's clock steps do not nest.")
        self._open = True
        begin = timezone.now()
        try:
            yield
        finally:
            self._open = False
            if self.enabled:
                self.windows.append(Window(begin, timezone.now(), moment))

    def moment_of(self, value: dt.datetime | None, *, slack: dt.timedelta = dt.timedelta(0)):
        """The moment of the window ``value`` was written in, or None if in none."""
        if value is None or not self.windows:
            return None
        index = bisect_right([w.begin - slack for w in self.windows], value) - 1
        if index >= 0 and value <= self.windows[index].end:
            return self.windows[index].moment
        return None

    def restamp(self) -> int:
        """Date every timestamp written inside a window with its moment; return how many rows
        changed. Call once, at the end of the load, inside its transaction."""
        if not self.windows:
            return 0
        changed = 0
        revision_ids: list[int] = []
        for model in stamped_models():
            rows = self._restamp_model(model)
            changed += len(rows)
            if model is Revision:
                revision_ids = [row.pk for row in rows]
        for version in Version.objects.filter(revision_id__in=revision_ids):
            serialized = self._restamp_serialized(version.serialized_data)
            if serialized != version.serialized_data:
                Version.objects.filter(pk=version.pk).update(serialized_data=serialized)
        self.windows.clear()
        return changed

    def _restamp_model(self, model: type[models.Model]) -> list[models.Model]:
        fields = datetime_fields(model)
        first, last = self.windows[0].begin, self.windows[-1].end
        written = models.Q()
        for field in fields:
            written |= models.Q(**{f"{field.attname}__range": (first, last)})
        rows = []
        for row in model._base_manager.filter(written).only("pk", *(f.attname for f in fields)):
            moved = False
            for field in fields:
                moment = self.moment_of(getattr(row, field.attname))
                if moment is not None:
                    setattr(row, field.attname, moment)
                    moved = True
            if moved:
                rows.append(row)
        # bulk_update writes the values as given: no auto_now, no signals, no new revision.
        model._base_manager.bulk_update(rows, [f.name for f in fields], batch_size=200)
        return rows

    def _restamp_serialized(self, serialized: str) -> str:
        data = json.loads(serialized)
        for item in data:
            model = apps.get_model(item["model"])
            for field in datetime_fields(model):
                value = item["fields"].get(field.name)
                parsed = parse_datetime(value) if isinstance(value, str) else None
                moment = self.moment_of(parsed, slack=SERIALIZED_PRECISION)
                if moment is not None:
                    item["fields"][field.name] = moment.astimezone(dt.UTC)
        # The same encoding Django's JSON serializer (and so django-reversion) uses.
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


def datetime_fields(model: type[models.Model]) -> list[models.DateTimeField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]


def stamped_models() -> list[type[models.Model]]:
    """The models whose timestamps the demo's load may write, revisions last."""
    found = [get_user_model()]
    for label in STAMPED_APPS:
        found += [m for m in apps.get_app_config(label).get_models() if datetime_fields(m)]
    found.sort(key=lambda model: model is Revision)
    return found
