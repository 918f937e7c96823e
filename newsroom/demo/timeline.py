"""When each step of the demo's history happened, in Tianjin time (UTC+8).

The demo newsroom covers Modi's visit to Tianjin (he arrived on 30 August 2025, met Xi Jinping
and then Cai Qi on the 31st). The loader makes every save and every workflow move of that
history now, through the ordinary code, and ``newsroom.demo.clock`` then dates what each step
wrote with its moment here, so the pages read as the newsroom would have written them:

- 30 August: the desk sets up logins, places, organizations and profiles before the visit;
- 31 August, afternoon: the events, once they were held (or dropped), and the sources,
  captured as they came out;
- 31 August, evening: each claim is drafted, submitted, taken and rated, then the news story
  is written, reviewed and published at 20:00, and corrected later that night;
- 1 September: the explainer, published at 10:00, the last moment of the demo.

The articles' own moments (publication, the correction) are in ``newsroom.demo.articles``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple
from zoneinfo import ZoneInfo

TIANJIN = ZoneInfo("Asia/Shanghai")


def tianjin(month: int, day: int, hour: int, minute: int) -> dt.datetime:
    """A moment of 2025 in Tianjin time."""
    return dt.datetime(2025, month, day, hour, minute, tzinfo=TIANJIN)


class Phase(NamedTuple):
    """A stretch of work: its first step at ``start``, one step every ``pace`` after it."""

    start: dt.datetime
    pace: dt.timedelta

    def moments(self) -> Iterator[dt.datetime]:
        moment = self.start
        while True:
            yield moment
            moment += self.pace


MINUTE = dt.timedelta(minutes=1)

# Logins, places, organizations and people, one record every two minutes.
SETUP = Phase(tianjin(8, 30, 9, 0), 2 * MINUTE)
# The events are recorded once the day's meetings are over and the banquet is known dropped.
EVENTS = Phase(tianjin(8, 31, 16, 0), 3 * MINUTE)
# The sources, from when their texts were captured (``newsroom.demo.sources.ARCHIVED_AT``).
SOURCES = Phase(tianjin(8, 31, 16, 30), 5 * MINUTE)
# One claim every six minutes: drafted at the start of its slot, then each move after the
# offset below. The last one is rated well before the news story goes out at 20:00.
CLAIMS = Phase(tianjin(8, 31, 17, 15), 6 * MINUTE)
CLAIM_MOVES = {"submitted": 1 * MINUTE, "in_review": 2 * MINUTE, "reviewed": 5 * MINUTE}
# Sections, tags and bylines, set up as the story is written.
DESK = Phase(tianjin(8, 31, 19, 40), 1 * MINUTE)
