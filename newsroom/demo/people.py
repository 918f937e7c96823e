"""The demo's people and the positions they hold (memberships)."""

from __future__ import annotations

import datetime as dt

D = dt.date

# People and the positions they hold. A membership's natural key is (person, organization, role).

CAI_QI_BIOGRAPHY = """\
Cai Qi began his career in his home province of Fujian and moved on to Zhejiang, where he ran
cities including Hangzhou, whose mayor he was from 2007 to 2010. Xi Jinping held senior posts
in both provinces in the same years, and the overlap is usually given as the origin of their
close working relationship.

He came to Beijing in 2014, was acting mayor and then mayor of the capital, and led its party
committee from 2017 to 2022. In that time he also chaired the organizing committee of the 2022
Winter Olympics.

At the party congress of October 2022 he joined the Politburo Standing Committee, fifth in
its protocol order, and became the first-ranked secretary of the Secretariat. He also directs
the party's General Office, which makes him, in effect, Xi's chief of staff. He rarely meets
foreign leaders; his meeting with Narendra Modi in Tianjin on 31 August 2025 was an exception.
"""

GENERAL_OFFICE_NOTE = (
    "Sources give different start dates. He was reported as director from late 2022, after the "
    "party congress; state media first named him in the post on 2023-03-20, and reference "
    "pages (Wikipedia; SCMP, March 2023) date the appointment from that confirmation. We show "
    "the month he was first reported in it."
)

PEOPLE = [
    {
        "slug": "cai-qi",
        "full_name": "Cai Qi",
        "given_name": "Qi",
        "family_name": "Cai",
        "name_order": "family_first",
        "native_name": "蔡奇",
        "aliases": "Cài Qí",
        "birth_date": D(1955, 12, 5),
        "birth_date_precision": "day",
        "birthplace": "Youxi County, Fujian, China",
        "summary": "Fifth-ranked member of the CCP Politburo Standing Committee and director "
        "of the party's General Office.",
        "biography": CAI_QI_BIOGRAPHY,
        "memberships": [
            {
                "organization": "ccp-politburo-standing-committee",
                "role": "Member",
                "rank": 5,
                "start_date": D(2022, 10, 23),
            },
            {
                "organization": "ccp-secretariat",
                "role": "First-ranked secretary",
                "rank": 1,
                "start_date": D(2022, 10, 23),
            },
            {
                "organization": "ccp-general-office",
                "role": "Director",
                "start_date": D(2022, 10, 1),
                "start_precision": "month",
                "note": GENERAL_OFFICE_NOTE,
            },
            {
                "organization": "beijing-2022-organizing-committee",
                "role": "President",
                "start_date": D(2017, 6, 9),
                "end_date": D(2022, 3, 13),
                "note": "Chaired the committee until the Games were over.",
            },
            {
                "organization": "beijing-municipal-party-committee",
                "role": "Party Secretary",
                "start_date": D(2017, 5, 27),
                "end_date": D(2022, 11, 13),
            },
            {
                "organization": "beijing-municipal-government",
                "role": "Mayor",
                "start_date": D(2017, 1, 20),
                "end_date": D(2017, 5, 27),
            },
            {
                "organization": "beijing-municipal-government",
                "role": "Acting Mayor",
                "start_date": D(2016, 10, 31),
                "end_date": D(2017, 1, 20),
            },
            {
                "organization": "hangzhou-municipal-government",
                "role": "Mayor",
                "start_date": D(2007, 1, 1),
                "start_precision": "year",
                "end_date": D(2010, 1, 1),
                "end_precision": "year",
            },
        ],
    },
    {
        "slug": "xi-jinping",
        "full_name": "Xi Jinping",
        "given_name": "Jinping",
        "family_name": "Xi",
        "name_order": "family_first",
        "native_name": "习近平",
        "summary": "General Secretary of the Chinese Communist Party and President of China.",
        "memberships": [
            {
                "organization": "ccp",
                "role": "General Secretary",
                "start_date": D(2012, 11, 15),
            },
            {
                "organization": "peoples-republic-of-china",
                "role": "President",
                "start_date": D(2013, 3, 14),
            },
            {
                "organization": "ccp-politburo-standing-committee",
                "role": "Member",
                "rank": 1,
                "start_date": D(2007, 10, 1),
                "start_precision": "month",
                "note": "A member since the 17th Party Congress in October 2007; first in "
                "protocol order since he became General Secretary on 15 November 2012.",
            },
        ],
    },
    {
        "slug": "narendra-modi",
        "full_name": "Narendra Modi",
        "given_name": "Narendra",
        "family_name": "Modi",
        "name_order": "given_first",
        "summary": "Prime Minister of India since 2014.",
        "memberships": [
            {
                "organization": "government-of-india",
                "role": "Prime Minister",
                "start_date": D(2014, 5, 26),
            },
        ],
    },
    {
        "slug": "vikram-misri",
        "full_name": "Vikram Misri",
        "given_name": "Vikram",
        "family_name": "Misri",
        "name_order": "given_first",
        "summary": "India's Foreign Secretary since July 2024.",
        "memberships": [
            {
                "organization": "mea",
                "role": "Foreign Secretary",
                "start_date": D(2024, 7, 15),
            },
        ],
    },
]
