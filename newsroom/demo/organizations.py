"""The demo's organizations: the Chinese Communist Party's bodies, India's government, the SCO
and the outlets that published the seed reports."""

from __future__ import annotations

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
