"""The demo's sources, with the archived text the citations quote."""

from __future__ import annotations

import datetime as dt

from newsroom.demo.timeline import SOURCES

D = dt.date

# Keys are used by the claims' citations; the loader looks sources up by title.

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

# The captured texts were saved as the reports and statements came out, before the claims
# that quote them were reviewed (newsroom.demo.timeline).
ARCHIVED_AT = SOURCES.start

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
