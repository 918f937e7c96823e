"""Names and sentences for the scale data (``newsroom.demo.scale``): varied, plausible political
reporting, generated from a seed.

The demo's own articles and sources hold about forty sentences: recombined alone they would
make ten thousand articles out of the same paragraphs, which neither reads like a newsroom nor
exercises search, compression or diffs realistically. So most sentences come from templates
filled with the generated people, organizations, events, places and dates, and the demo's own
sentences (without their references) are mixed in for texture.

Every sentence is built as a list of parts: plain text, or a record (person, organization,
event) that a source's text names in words and an article body names with a reference
(``[[person:slug]]``). The same sentence therefore reads the same in a source, in a claim's
statement and, once rendered, in an article, and the records it names are known without
parsing anything.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from newsroom.references import without_references

GIVEN_FIRST = {
    "given": [
        "Aarav",
        "Priya",
        "Rohan",
        "Ananya",
        "Vikram",
        "Meera",
        "Arjun",
        "Kavita",
        "Sanjay",
        "Deepa",
        "Olivia",
        "James",
        "Sofia",
        "Lukas",
        "Elena",
        "Mateo",
        "Amara",
        "Kwame",
        "Fatima",
        "Omar",
        "Leila",
        "Youssef",
        "Ingrid",
        "Henrik",
        "Chiara",
        "Marco",
        "Nadia",
        "Pavel",
        "Irina",
        "Tomasz",
        "Ayesha",
        "Imran",
        "Grace",
        "Daniel",
        "Thandiwe",
        "Sipho",
        "Camille",
        "Julien",
        "Beatriz",
        "Rafael",
        "Hana",
        "Emre",
        "Selin",
        "Bilal",
        "Zainab",
    ],
    "family": [
        "Sharma",
        "Iyer",
        "Banerjee",
        "Reddy",
        "Kapoor",
        "Menon",
        "Chatterjee",
        "Nair",
        "Patel",
        "Singh",
        "Okafor",
        "Mensah",
        "Haddad",
        "Farouk",
        "Lindqvist",
        "Novak",
        "Rossi",
        "Moreau",
        "Silva",
        "Kowalski",
        "Petrova",
        "Schmidt",
        "Garcia",
        "Khan",
        "Dlamini",
        "Nkosi",
        "Yilmaz",
        "Demir",
        "Costa",
        "Fischer",
        "Jensen",
        "Müller",
        "Alvarez",
        "Brennan",
        "Osei",
        "Rahman",
        "Qureshi",
        "Hughes",
        "Varga",
        "Horvat",
    ],
}
FAMILY_FIRST = {
    "given": [
        "Wei", "Jun", "Li", "Ming", "Hao", "Xin", "Yan", "Lei", "Jing", "Bo", "Qiang", "Hui",
        "Jian", "Ling", "Tao", "Yu", "Min-jun", "Seo-yeon", "Hiroshi", "Yuki", "Kenji", "Aiko",
    ],
    "family": [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu",
        "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Kim", "Park", "Tanaka", "Sato",
    ],
}  # fmt: skip

COUNTRIES = [
    "India", "China", "Japan", "Indonesia", "Brazil", "South Africa", "Nigeria", "Kenya",
    "Egypt", "Turkey", "Germany", "France", "Italy", "Poland", "Sweden", "Norway", "Spain",
    "Mexico", "Argentina", "Chile", "Vietnam", "Thailand", "Malaysia", "Pakistan",
    "Bangladesh", "Nepal", "Sri Lanka", "Kazakhstan", "Uzbekistan", "Mongolia",
]  # fmt: skip

# Real places with their IANA time zones: name, country, time zone, latitude, longitude.
PLACES = [
    ("New Delhi", "India", "Asia/Kolkata", "28.613900", "77.209000"),
    ("Mumbai", "India", "Asia/Kolkata", "19.076000", "72.877700"),
    ("Beijing", "China", "Asia/Shanghai", "39.904200", "116.407400"),
    ("Shanghai", "China", "Asia/Shanghai", "31.230400", "121.473700"),
    ("Tokyo", "Japan", "Asia/Tokyo", "35.676200", "139.650300"),
    ("Jakarta", "Indonesia", "Asia/Jakarta", "-6.208800", "106.845600"),
    ("Brasília", "Brazil", "America/Sao_Paulo", "-15.793900", "-47.882800"),
    ("Pretoria", "South Africa", "Africa/Johannesburg", "-25.747900", "28.229300"),
    ("Abuja", "Nigeria", "Africa/Lagos", "9.076500", "7.398600"),
    ("Nairobi", "Kenya", "Africa/Nairobi", "-1.292100", "36.821900"),
    ("Cairo", "Egypt", "Africa/Cairo", "30.044400", "31.235700"),
    ("Ankara", "Turkey", "Europe/Istanbul", "39.933400", "32.859700"),
    ("Berlin", "Germany", "Europe/Berlin", "52.520000", "13.405000"),
    ("Paris", "France", "Europe/Paris", "48.856600", "2.352200"),
    ("Rome", "Italy", "Europe/Rome", "41.902800", "12.496400"),
    ("Warsaw", "Poland", "Europe/Warsaw", "52.229700", "21.012200"),
    ("Stockholm", "Sweden", "Europe/Stockholm", "59.329300", "18.068600"),
    ("Oslo", "Norway", "Europe/Oslo", "59.913900", "10.752200"),
    ("Madrid", "Spain", "Europe/Madrid", "40.416800", "-3.703800"),
    ("Mexico City", "Mexico", "America/Mexico_City", "19.432600", "-99.133200"),
    ("Buenos Aires", "Argentina", "America/Argentina/Buenos_Aires", "-34.603700", "-58.381600"),
    ("Santiago", "Chile", "America/Santiago", "-33.448900", "-70.669300"),
    ("Hanoi", "Vietnam", "Asia/Ho_Chi_Minh", "21.027800", "105.834200"),
    ("Bangkok", "Thailand", "Asia/Bangkok", "13.756300", "100.501800"),
    ("Kuala Lumpur", "Malaysia", "Asia/Kuala_Lumpur", "3.139000", "101.686900"),
    ("Islamabad", "Pakistan", "Asia/Karachi", "33.684400", "73.047900"),
    ("Dhaka", "Bangladesh", "Asia/Dhaka", "23.810300", "90.412500"),
    ("Kathmandu", "Nepal", "Asia/Kathmandu", "27.717200", "85.324000"),
    ("Colombo", "Sri Lanka", "Asia/Colombo", "6.927100", "79.861200"),
    ("Astana", "Kazakhstan", "Asia/Almaty", "51.169400", "71.449100"),
    ("Tashkent", "Uzbekistan", "Asia/Tashkent", "41.299500", "69.240100"),
    ("Ulaanbaatar", "Mongolia", "Asia/Ulaanbaatar", "47.886400", "106.905700"),
    ("Geneva", "Switzerland", "Europe/Zurich", "46.204400", "6.143200"),
    ("Vienna", "Austria", "Europe/Vienna", "48.208200", "16.373800"),
    ("Singapore", "Singapore", "Asia/Singapore", "1.352100", "103.819800"),
    ("Addis Ababa", "Ethiopia", "Africa/Addis_Ababa", "9.030000", "38.740000"),
]

PORTFOLIOS = [
    "External Affairs", "Finance", "Defence", "Home Affairs", "Commerce", "Agriculture",
    "Health", "Education", "Energy", "Water Resources", "Transport", "Environment",
    "Labour", "Justice", "Information", "Science and Technology", "Mines", "Tourism",
    "Culture", "Rural Development",
]  # fmt: skip

TOPICS = [
    "border trade", "water sharing", "visa rules", "rare-earth exports", "climate finance",
    "grain prices", "the fisheries dispute", "rail links", "port access", "debt relief",
    "the pipeline project", "electricity exports", "customs checks", "student exchanges",
    "pharmaceutical supplies", "the ceasefire line", "flight routes", "tariff cuts",
    "the refugee agreement", "river data sharing", "semiconductor investment",
    "the maritime boundary", "vaccine production", "digital payments", "election monitoring",
    "fertiliser imports", "the dam project", "satellite launches", "press accreditation",
    "the cultural exchange programme", "monsoon forecasting", "textile quotas",
]  # fmt: skip

ADJECTIVES = [
    "constructive", "frank", "productive", "difficult", "cordial", "candid", "positive",
    "useful", "tense", "inconclusive", "substantive", "warm", "businesslike", "brief",
]  # fmt: skip

REASONS = [
    "a scheduling conflict", "security concerns", "the weather", "a change of government",
    "illness", "an unresolved dispute over the agenda", "a national day of mourning",
]  # fmt: skip

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


@dataclass(frozen=True)
class Named:
    """A record a sentence names: ``kind`` is a reference kind ("person", "org", "event")."""

    kind: str
    slug: str
    name: str
    label: str = ""


@dataclass
class Sentence:
    """One sentence as parts: plain strings and ``Named`` records."""

    parts: list[str | Named]
    named: list[Named] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The sentence as a source prints it: every record by its name (or label)."""
        return "".join(p if isinstance(p, str) else (p.label or p.name) for p in self.parts)

    def markdown(self) -> str:
        """The sentence in an article body: every record as a reference."""
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part.label:
                out.append(f"[[{part.kind}:{part.slug}|{part.label}]]")
            else:
                out.append(f"[[{part.kind}:{part.slug}]]")
        return "".join(out)


# Templates: {p} {q} people, {o} {o2} organizations, {e} an event, {pl} a place, {d} a date,
# {t} a topic, {a} an adjective, {n} a number, {y} a year, {r} a reason.
TEMPLATES = [
    "{p} met {q} in {pl} on {d} to discuss {t}.",
    "{p} said the talks on {t} had been {a}, and that officials would meet again within weeks.",
    "The {o} said in a statement that {t} would be on the agenda at {e}.",
    "According to the {o}, {n} delegations attended {e} in {pl}.",
    "{p} told reporters in {pl} that {t} remained the main obstacle to an agreement.",
    "Officials in {pl} said {e} had been arranged at short notice.",
    "The meeting between {p} and {q} lasted about {n} minutes, longer than scheduled.",
    "Neither the {o} nor the {o2} has published a full readout of {e}.",
    "{p} described relations on {t} as {a}, a word the {o} repeated the next day.",
    "{p} has been a member of the {o} since {y}.",
    "The {o} confirmed on {d} that {p} would lead its delegation to {e}.",
    "Diplomats who attended {e} said the discussion of {t} was {a} but produced no text.",
    "A spokesperson for the {o} declined to say whether {p} had raised {t} with {q}.",
    "{p} arrived in {pl} on {d}, a day earlier than the {o} had announced.",
    "Two officials familiar with the talks said {q} had pressed {p} on {t}.",
    "The {o} said {n} agreements were signed at {e}, though it did not list them.",
    "In {y}, {p} oversaw the first round of negotiations on {t} for the {o}.",
    "{e} was the first such gathering in {pl} since {y}.",
    "Reports differ on who proposed {e}: the {o} credits {p}, while the {o2} does not say.",
    "{p} is expected to brief the {o} on the outcome of {e} next week.",
    "The joint statement issued after {e} mentions {t} only once, in its final paragraph.",
    "{q}, who sits on the {o}, said the government would publish its position on {t} by {d}.",
    "Critics of the {o} argued that the deal on {t} gave away too much for too little.",
    "Trade between the two countries grew by {n} per cent last year, the {o} said.",
    "{p} and {q} last met in {y}, when talks on {t} broke down.",
    "The {o} postponed its vote on {t} after {p} asked for more time.",
    "At {e}, {p} spoke for {n} minutes and took no questions.",
    "State media described the exchange between {p} and {q} as {a}.",
    "The {o} says it has raised {t} at every meeting since {y}.",
    "Local officials in {pl} said preparations for {e} cost more than planned.",
    "{p} did not attend {e}; the {o} sent a deputy in her place.",
    "{p} did not attend {e}; the {o} sent a deputy in his place.",
    "The readout from the {o} lists {t} first, ahead of security and investment.",
    "A draft seen by reporters suggests {t} will dominate the agenda at {e}.",
    "{p} served as the {o}'s envoy on {t} from {y} until her appointment.",
    "{p} served as the {o}'s envoy on {t} from {y} until his appointment.",
    "Analysts in {pl} said the choice of {p} to lead the talks signalled a harder line.",
    "The {o} published its account of {e} on {d}, two days after the meeting.",
    "Asked about {t}, {p} said only that the matter was under discussion.",
    "Since {y}, the {o} has held {n} rounds of talks with its neighbours on {t}.",
]

_SLOT_RE = re.compile(r"\{(p|q|o|o2|e|pl|d|t|a|n|y|r)\}")


class Prose:
    """Sentences from the templates and the demo's own text, drawn with ``rng``."""

    def __init__(self, rng: random.Random, demo_texts: list[str]):
        self.rng = rng
        self.demo = demo_sentences_from(demo_texts)
        self.templates = [self._compile(template) for template in TEMPLATES]

    @staticmethod
    def _compile(template: str) -> list[str]:
        return _SLOT_RE.split(template)  # text, slot, text, slot, ...

    def date_phrase(self) -> str:
        rng = self.rng
        return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2016, 2025)}"

    def sentence(
        self,
        *,
        people: list[Named],
        organizations: list[Named],
        events: list[Named],
        places: list[str],
        demo_share: float = 0.08,
    ) -> Sentence:
        """A sentence naming records drawn from the lists given (each list may be short)."""
        rng = self.rng
        if self.demo and rng.random() < demo_share:
            return Sentence([rng.choice(self.demo)])
        parts = rng.choice(self.templates)
        chosen: dict[str, str | Named] = {}
        out: list[str | Named] = []
        named: list[Named] = []
        for index, piece in enumerate(parts):
            if index % 2 == 0:
                if piece:
                    out.append(piece)
                continue
            value = chosen.get(piece)
            if value is None:
                value = self._fill(piece, chosen, people, organizations, events, places)
                chosen[piece] = value
            if isinstance(value, Named):
                named.append(value)
            out.append(value)
        # A template may start with a lowercase fill ("the ..."): sentences start upper-case.
        if out and isinstance(out[0], str) and out[0][:1].islower():
            out[0] = out[0][0].upper() + out[0][1:]
        return Sentence(out, named)

    def _fill(self, slot, chosen, people, organizations, events, places):
        rng = self.rng
        if slot in ("p", "q"):
            other = chosen.get("q" if slot == "p" else "p")
            pool = [p for p in people if p != other] or people
            return rng.choice(pool) if pool else "a senior official"
        if slot in ("o", "o2"):
            other = chosen.get("o2" if slot == "o" else "o")
            pool = [o for o in organizations if o != other] or organizations
            return rng.choice(pool) if pool else "foreign ministry"
        if slot == "e":
            return rng.choice(events) if events else "the meeting"
        if slot == "pl":
            return rng.choice(places)
        if slot == "d":
            return self.date_phrase()
        if slot == "t":
            return rng.choice(TOPICS)
        if slot == "a":
            return rng.choice(ADJECTIVES)
        if slot == "n":
            return str(rng.randint(2, 90))
        if slot == "y":
            return str(rng.randint(2005, 2024))
        return rng.choice(REASONS)

    def plain(self, count: int, **named_pools) -> str:
        """``count`` sentences as one paragraph of plain text."""
        return " ".join(self.sentence(**named_pools).text for _ in range(count))


def demo_sentences_from(texts: list[str]) -> list[str]:
    """Whole sentences of ``texts`` with their references taken out: plain prose to mix in.

    Headings, list items and sentences that read oddly without the records they named (a
    double space or a dangling bracket left behind) are dropped.
    """
    sentences = []
    for text in texts:
        for paragraph in re.split(r"\n\s*\n", without_references(text)):
            if paragraph.lstrip().startswith(("#", "-", "*", ">", "[")):
                continue
            flat = " ".join(paragraph.split())
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", flat):
                words = sentence.split()
                if (
                    8 <= len(words) <= 40
                    and sentence.endswith((".", "!", "?"))
                    and not re.search(r"\s[,.;:]|\(\s|\s\)|\[|\]|…|\.\.\.", sentence)
                    and sentence[0].isupper()
                ):
                    sentences.append(sentence)
    return sorted(set(sentences))
