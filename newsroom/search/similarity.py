"""How close a typed name is to a stored one, the way PostgreSQL's ``pg_trgm`` counts it.

Trigrams of each word, padded (``"  c"``, ``" ca"``, ``"cai"``, ``"ai "``); similarity is the
shared trigrams over all of them. A query is compared with every run of as many consecutive
words in each name the record goes by, so "Modhi" is measured against "Modi" (not against
"Narendra Modi" whole) and "Cai Ki" against "Cai Qi" (0.4: "ki" and "qi" share no trigram,
but "cai" does), and a namesake who only shares "Cai" scores lower. The same function ranks
typed names on both databases; the database only proposes the candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

THRESHOLD = 0.3  # pg_trgm's default similarity threshold
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def trigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in words(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str, b: str) -> float:
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


@dataclass(frozen=True)
class NameMatch:
    score: float
    name: str  # the stored name (one line of ``SearchDocument.names``) that came closest


def best_name_match(query: str, names: str) -> NameMatch:
    """The closest of ``names`` (one per line) to ``query``, comparing word runs of equal
    length; a score of 1.0 means the query's words appear in a name as typed."""
    wanted = words(query)
    best = NameMatch(0.0, "")
    if not wanted:
        return best
    for line in names.splitlines():
        line_words = words(line)
        width = min(len(wanted), len(line_words))
        for start in range(max(len(line_words) - width + 1, 1)):
            run = " ".join(line_words[start : start + width])
            score = similarity(" ".join(wanted), run)
            if score > best.score:
                best = NameMatch(score, line.strip())
    return best
