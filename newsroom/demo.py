"""The demo newsroom's content, as plain data: ``manage.py load_demo`` turns it into rows.

It holds what the two seed reports tell (DESIGN.md, FACTS.md): Narendra Modi's meeting with
Cai Qi in Tianjin on 31 August 2025, the banquet that gave way to it, who Cai Qi is, and where
the reports differ. Everything is written in our own words. Officials are quoted only in short,
attributed excerpts, and news reports only in the sentences a citation quotes.

The archived texts live here, not in files read at run time, so the demo loads from a clean
checkout. Each one says plainly what it is: the passages our citations quote are kept word for
word, and text in square brackets is our summary of the rest, never the source's wording.

Slugs are the natural keys the command looks rows up by; sources are looked up by title.
Dates with a precision are stored as the first day of the period (profiles.partial_dates).
"""

from __future__ import annotations

import datetime as dt

D = dt.date

# ---------------------------------------------------------------------------------------------
# Logins: for local demo use only. The passwords are public, so the command refuses to run when
# DEBUG is off unless it is forced.

ADMIN_URL = "http://127.0.0.1:8000/admin/"

USERS = [
    {
        "username": "editor",
        "password": "editor-demo-2025",
        "group": "editor",
        "first_name": "Demo",
        "last_name": "Editor",
    },
    {
        "username": "writer",
        "password": "writer-demo-2025",
        "group": "writer",
        "first_name": "Demo",
        "last_name": "Writer",
    },
    {
        "username": "factchecker",
        "password": "checker-demo-2025",
        "group": "fact-checker",
        "first_name": "Demo",
        "last_name": "Fact-checker",
    },
]

# Who the demo's own saves are recorded as, by kind of record.
EDITOR = "editor"
WRITER = "writer"
FACT_CHECKER = "factchecker"

# ---------------------------------------------------------------------------------------------
# Places

PLACES = [
    {"slug": "tianjin", "name": "Tianjin", "country": "China", "time_zone": "Asia/Shanghai"},
    {"slug": "kazan", "name": "Kazan", "country": "Russia", "time_zone": "Europe/Moscow"},
]

# ---------------------------------------------------------------------------------------------
# Organizations, parents before children.

GENERAL_OFFICE_DESCRIPTION = """\
The General Office is the administrative centre of the Chinese Communist Party's leadership. It
passes on the decisions of the Politburo and its Standing Committee, runs the top leader's
schedule, papers and security, and follows up that his instructions are carried out by
ministries and provinces. Its director is often described as the General Secretary's chief of
staff.
"""

ORGANIZATIONS = [
    {
        "slug": "ccp",
        "name": "Chinese Communist Party",
        "acronym": "CCP",
        "kind": "party",
        "country": "China",
        "summary": "China's ruling party, led by its General Secretary, Xi Jinping.",
    },
    {
        "slug": "ccp-central-committee",
        "name": "Central Committee of the Chinese Communist Party",
        "kind": "party_body",
        "parent": "ccp",
        "country": "China",
        "summary": "The party's leading body between congresses; it elects the Politburo.",
    },
    {
        "slug": "ccp-politburo",
        "name": "Politburo of the Chinese Communist Party",
        "kind": "party_body",
        "parent": "ccp-central-committee",
        "country": "China",
        "summary": "The Central Committee's political bureau, from which the Standing Committee "
        "is drawn.",
    },
    {
        "slug": "ccp-politburo-standing-committee",
        "name": "Politburo Standing Committee",
        "acronym": "PBSC",
        "kind": "party_body",
        "parent": "ccp-politburo",
        "country": "China",
        "seats": 7,
        "summary": "China's most powerful decision-making body: seven members, listed in a "
        "fixed protocol order.",
    },
    {
        "slug": "ccp-secretariat",
        "name": "Secretariat of the Central Committee of the Chinese Communist Party",
        "kind": "party_body",
        "parent": "ccp-central-committee",
        "country": "China",
        "summary": "Handles the Politburo's day-to-day work; its secretaries are ranked, and "
        "the first-ranked secretary leads it.",
    },
    {
        "slug": "ccp-general-office",
        "name": "General Office of the Central Committee of the Chinese Communist Party",
        "kind": "party_body",
        "parent": "ccp-central-committee",
        "country": "China",
        "summary": "The party leadership's administrative centre: circulates decisions, runs "
        "the leader's schedule and papers, checks that directives are carried out.",
        "description": GENERAL_OFFICE_DESCRIPTION,
    },
    {
        "slug": "beijing-municipal-party-committee",
        "name": "Beijing Municipal Committee of the Chinese Communist Party",
        "kind": "party_body",
        "parent": "ccp",
        "country": "China",
        "summary": "The party's committee for the capital; its secretary outranks the mayor.",
    },
    {
        "slug": "beijing-municipal-government",
        "name": "Beijing Municipal People's Government",
        "kind": "government",
        "country": "China",
        "summary": "The capital's city government, headed by the mayor.",
    },
    {
        "slug": "beijing-2022-organizing-committee",
        "name": "Beijing Organizing Committee for the 2022 Olympic and Paralympic Winter Games",
        "kind": "committee",
        "country": "China",
        "summary": "Prepared and ran the Beijing 2022 Winter Olympics and Paralympics; "
        "dissolved after the Games.",
    },
    {
        "slug": "hangzhou-municipal-government",
        "name": "Hangzhou Municipal People's Government",
        "kind": "government",
        "country": "China",
        "summary": "The city government of Hangzhou, capital of Zhejiang province.",
    },
    {
        "slug": "peoples-republic-of-china",
        "name": "People's Republic of China",
        "acronym": "PRC",
        "kind": "government",
        "country": "China",
        "summary": "The Chinese state; its President is head of state.",
    },
    {
        "slug": "government-of-india",
        "name": "Government of India",
        "kind": "government",
        "country": "India",
        "summary": "India's union government, led by the Prime Minister.",
    },
    {
        "slug": "mea",
        "name": "Ministry of External Affairs",
        "acronym": "MEA",
        "kind": "ministry",
        "parent": "government-of-india",
        "country": "India",
        "summary": "India's foreign ministry; its senior civil servant is the Foreign Secretary.",
    },
    {
        "slug": "sco",
        "name": "Shanghai Cooperation Organisation",
        "acronym": "SCO",
        "kind": "multilateral",
        "seats": 10,
        "summary": "A Eurasian political and security grouping of ten member states, India and "
        "China among them.",
    },
    {
        "slug": "xinhua",
        "name": "Xinhua News Agency",
        "acronym": "Xinhua",
        "kind": "media",
        "country": "China",
        "summary": "China's state news agency.",
    },
    {
        "slug": "scmp",
        "name": "South China Morning Post",
        "acronym": "SCMP",
        "kind": "media",
        "country": "Hong Kong",
        "summary": "English-language daily newspaper published in Hong Kong.",
    },
    # The seed reports do not name their publishers; these stand in for them.
    {
        "slug": "indian-news-outlet-report-a",
        "name": "Indian news outlet (Report A)",
        "kind": "media",
        "country": "India",
        "summary": "Publisher of Report A, which the seed text does not name.",
    },
    {
        "slug": "indian-news-outlet-report-b",
        "name": "Indian news outlet (Report B)",
        "kind": "media",
        "country": "India",
        "summary": "Publisher of Report B, which the seed text does not name.",
    },
]

# ---------------------------------------------------------------------------------------------
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
                "start_date": D(2012, 11, 15),
                "note": "First in protocol order since he became General Secretary; a member "
                "of the committee since 2007.",
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

# ---------------------------------------------------------------------------------------------
# Sources. Keys are used by the citations below; the command looks sources up by title.

CAPTURE_NOTE = (
    "[Demo capture. Sentences that the demo's citations quote are kept word for word; text in "
    "square brackets is Newsroom's summary of the rest of the report, not its wording.]"
)

REPORT_A_TEXT = f"""\
{CAPTURE_NOTE}

[Para 1, summarised: Modi's visit to China included an unusual diplomatic gesture, a meeting \
with Cai Qi, whom the report counts among the most powerful officials of the Chinese Communist \
Party.] According to the Ministry of External Affairs, Modi “shared his vision for the \
relationship,” while Cai pledged to expand exchanges “in line with the leader-level consensus” \
reached earlier with President Xi Jinping.

In China’s political hierarchy, such meetings are not routine. Cai Qi is one of only seven \
members of the Politburo Standing Committee — the country’s top decision-making body — and his \
presence signals that Beijing is anchoring its India outreach through the CCP’s core \
leadership, not just its foreign ministry.

Foreign Secretary Vikram Misri explained, “The PM had a separate meeting with Cai Qi, member of \
the CCP Politburo Standing Committee. There was originally a proposal from the Chinese side for \
Mr. Cai to host a banquet for the Prime Minister on behalf of President Xi Jinping... However, \
as there was a scheduling conflict, it was decided to have a brief meeting... The Prime \
Minister shared his overall vision for the India-China relationship... Mr. Cai... reiterated \
the Chinese side's desire to expand bilateral exchanges... to address our respective concerns \
in economic areas and to further improve relations in line with the consensus... between the \
Prime Minister and the President.”

[Para 4, summarised: Cai's post is what makes the meeting matter.] As director of the CCP’s \
General Office — the nerve centre of China’s party-state — Cai oversees everything from \
implementing Politburo decisions to coordinating with ministries and enforcing Xi Jinping’s \
directives. It’s also the office that can resolve bureaucratic delays, whether related to \
flights, visas, or border trade.

A close confidant of Xi, Cai rose quickly through the ranks, once serving as Party Secretary of \
Beijing and overseeing the 2022 Winter Olympics. His elevation reflects deep personal and \
political ties with Xi, dating back to their time in Fujian and Zhejiang provinces.

[Para 6, summarised: the report reads the meeting as India dealing with the machinery around \
Xi as well as with Xi himself, and Xi's choice of Cai as a sign both of trust in him and of \
the party centre keeping close control of any thaw in relations.]
"""

REPORT_B_TEXT = f"""\
{CAPTURE_NOTE}

[Headline, summarised: asks who Cai Qi is and argues that Modi's meeting with him mattered \
more than the talks with Xi Jinping.]

PM Modi on Sunday met Cai Qi, the director of the CCP General Office, which makes him the de \
facto chief of staff to CCP General Secretary and Chinese President Xi Jinping.

[Photo caption:] Prime Minister Narendra Modi holds a meeting with Cai Qi, Secretary of the \
Secretariat of the Chinese Communist Party, in Tianjin on Sunday.

India-China relations: Prime Minister Narendra Modi met Cai Qi, the Secretary of the \
Secretariat of the Chinese Communist Party (CCP), after holding bilateral talks with Chinese \
President Xi Jinping on the sidelines of the Shanghai Cooperation Organization (SCO) Summit in \
China’s Tianjin city on Sunday.

[Para 3, summarised: the Cai meeting drew more attention than the Xi talks, because] Qi is one \
of the seven members of the CCP Politburo Standing Committee– China’s most powerful \
decision-making body– who rarely meets foreign leaders, and usually works behind the scenes.

Cai Qi, the current first-ranked member of the Secretariat of the CCP, and the fifth-ranking \
member of the powerful seven-member CCP Politburo Standing Committee, serves as the director of \
the CCP General Office, essentially making the de facto chief of staff to CCP General Secretary \
Xi Jinping, who also serves as the President of China.

[Para 5, summarised: the director's work is mostly out of public view but weighs on policy, \
foreign policy included.]

The CCP General Office is considered the party’s central command, tasked with disseminating \
decisions made by the Politburo Standing Committee, managing the leader’s schedule, overseeing \
paperwork, and most importantly, ensuring that Xi Jinping’s instructions are implemented \
across all ministries and provinces.

[Para 7, summarised: as head of the General Office and a Standing Committee member, Cai carries \
weight in policymaking and could help bring China and India closer.]

Additionally, Qi is considered a trusted close-aide of Xi Jinping, as both leaders have closely \
worked together in Fujian and Zhejiang. Cai Qi has also served as the CCP’s Beijing chief, and \
oversaw the 2022 Winter Olympics. Qi’s close ties with Xi means he has the power to influence \
the China President to improve relations with any country, including India.

According to Chinese state media, the talks between PM Modi and Cai Qi focused on \
strengthening India-China cooperation and deepening bilateral political engagement.

PM Modi ‘shared his vision for the relationship’, while Cai promised to increase exchanges \
with Xi Jinping ‘in line with leader-level consensus’, according to a statement issued by the \
Ministry of External Affairs (MEA).

Earlier, PM Modi held a bilateral summit with Chinese President Xi Jinping, during which he \
emphasised New Delhi’s commitment of taking the India-China relations forward, based on \
mutual trust, respect and sensitivity, the statement said.
"""

BRIEFING_TEXT = """\
[Demo capture. The full transcript was not captured. Below are the Foreign Secretary's words \
as Report A quotes them; the omission marks are Report A's.]

“The PM had a separate meeting with Cai Qi, member of the CCP Politburo Standing Committee. \
There was originally a proposal from the Chinese side for Mr. Cai to host a banquet for the \
Prime Minister on behalf of President Xi Jinping... However, as there was a scheduling \
conflict, it was decided to have a brief meeting... The Prime Minister shared his overall \
vision for the India-China relationship... Mr. Cai... reiterated the Chinese side's desire to \
expand bilateral exchanges... to address our respective concerns in economic areas and to \
further improve relations in line with the consensus... between the Prime Minister and the \
President.”
"""

MEA_STATEMENT_TEXT = """\
[Demo capture. The statement itself was not captured. Below are the phrases from it that \
Report A quotes; Report B quotes the same phrases with small differences.]

Modi “shared his vision for the relationship”

Cai pledged to expand exchanges “in line with the leader-level consensus”
"""

ARCHIVED_AT = dt.datetime(2025, 9, 1, 6, 0, tzinfo=dt.UTC)

SOURCES = {
    "report-a": {
        "title": "Report A: Modi's meeting with Cai Qi in Tianjin",
        "publisher": "indian-news-outlet-report-a",
        "kind": "news_report",
        "published_on": D(2025, 8, 31),
        "archived_text": REPORT_A_TEXT,
        "archived_at": ARCHIVED_AT,
        "notes": "Seed report A (dated 2025-08-31). Its headline and publisher are not in the "
        "seed; paragraph numbers follow the seed text.",
    },
    "report-b": {
        "title": "Report B: Who is Cai Qi, the CCP leader Modi met in Tianjin?",
        "publisher": "indian-news-outlet-report-b",
        "kind": "news_report",
        "archived_text": REPORT_B_TEXT,
        "archived_at": ARCHIVED_AT,
        "notes": "Seed report B, an explainer; undated in the seed, written the day of the "
        "meeting or soon after. Paragraph numbers skip the subheadings; the caption is counted "
        "apart. It calls Cai Qi “Qi”, his given name, in several sentences.",
    },
    "mea-statement": {
        "title": "MEA statement on the Prime Minister's meeting with Cai Qi",
        "publisher": "mea",
        "kind": "official_statement",
        "published_on": D(2025, 8, 31),
        "archived_text": MEA_STATEMENT_TEXT,
        "archived_at": ARCHIVED_AT,
        "notes": "Known to the demo through the two reports' quotations. Capture the "
        "statement from mea.gov.in and replace the archived text.",
    },
    "misri-briefing": {
        "title": "Transcript of the Foreign Secretary's special briefing in Tianjin",
        "publisher": "mea",
        "kind": "briefing_transcript",
        "published_on": D(2025, 8, 31),
        "author": "Vikram Misri",
        "archived_text": BRIEFING_TEXT,
        "archived_at": ARCHIVED_AT,
        "notes": "Only the passage Report A quotes is held. Capture the full transcript.",
    },
    "state-media-account": {
        "title": "Chinese state media account of the Modi–Cai Qi talks",
        "kind": "state_media",
        "notes": "Not captured yet. Known only through Report B's one-sentence summary, which "
        "does not name the outlet; the claim about it stays in review until we have the text.",
    },
    "xinhua-general-office-2023": {
        "title": "Xinhua report naming Cai Qi director of the General Office",
        "publisher": "xinhua",
        "kind": "state_media",
        "published_on": D(2023, 3, 20),
        "notes": "Not captured. The SCMP (March 2023) reports that Xinhua referred to Cai in "
        "this post on 2023-03-20, the first official confirmation of the appointment.",
    },
    "wikipedia-cai-qi": {
        "title": "Cai Qi — Wikipedia",
        "kind": "reference",
        "url": "https://en.wikipedia.org/wiki/Cai_Qi",
        "author": "Wikipedia contributors",
        "notes": "Consulted for the dates of Cai Qi's offices; not captured, so no citation "
        "quotes it.",
    },
    "scmp-chief-of-staff-2023": {
        "title": "China’s No 5 official Cai Qi named President Xi Jinping’s new chief of staff",
        "publisher": "scmp",
        "kind": "news_report",
        "url": "https://www.scmp.com/news/china/politics/article/3214194/"
        "chinas-no-5-official-cai-qi-named-president-xi-jinpings-new-chief-staff",
        "notes": "March 2023. Source for the date state media confirmed Cai at the General "
        "Office; not captured, so no citation quotes it.",
    },
}

# ---------------------------------------------------------------------------------------------
# Claims. ``target`` is how far the demo drives each one through the fact-check workflow:
# the writer drafts and submits, the fact-checker takes it and rates it. A few stay behind so
# the review queue has work. ``about_memberships`` names (person, organization, role).

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
        "rationale": "Report B gives the rank and Report A only the membership; the two "
        "complement each other. Reference pages list him fifth since 23 October 2022.",
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
        "rationale": "Reported by Report B and matched by India's official account of the "
        "day; the Sunday in question is 31 August 2025.",
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

# ---------------------------------------------------------------------------------------------
# Sections, tags, bylines and articles

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
        "slug": "demo-writer",
        "name": "Demo Writer",
        "user": WRITER,
        "role": "Diplomatic correspondent",
        "bio": "The demo newsroom's writer account.",
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
[[claim:cai-qi-de-facto-chief-of-staff]]. Officials of his rank seldom sit down with foreign \
leaders [[claim:cai-rarely-meets-foreign-leaders]].

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

Officials of his rank seldom meet foreign leaders [[claim:cai-rarely-meets-foreign-leaders]], \
so his meeting with [[person:narendra-modi]] \
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
        "fifth-ranked member of China's top party body, hours after his talks with Xi Jinping.",
        # Published first with a mistake that a correction then put right.
        "first_body": NEWS_BODY.format(pledge=NEWS_BODY_PLEDGE_FIRST),
        "body": NEWS_BODY.format(pledge=NEWS_BODY_PLEDGE_CORRECTED),
        "kind": "news",
        "section": "world",
        "tags": ["india-china-relations", "sco-summit-2025", "chinese-communist-party"],
        "bylines": ["demo-writer"],
        "publish_at": dt.datetime(2025, 8, 31, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        "corrections": [
            {
                "kind": "correction",
                "text": "An earlier version of this story said Cai Qi promised to increase "
                "exchanges with Xi Jinping. By India's account he spoke of expanding exchanges "
                "between China and India, in line with the consensus Modi and Xi had reached. "
                "The story has been corrected.",
                # Readers see the article stamped "updated" with this.
                "note": "Corrected what Cai Qi pledged, per India's accounts of the meeting.",
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
        "publish_at": dt.datetime(2025, 9, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    },
]
