"""A reader's query, checked and turned into each database's full-text syntax.

Words are all required; ``"a phrase"`` is matched as a phrase, ``-word`` excludes, ``or``
between two terms allows either (the syntax of PostgreSQL's ``websearch_to_tsquery``, which
SQLite's FTS5 is given in its own grammar, every term quoted so nothing a reader types is
read as an operator). A query that cannot mean anything comes back with a message instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
OPERATORS = {"or", "and", "not"}


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    negated: bool = False
    or_before: bool = False


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    message: str = ""

    @property
    def positive(self) -> list[Term]:
        return [term for term in self.terms if not term.negated]

    @property
    def searchable(self) -> bool:
        return not self.message and bool(self.positive)

    @property
    def name_text(self) -> str:
        """The words wanted, as one string: what names are compared with."""
        return " ".join(term.text for term in self.positive)

    def websearch(self) -> str:
        """For PostgreSQL's ``websearch_to_tsquery``."""
        parts = []
        for term in self.terms:
            if term.or_before:
                parts.append("or")
            text = f'"{term.text}"' if term.phrase else term.text
            parts.append(f"-{text}" if term.negated else text)
        return " ".join(parts)

    def fts5(self) -> str:
        """For SQLite's FTS5 ``MATCH``: every term a quoted string."""
        expression = ""
        for term in self.positive:
            quoted = '"' + term.text.replace('"', '""') + '"'
            if not expression:
                expression = quoted
            else:
                expression = f"({expression}) {'OR' if term.or_before else 'AND'} {quoted}"
        for term in self.terms:
            if term.negated:
                expression = f'({expression}) NOT "{term.text}"'
        return expression


def has_cjk(text: str) -> bool:
    """Chinese, Japanese or Korean letters: written without spaces between words, so neither
    database's word splitting finds a name by one of its characters."""
    return any(
        unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
        for char in text
    )


def parse(raw: str) -> ParsedQuery:
    """``raw`` as terms, or with a ``message`` saying why it cannot be searched."""
    text = " ".join((raw or "").split())
    if not text:
        return ParsedQuery("")
    if len(text) > MAX_QUERY_LENGTH:
        return ParsedQuery(
            text[:MAX_QUERY_LENGTH],
            message=f"That search is longer than {MAX_QUERY_LENGTH} characters: nothing was "
            "searched. Try a few words or a name.",
        )
    if any(not char.isprintable() for char in text):
        return ParsedQuery(
            "".join(char for char in text if char.isprintable()),
            message="That search contains control characters, which cannot be searched: "
            "nothing was searched. Type it again without them.",
        )
    if text.count('"') % 2:
        return ParsedQuery(
            text,
            message="A quotation mark is not closed: nothing was searched. Close the quotation "
            "mark to search for a phrase, or remove it.",
        )
    terms: list[Term] = []
    or_next = False
    for match in _TOKEN.finditer(text):
        negated, phrase, word = bool(match[1]), match[2], match[3]
        if word is not None:
            if word.casefold() in OPERATORS:
                or_next = or_next or (word.casefold() == "or" and bool(terms))
                continue
            negated = word.startswith("-")
            word = word.lstrip("-")
        value = " ".join((phrase if phrase is not None else word).split())
        if not any(char.isalnum() for char in value):
            continue
        terms.append(Term(value, phrase=phrase is not None, negated=negated, or_before=or_next))
        or_next = False
    parsed = ParsedQuery(text, terms)
    if not parsed.positive:
        parsed.terms = []
        parsed.message = (
            "That search has no word to look for, only operators or symbols: nothing was "
            "searched. Type a word or a name."
        )
    return parsed
