"""Events with their place, parent and replacement, as the event pages' tests need them."""

from __future__ import annotations

import datetime as dt

from events.models import Event
from tests.support.factories import EventFactory, PlaceFactory


def sco_summit() -> Event:
    """The SCO summit in Tianjin with two child events: a meeting held at 10:30 UTC and a
    banquet cancelled, with a reason, and replaced by the meeting."""
    tianjin = PlaceFactory(slug="tianjin", name="Tianjin", time_zone="Asia/Shanghai")
    summit = EventFactory(slug="sco-summit", title="SCO summit", kind="summit", place=tianjin)
    meeting = EventFactory(
        slug="modi-cai-meeting",
        title="Modi meets Cai Qi",
        place=tianjin,
        parent=summit,
        status="held",
        starts_at=dt.datetime(2025, 8, 31, 10, 30, tzinfo=dt.UTC),
        start_precision="minute",
    )
    EventFactory(
        slug="banquet",
        title="Banquet for the prime minister",
        kind="banquet",
        place=tianjin,
        parent=summit,
        status="cancelled",
        status_reason="a change in the schedule",
        replaced_by=meeting,
    )
    return summit
