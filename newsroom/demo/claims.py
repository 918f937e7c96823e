"""The demo's claims, each with its citations and the verdict the fact-checker gives it."""

from __future__ import annotations

import datetime as dt

from newsroom.demo.events import BANQUET, BRIEFING, MODI_CAI_MEETING, MODI_XI_TALKS, SUMMIT

D = dt.date

# Claims. ``target`` is how far the demo drives each one through the fact-check workflow:
# the writer drafts and submits, the fact-checker takes it and rates it. A few stay behind so
# the review queue has work. ``about_memberships`` names (person, organization, role).
# A citation's ``role`` is "appearance" where the source is where the claim itself was made
# (the MEA's own statement and briefing, the transcript of Misri's words, Report B's own
# wording); the rest are evidence, and a report that retells the words is evidence of them.

A, B, MEA, BRIEF = "report-a", "report-b", "mea-statement", "misri-briefing"

CLAIMS = [
    {
        "slug": "cai-qi-one-of-seven-pbsc-members",
        "statement": "Cai Qi is one of the seven members of the Chinese Communist Party's "
        "Politburo Standing Committee.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["ccp-politburo-standing-committee"],
        "about_memberships": [("cai-qi", "ccp-politburo-standing-committee", "Member")],
        "citations": [
            {
                "source": A,
                "excerpt": "Cai Qi is one of only seven members of the Politburo Standing "
                "Committee",
                "locator": "para 2",
            },
            {
                "source": B,
                "excerpt": "Qi is one of the seven members of the CCP Politburo Standing Committee",
                "locator": "para 3",
            },
        ],
        "verdict": "accurate",
        "rationale": "Both reports say so, and it matches the line-up the party presented on "
        "23 October 2022, when the committee was set at seven members.",
    },
    {
        "slug": "cai-qi-ranked-fifth-on-pbsc",
        "statement": "Cai Qi is fifth in the protocol order of the seven-member Politburo "
        "Standing Committee.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["ccp-politburo-standing-committee"],
        "about_memberships": [("cai-qi", "ccp-politburo-standing-committee", "Member")],
        "citations": [
            {
                "source": B,
                "excerpt": "the fifth-ranking member of the powerful seven-member CCP Politburo "
                "Standing Committee",
                "locator": "para 4",
            },
        ],
        "verdict": "accurate",
        "rationale": "Report B gives the rank; that he is one of the seven is a separate "
        "claim, which both reports support. Reference pages, which we consulted but did not "
        "archive, list him fifth since 23 October 2022.",
    },
    {
        "slug": "cai-qi-first-ranked-secretariat-member",
        "statement": "Cai Qi is the first-ranked secretary of the CCP Secretariat.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["ccp-secretariat"],
        "about_memberships": [("cai-qi", "ccp-secretariat", "First-ranked secretary")],
        "citations": [
            {
                "source": B,
                "excerpt": "the current first-ranked member of the Secretariat of the CCP",
                "locator": "para 4",
            },
        ],
        "verdict": "accurate",
        "rationale": "Report B says so and reference pages agree: he has led the Secretariat's "
        "list of secretaries since 23 October 2022.",
    },
    {
        "slug": "cai-qi-secretary-of-the-secretariat-title",
        "statement": "Cai Qi's title is Secretary of the Secretariat of the Chinese Communist "
        "Party.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["ccp-secretariat"],
        "citations": [
            {
                "source": B,
                "excerpt": "Cai Qi, Secretary of the Secretariat of the Chinese Communist Party, "
                "in Tianjin on Sunday.",
                "locator": "photo caption",
            },
            {
                "source": B,
                "excerpt": "Cai Qi, the Secretary of the Secretariat of the Chinese Communist "
                "Party (CCP)",
                "locator": "para 2",
            },
        ],
        "verdict": "mostly_accurate",
        "rationale": "The Secretariat has several secretaries and Cai is the first-ranked of "
        "them. The caption's title is not wrong, but it drops the rank that tells readers he "
        "leads the body.",
    },
    {
        "slug": "cai-qi-directs-general-office",
        "statement": "Cai Qi is the director of the CCP General Office.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["ccp-general-office"],
        "about_memberships": [("cai-qi", "ccp-general-office", "Director")],
        "citations": [
            {
                "source": A,
                "excerpt": "As director of the CCP’s General Office",
                "locator": "para 4",
            },
            {
                "source": B,
                "excerpt": "PM Modi on Sunday met Cai Qi, the director of the CCP General Office",
                "locator": "para 1",
            },
        ],
        "verdict": "accurate",
        "rationale": "Both reports agree. When he took the post is less certain: he was "
        "reported in it from late 2022, and state media first named him director on 20 March "
        "2023. His profile gives the month and a note.",
    },
    {
        "slug": "cai-qi-de-facto-chief-of-staff",
        "statement": "As director of the General Office, Cai Qi is in effect Xi Jinping's chief "
        "of staff.",
        "kind": "assessment",
        "about_people": ["cai-qi", "xi-jinping"],
        "about_organizations": ["ccp-general-office"],
        "citations": [
            {
                "source": B,
                "excerpt": "which makes him the de facto chief of staff to CCP General Secretary "
                "and Chinese President Xi Jinping",
                "locator": "para 1",
            },
            {
                "source": A,
                "excerpt": "Cai oversees everything from implementing Politburo decisions to "
                "coordinating with ministries and enforcing Xi Jinping’s directives",
                "locator": "para 4",
                "stance": "context",
            },
        ],
        "verdict": "mostly_accurate",
        "rationale": "“Chief of staff” is an outside label, not a party title. It fits what "
        "the office does for the General Secretary, and coverage of his appointment in March "
        "2023 used the same description.",
    },
    {
        "slug": "general-office-functions",
        "statement": "The CCP General Office passes on the leadership's decisions, runs the top "
        "leader's schedule and paperwork, and checks that his instructions are carried out in "
        "ministries and provinces.",
        "kind": "fact",
        "about_organizations": ["ccp-general-office"],
        "citations": [
            {
                "source": B,
                "excerpt": "tasked with disseminating decisions made by the Politburo Standing "
                "Committee, managing the leader’s schedule, overseeing paperwork",
                "locator": "para 6",
            },
            {
                "source": A,
                "excerpt": "implementing Politburo decisions to coordinating with ministries and "
                "enforcing Xi Jinping’s directives",
                "locator": "para 4",
            },
        ],
        "verdict": "accurate",
        "rationale": "The two reports describe the office's work in the same terms, and the "
        "description matches standard accounts of the General Office.",
    },
    {
        "slug": "general-office-clears-bureaucratic-delays",
        "statement": "The General Office can clear bureaucratic hold-ups, such as those over "
        "flights, visas or border trade.",
        "kind": "assessment",
        "about_organizations": ["ccp-general-office"],
        "citations": [
            {
                "source": A,
                "excerpt": "It’s also the office that can resolve bureaucratic delays, whether "
                "related to flights, visas, or border trade.",
                "locator": "para 4",
            },
        ],
        "verdict": "unverifiable",
        "rationale": "Plausible for an office that coordinates the ministries, but Report A "
        "gives no example or source, and the office's interventions are not made public.",
    },
    {
        "slug": "mea-modi-shared-vision",
        "statement": "According to India's Ministry of External Affairs, Modi shared his vision "
        "for the India–China relationship with Cai Qi.",
        "kind": "attribution",
        "claimant_organization": "mea",
        "said_on": D(2025, 8, 31),
        "about_people": ["narendra-modi", "cai-qi"],
        "about_events": [MODI_CAI_MEETING],
        "citations": [
            {
                "source": MEA,
                "role": "appearance",
                "excerpt": "shared his vision for the relationship",
                "locator": "phrase 1",
            },
            {
                "source": A,
                "excerpt": "According to the Ministry of External Affairs, Modi “shared his "
                "vision for the relationship,”",
                "locator": "para 1",
            },
            {
                "source": BRIEF,
                "role": "appearance",
                "excerpt": "The Prime Minister shared his overall vision for the India-China "
                "relationship",
                "locator": "quoted passage",
            },
        ],
        "verdict": "accurate",
        "rationale": "Both reports quote the MEA in the same words, and the Foreign Secretary "
        "said the same at his briefing.",
    },
    {
        "slug": "cai-pledged-expanded-bilateral-exchanges",
        "statement": "Cai Qi said China wanted to expand bilateral exchanges with India and to "
        "improve relations in line with the consensus reached by Modi and Xi Jinping.",
        "kind": "attribution",
        "claimant_person": "cai-qi",
        "said_on": D(2025, 8, 31),
        "said_at_event": MODI_CAI_MEETING,
        "about_people": ["cai-qi", "narendra-modi", "xi-jinping"],
        "about_events": [MODI_CAI_MEETING],
        "citations": [
            {
                "source": BRIEF,
                "excerpt": "reiterated the Chinese side's desire to expand bilateral exchanges",
                "locator": "quoted passage",
            },
            {
                "source": A,
                "excerpt": "Cai pledged to expand exchanges “in line with the leader-level "
                "consensus” reached earlier with President Xi Jinping",
                "locator": "para 1",
            },
        ],
        "verdict": "accurate",
        "rationale": "The Foreign Secretary's account and Report A's reading of the MEA "
        "statement agree: exchanges between the two countries, framed by the leaders' "
        "consensus. We hold only India's side of the conversation.",
    },
    {
        "slug": "report-b-cai-promised-exchanges-with-xi",
        "statement": "According to the MEA, Cai Qi promised to increase exchanges with Xi Jinping.",
        "kind": "attribution",
        "claimant_organization": "indian-news-outlet-report-b",
        "about_people": ["cai-qi", "xi-jinping"],
        "about_events": [MODI_CAI_MEETING],
        "citations": [
            {
                "source": B,
                "role": "appearance",
                "excerpt": "Cai promised to increase exchanges with Xi Jinping ‘in line with "
                "leader-level consensus’",
                "locator": "para 10",
            },
            {
                "source": A,
                "excerpt": "Cai pledged to expand exchanges “in line with the leader-level "
                "consensus” reached earlier with President Xi Jinping",
                "locator": "para 1",
                "stance": "contradicts",
            },
            {
                "source": BRIEF,
                "excerpt": "reiterated the Chinese side's desire to expand bilateral exchanges",
                "locator": "quoted passage",
                "stance": "contradicts",
            },
        ],
        "verdict": "misleading",
        "rationale": "Report B's wording changes the object of the pledge. In Report A's "
        "reading of the MEA statement and in the Foreign Secretary's account, Cai spoke of "
        "exchanges between China and India; Xi Jinping comes in only as one of the two leaders "
        "whose consensus frames them. Cai did not promise more exchanges with Xi.",
    },
    {
        "slug": "chinese-side-proposed-banquet",
        "statement": "Vikram Misri said the Chinese side had first proposed that Cai Qi host a "
        "banquet for Modi on Xi Jinping's behalf.",
        "kind": "quote",
        "claimant_person": "vikram-misri",
        "said_on": D(2025, 8, 31),
        "said_at_event": BRIEFING,
        "about_people": ["cai-qi", "narendra-modi", "xi-jinping"],
        "about_events": [BANQUET],
        "citations": [
            {
                "source": BRIEF,
                "role": "appearance",
                "excerpt": "There was originally a proposal from the Chinese side for Mr. Cai to "
                "host a banquet for the Prime Minister on behalf of President Xi Jinping",
                "locator": "quoted passage",
            },
            {
                "source": A,
                "excerpt": "There was originally a proposal from the Chinese side for Mr. Cai to "
                "host a banquet for the Prime Minister on behalf of President Xi Jinping",
                "locator": "para 3",
            },
        ],
        "verdict": "accurate",
        "rationale": "Said on the record at the Foreign Secretary's briefing and quoted by "
        "Report A. No Chinese account we hold mentions the banquet, which neither confirms "
        "nor denies it.",
    },
    {
        "slug": "banquet-dropped-for-scheduling-conflict",
        "statement": "The proposed banquet was dropped because of a scheduling conflict, and "
        "Modi and Cai Qi held a brief meeting instead.",
        "kind": "fact",
        "claimant_person": "vikram-misri",
        "said_on": D(2025, 8, 31),
        "said_at_event": BRIEFING,
        "about_people": ["cai-qi", "narendra-modi"],
        "about_events": [BANQUET, MODI_CAI_MEETING],
        "citations": [
            {
                "source": BRIEF,
                "excerpt": "as there was a scheduling conflict, it was decided to have a brief "
                "meeting",
                "locator": "quoted passage",
            },
            {
                "source": A,
                "excerpt": "as there was a scheduling conflict, it was decided to have a brief "
                "meeting",
                "locator": "para 3",
            },
        ],
        "verdict": "mostly_accurate",
        "rationale": "The change of plan is on the record and the meeting took place. The "
        "reason rests on the Indian side's word alone; China has not explained it.",
    },
    {
        "slug": "modi-met-cai-after-xi-talks",
        "statement": "Modi met Cai Qi in Tianjin on 31 August 2025, after his talks with Xi "
        "Jinping.",
        "kind": "fact",
        "about_people": ["narendra-modi", "cai-qi", "xi-jinping"],
        "about_events": [MODI_CAI_MEETING, MODI_XI_TALKS],
        "citations": [
            {
                "source": B,
                "excerpt": "Prime Minister Narendra Modi met Cai Qi, the Secretary of the "
                "Secretariat of the Chinese Communist Party (CCP), after holding bilateral "
                "talks with Chinese President Xi Jinping",
                "locator": "para 2",
            },
            {
                "source": BRIEF,
                "excerpt": "The PM had a separate meeting with Cai Qi, member of the CCP "
                "Politburo Standing Committee.",
                "locator": "quoted passage",
            },
        ],
        "verdict": "accurate",
        "rationale": "Report B gives the order of the two meetings and the Foreign Secretary "
        "confirmed the separate meeting the same day.",
    },
    {
        "slug": "modi-xi-talks-on-sco-sidelines",
        "statement": "Modi and Xi Jinping held bilateral talks on the sidelines of the SCO "
        "summit in Tianjin on 31 August 2025.",
        "kind": "fact",
        "about_people": ["narendra-modi", "xi-jinping"],
        "about_events": [MODI_XI_TALKS, SUMMIT],
        "citations": [
            {
                "source": B,
                "excerpt": "on the sidelines of the Shanghai Cooperation Organization (SCO) "
                "Summit in China’s Tianjin city on Sunday",
                "locator": "para 2",
            },
            {
                "source": B,
                "excerpt": "Earlier, PM Modi held a bilateral summit with Chinese President Xi "
                "Jinping",
                "locator": "para 11",
            },
        ],
        "verdict": "accurate",
        "rationale": "Report B places the talks on the summit's sidelines in Tianjin on "
        "Sunday and calls them a bilateral summit with Xi; the Sunday in question is "
        "31 August 2025.",
    },
    {
        "slug": "pbsc-is-top-decision-making-body",
        "statement": "The Politburo Standing Committee is China's most powerful decision-making "
        "body.",
        "kind": "fact",
        "about_organizations": ["ccp-politburo-standing-committee"],
        "citations": [
            {"source": A, "excerpt": "the country’s top decision-making body", "locator": "para 2"},
            {
                "source": B,
                "excerpt": "China’s most powerful decision-making body",
                "locator": "para 3",
            },
        ],
        "verdict": "accurate",
        "rationale": "Both reports say so, and it is the standard description of the "
        "committee's place in the party-state.",
    },
    {
        "slug": "cai-rarely-meets-foreign-leaders",
        "statement": "Meetings like this are rare: Cai Qi seldom meets foreign leaders and "
        "mostly works out of public view.",
        "kind": "assessment",
        "about_people": ["cai-qi"],
        "about_events": [MODI_CAI_MEETING],
        "citations": [
            {
                "source": A,
                "excerpt": "In China’s political hierarchy, such meetings are not routine.",
                "locator": "para 2",
            },
            {
                "source": B,
                "excerpt": "who rarely meets foreign leaders, and usually works behind the scenes",
                "locator": "para 3",
            },
        ],
        "verdict": "mostly_accurate",
        "rationale": "Both reports say so, and his public diplomatic calendar is thin. Neither "
        "counts his meetings, though, so “rare” is a judgement rather than a measured fact.",
    },
    {
        "slug": "cai-ties-let-him-influence-india-policy",
        "statement": "Cai Qi's close ties with Xi Jinping give him the power to sway China's "
        "policy toward India.",
        "kind": "assessment",
        "about_people": ["cai-qi", "xi-jinping"],
        "citations": [
            {
                "source": B,
                "excerpt": "Qi’s close ties with Xi means he has the power to influence the "
                "China President to improve relations with any country, including India.",
                "locator": "para 8",
            },
        ],
        "verdict": "unverifiable",
        "rationale": "Speculation: Report B offers no evidence of Cai shaping policy toward "
        "India, and decisions at this level are not made public. (The report also calls him "
        "“Qi”, his given name; in house style he is “Cai” on second reference.)",
    },
    {
        "slug": "state-media-talks-cooperation-engagement",
        "statement": "Chinese state media reported that the Modi–Cai Qi talks focused on "
        "strengthening India–China cooperation and deepening political engagement.",
        "kind": "attribution",
        "about_people": ["narendra-modi", "cai-qi"],
        "about_events": [MODI_CAI_MEETING],
        "citations": [
            {
                "source": B,
                "excerpt": "According to Chinese state media, the talks between PM Modi and Cai "
                "Qi focused on strengthening India-China cooperation and deepening bilateral "
                "political engagement.",
                "locator": "para 9",
            },
        ],
        # Waits in review for the state-media original (see that source's notes).
        "target": "in_review",
    },
    {
        "slug": "cai-qi-former-beijing-party-secretary",
        "statement": "Cai Qi was Party Secretary of Beijing, from May 2017 to November 2022.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["beijing-municipal-party-committee"],
        "about_memberships": [("cai-qi", "beijing-municipal-party-committee", "Party Secretary")],
        "citations": [
            {
                "source": A,
                "excerpt": "once serving as Party Secretary of Beijing",
                "locator": "para 5",
            },
            {
                "source": B,
                "excerpt": "Cai Qi has also served as the CCP’s Beijing chief",
                "locator": "para 8",
            },
        ],
        "verdict": "accurate",
        "rationale": "Both reports say so; the dates (27 May 2017 to 13 November 2022) come "
        "from reference pages, since neither report gives them.",
    },
    {
        "slug": "cai-qi-led-beijing-2022-organizing-committee",
        "statement": "Cai Qi oversaw Beijing's preparations for the 2022 Winter Olympics as head "
        "of the organizing committee.",
        "kind": "fact",
        "about_people": ["cai-qi"],
        "about_organizations": ["beijing-2022-organizing-committee"],
        "about_memberships": [("cai-qi", "beijing-2022-organizing-committee", "President")],
        "citations": [
            {"source": A, "excerpt": "overseeing the 2022 Winter Olympics", "locator": "para 5"},
            {"source": B, "excerpt": "oversaw the 2022 Winter Olympics", "locator": "para 8"},
        ],
        "verdict": "accurate",
        "rationale": "Both reports say he oversaw the Games; reference pages show he chaired "
        "the organizing committee from June 2017 until it wound up in March 2022.",
    },
    {
        "slug": "cai-xi-worked-together-fujian-zhejiang",
        "statement": "Cai Qi and Xi Jinping worked together in Fujian and Zhejiang provinces.",
        "kind": "fact",
        "about_people": ["cai-qi", "xi-jinping"],
        "citations": [
            {
                "source": B,
                "excerpt": "as both leaders have closely worked together in Fujian and Zhejiang",
                "locator": "para 8",
            },
            {
                "source": A,
                "excerpt": "His elevation reflects deep personal and political ties with Xi, "
                "dating back to their time in Fujian and Zhejiang provinces.",
                "locator": "para 5",
            },
        ],
        "verdict": "mostly_accurate",
        "rationale": "Their careers overlapped in both provinces while Xi held senior posts "
        "there. “Worked together” flatters the difference in rank: Cai served under Xi as a "
        "local official.",
    },
    {
        "slug": "modi-stressed-trust-respect-sensitivity",
        "statement": "According to the MEA, Modi told Xi Jinping that India was committed to "
        "moving relations forward on the basis of mutual trust, respect and sensitivity.",
        "kind": "attribution",
        "claimant_organization": "mea",
        "said_on": D(2025, 8, 31),
        "about_people": ["narendra-modi", "xi-jinping"],
        "about_events": [MODI_XI_TALKS],
        "citations": [
            {
                "source": B,
                "excerpt": "based on mutual trust, respect and sensitivity, the statement said",
                "locator": "para 11",
            },
        ],
        # Submitted, waiting for a fact-checker to take it.
        "target": "submitted",
    },
    {
        "slug": "beijing-anchors-india-outreach-in-party",
        "statement": "By sending Cai Qi, Beijing is running its outreach to India through the "
        "party's top leadership rather than only its foreign ministry.",
        "kind": "assessment",
        "about_people": ["cai-qi"],
        "about_organizations": ["ccp"],
        "citations": [
            {
                "source": A,
                "excerpt": "his presence signals that Beijing is anchoring its India outreach "
                "through the CCP’s core leadership, not just its foreign ministry",
                "locator": "para 2",
            },
        ],
        # The writer's draft, not yet submitted.
        "target": "draft",
    },
]
