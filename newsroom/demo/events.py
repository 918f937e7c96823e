"""The demo's places and events: the SCO summit in Tianjin and the meetings on its sidelines."""

from __future__ import annotations

import datetime as dt

D = dt.date

# Places

PLACES = [
    {"slug": "tianjin", "name": "Tianjin", "country": "China", "time_zone": "Asia/Shanghai"},
    {"slug": "kazan", "name": "Kazan", "country": "Russia", "time_zone": "Europe/Moscow"},
]

# ---------------------------------------------------------------------------------------------
# Events, in an order where ``parent`` and ``replaced_by`` come first. Dates are local to the
# place; a day-precision event starts at local midnight.

SUMMIT = "sco-summit-tianjin-2025"
MODI_XI_TALKS = "modi-xi-talks-tianjin-2025"
MODI_CAI_MEETING = "modi-cai-qi-meeting-tianjin-2025"
BANQUET = "banquet-for-modi-tianjin-2025"
BRIEFING = "misri-briefing-tianjin-2025"

EVENTS = [
    {
        "slug": SUMMIT,
        "title": "25th SCO Heads of State Council summit",
        "kind": "summit",
        "status": "held",
        "starts": D(2025, 8, 31),
        "ends": D(2025, 9, 1),
        "place": "tianjin",
        "organizer": "sco",
        "summary": "The SCO's annual summit of heads of state, hosted by China in Tianjin; "
        "leaders met bilaterally on its sidelines.",
        "participations": [
            {"person": "xi-jinping", "role": "host", "organization": "peoples-republic-of-china"},
            {"person": "narendra-modi", "role": "guest", "organization": "government-of-india"},
            {
                "person": "vikram-misri",
                "role": "delegation",
                "organization": "mea",
                "note": "Briefed the press for the Indian delegation.",
            },
        ],
    },
    {
        "slug": "modi-arrives-tianjin-2025",
        "title": "Modi arrives in Tianjin",
        "kind": "visit",
        "status": "held",
        "starts": D(2025, 8, 30),
        "place": "tianjin",
        "parent": SUMMIT,
        "summary": "Modi reached Tianjin for the SCO summit: his first visit to China in about "
        "seven years.",
        "participations": [
            {"person": "narendra-modi", "role": "guest", "organization": "government-of-india"},
        ],
    },
    {
        "slug": "modi-xi-talks-kazan-2024",
        "title": "Modi–Xi talks at the BRICS summit in Kazan",
        "kind": "bilateral",
        "status": "held",
        "starts": D(2024, 10, 1),
        "start_precision": "month",
        "place": "kazan",
        "summary": "The two leaders' previous meeting before Tianjin.",
        "participations": [
            {
                "person": "narendra-modi",
                "role": "participant",
                "organization": "government-of-india",
            },
            {
                "person": "xi-jinping",
                "role": "participant",
                "organization": "peoples-republic-of-china",
            },
        ],
    },
    {
        "slug": MODI_XI_TALKS,
        "title": "Modi–Xi bilateral talks",
        "kind": "bilateral",
        "status": "held",
        "starts": D(2025, 8, 31),
        "place": "tianjin",
        "parent": SUMMIT,
        "summary": "Narendra Modi and Xi Jinping met on the sidelines of the SCO summit, their "
        "first talks since Kazan in October 2024.",
        "participations": [
            {"person": "xi-jinping", "role": "host", "organization": "peoples-republic-of-china"},
            {"person": "narendra-modi", "role": "guest", "organization": "government-of-india"},
        ],
    },
    {
        "slug": MODI_CAI_MEETING,
        "title": "Modi–Cai Qi meeting",
        "kind": "meeting",
        "status": "held",
        "starts": D(2025, 8, 31),
        "place": "tianjin",
        "parent": SUMMIT,
        "summary": "A brief meeting after the Modi–Xi talks, held in place of a banquet the "
        "Chinese side had proposed.",
        "participations": [
            {"person": "cai-qi", "role": "host", "organization": "ccp"},
            {"person": "narendra-modi", "role": "guest", "organization": "government-of-india"},
        ],
    },
    {
        "slug": BANQUET,
        "title": "Banquet for Modi hosted by Cai Qi on Xi's behalf",
        "kind": "banquet",
        "status": "cancelled",
        "status_reason": "scheduling conflict",
        "starts": D(2025, 8, 31),
        "place": "tianjin",
        "parent": SUMMIT,
        "replaced_by": MODI_CAI_MEETING,
        "summary": "Proposed by the Chinese side, then dropped because of a scheduling "
        "conflict; a brief meeting took its place.",
        "participations": [
            {
                "person": "cai-qi",
                "role": "host",
                "organization": "ccp",
                "note": "Would have hosted on Xi Jinping's behalf.",
            },
            {"person": "narendra-modi", "role": "guest", "organization": "government-of-india"},
        ],
    },
    {
        "slug": BRIEFING,
        "title": "Foreign Secretary's special briefing in Tianjin",
        "kind": "briefing",
        "status": "held",
        "starts": D(2025, 8, 31),
        "place": "tianjin",
        "parent": SUMMIT,
        "organizer": "mea",
        "summary": "Vikram Misri briefed the press on the Prime Minister's meetings, including "
        "the one with Cai Qi.",
        "participations": [
            {"person": "vikram-misri", "role": "briefer", "organization": "mea"},
        ],
    },
]
