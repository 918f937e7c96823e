"""The demo's sections, tags, bylines and articles."""

from __future__ import annotations

from newsroom.demo.timeline import tianjin
from newsroom.demo.users import WRITER

SECTIONS = [
    {"slug": "world", "name": "World", "description": "International news.", "position": 1},
    {
        "slug": "explainers",
        "name": "Explainers",
        "description": "Who is who and how things work.",
        "position": 2,
    },
]

TAGS = [
    {"slug": "india-china-relations", "name": "India–China relations"},
    {"slug": "chinese-communist-party", "name": "Chinese Communist Party"},
    {"slug": "sco-summit-2025", "name": "SCO summit 2025"},
]

AUTHORS = [
    {
        "slug": "demo-writer",  # kept: its address predates the name
        "name": "Tom Okafor",
        "user": WRITER,
        "role": "Diplomatic correspondent",
        "bio": "Covers India's foreign relations for the demo newsroom.",
    },
    {
        "slug": "explainers-desk",
        "name": "Explainers Desk",
        "role": "Desk",
        "bio": "Background pieces written by the newsroom.",
    },
]

NEWS_BODY_PLEDGE_FIRST = """\
India's [[org:mea]] said Modi set out his vision for the relationship \
[[claim:mea-modi-shared-vision]]. By India's account, Cai promised to increase exchanges with \
Xi Jinping in line with the consensus the two leaders had reached.
"""

NEWS_BODY_PLEDGE_CORRECTED = """\
India's [[org:mea]] said Modi set out his vision for the relationship \
[[claim:mea-modi-shared-vision]]. By India's account, Cai said China wanted to expand exchanges \
between the two countries and to improve ties in line with the consensus Modi and Xi had \
reached [[claim:cai-pledged-expanded-bilateral-exchanges]]. Some reports turned this into a \
promise of more exchanges “with Xi Jinping”; we rated that reading misleading \
[[claim:report-b-cai-promised-exchanges-with-xi]].
"""

NEWS_BODY = """\
[[person:narendra-modi]] met [[person:cai-qi]] in Tianjin on Sunday, after his talks with \
[[person:xi-jinping]] on the sidelines of the [[event:sco-summit-tianjin-2025]] \
[[claim:modi-met-cai-after-xi-talks]] [[claim:modi-xi-talks-on-sco-sidelines]].

The meeting was not the original plan. India's Foreign Secretary, [[person:vikram-misri]], told \
reporters that the Chinese side had first proposed a banquet for Modi, with Cai as host on \
Xi's behalf [[claim:chinese-side-proposed-banquet]]. A scheduling conflict ruled the banquet \
out, and the two men met briefly instead [[claim:banquet-dropped-for-scheduling-conflict]] \
([[event:modi-cai-qi-meeting-tianjin-2025]]).

## Who Modi met

Cai is one of the seven members of the [[org:ccp-politburo-standing-committee]], the country's \
most powerful decision-making body, and ranks fifth among them \
[[claim:cai-qi-one-of-seven-pbsc-members]] [[claim:pbsc-is-top-decision-making-body]] \
[[claim:cai-qi-ranked-fifth-on-pbsc]]. He also heads the party's [[org:ccp-general-office]], \
which makes him, in effect, Xi's chief of staff [[claim:cai-qi-directs-general-office]] \
[[claim:cai-qi-de-facto-chief-of-staff]]. Cai seldom meets foreign leaders and mostly works \
out of public view [[claim:cai-rarely-meets-foreign-leaders]].

## What was said

{pledge}"""

EXPLAINER_BODY = """\
[[person:cai-qi]] seldom appears in foreign news, yet he sits near the very top of the \
[[org:ccp]]. Here is what the record shows, and where reports about him differ.

## His rank

Cai is one of the seven members of the [[org:ccp-politburo-standing-committee]] and fifth in \
its protocol order [[claim:cai-qi-one-of-seven-pbsc-members]] \
[[claim:cai-qi-ranked-fifth-on-pbsc]]. He has held the seat since 23 October 2022, when the \
party presented its new leadership. The same day he became the first-ranked secretary of the \
[[org:ccp-secretariat]] [[claim:cai-qi-first-ranked-secretariat-member]]; one report's caption \
calls him “Secretary of the Secretariat”, which leaves out the rank \
[[claim:cai-qi-secretary-of-the-secretariat-title]].

## His office

He directs the [[org:ccp-general-office]] [[claim:cai-qi-directs-general-office]]. The office \
relays the leadership's decisions, keeps the top leader's diary and papers, and checks that \
his instructions are followed in ministries and provinces [[claim:general-office-functions]]. \
That is why its director is often called [[person:xi-jinping]]'s chief of staff \
[[claim:cai-qi-de-facto-chief-of-staff]]. One report adds that the office can unblock \
anything from flights and visas to border trade; we could not verify that \
[[claim:general-office-clears-bureaucratic-delays]].

When he took the post is a small puzzle of its own. He was reported in it from late 2022, but \
state media first named him director only on 20 March 2023. His profile gives the month and \
explains the gap.

## His path

Cai built his career in Fujian and Zhejiang, the provinces where Xi also served \
[[claim:cai-xi-worked-together-fujian-zhejiang]], and was mayor of Hangzhou from 2007 to 2010. \
In Beijing he was mayor, then the city's Party Secretary from 2017 to 2022 \
[[claim:cai-qi-former-beijing-party-secretary]], and he chaired the \
[[org:beijing-2022-organizing-committee]] [[claim:cai-qi-led-beijing-2022-organizing-committee]].

## Why the meeting drew attention

Cai seldom meets foreign leaders and mostly works out of public view \
[[claim:cai-rarely-meets-foreign-leaders]], so his meeting with [[person:narendra-modi]] \
([[event:modi-cai-qi-meeting-tianjin-2025]]) was read as a signal. Some commentary goes further \
and says that his closeness to Xi lets him steer China's policy toward India; nothing public \
shows it either way [[claim:cai-ties-let-him-influence-india-policy]].

## A note on his name

In Chinese names the family name comes first. Cai Qi's family name is Cai, so on second \
reference he is “Cai”, not “Qi”, as one report has it.
"""

ARTICLES = [
    {
        "slug": "modi-meets-cai-qi-in-tianjin",
        "headline": "Modi meets Cai Qi, Xi's chief of staff, after a planned banquet is dropped",
        "standfirst": "India's prime minister held a brief meeting in Tianjin with the "
        "fifth-ranked member of China's top party body, after his talks with Xi Jinping.",
        # Published first with a mistake that a correction then put right.
        "first_body": NEWS_BODY.format(pledge=NEWS_BODY_PLEDGE_FIRST),
        "body": NEWS_BODY.format(pledge=NEWS_BODY_PLEDGE_CORRECTED),
        "kind": "news",
        "section": "world",
        "tags": ["india-china-relations", "sco-summit-2025", "chinese-communist-party"],
        "bylines": ["demo-writer"],
        # When each step happened (newsroom.demo.timeline): the writer's first draft, its
        # moves to review and approval, then publication at ``publish_at``; after it the
        # corrected text, saved as a draft and published that night.
        "history": {
            "drafted": tianjin(8, 31, 19, 48),
            "in_review": tianjin(8, 31, 19, 52),
            "approved": tianjin(8, 31, 19, 56),
            "changes_drafted": tianjin(8, 31, 22, 30),
            "changes_published": tianjin(8, 31, 22, 40),
        },
        "publish_at": tianjin(8, 31, 20, 0),
        "corrections": [
            {
                "kind": "correction",
                "text": "An earlier version of this story said Cai Qi promised to increase "
                "exchanges with Xi Jinping. By India's account he spoke of expanding exchanges "
                "between China and India, in line with the consensus Modi and Xi had reached. "
                "The story has been corrected.",
                # Readers see the article stamped "updated" with this.
                "note": "Corrected what Cai Qi pledged, per India's accounts of the meeting.",
                "at": tianjin(8, 31, 22, 41),
            },
        ],
    },
    {
        "slug": "who-is-cai-qi",
        "headline": "Who is Cai Qi, the party official Modi met in Tianjin?",
        "standfirst": "He ranks fifth in China's top party body and runs the office at the "
        "centre of Xi Jinping's power. What we know, and where reports get him wrong.",
        "body": EXPLAINER_BODY,
        "kind": "explainer",
        "section": "explainers",
        "tags": ["chinese-communist-party", "india-china-relations"],
        "bylines": ["demo-writer", "explainers-desk"],
        "history": {
            "drafted": tianjin(9, 1, 8, 0),
            "in_review": tianjin(9, 1, 9, 0),
            "approved": tianjin(9, 1, 9, 30),
        },
        "publish_at": tianjin(9, 1, 10, 0),
    },
]
