"""Quotations in a report and who they are attributed to; names of known people and bodies.

Pure functions on strings, for ``newsroom.actions.imports``: an imported report's quotations
become candidate claims. They must not invent a quote, so only words between quotation marks
count, and a mark is a quotation mark only where it can be one:

- double quotes, straight or curly (“ ” „ « »), and single ones (‘ ’ ' ‚) — reports re-quote
  with single marks ("PM Modi ‘shared his vision’"). An apostrophe is the same character as a
  closing single quote, so a single mark between two letters ("China’s", "side's") is always an
  apostrophe, and a closing single mark with no single quote open ("the ministers’ view") too;
- nested quotations belong to the outer one, which is the candidate;
- a quotation ends in its own paragraph (an unclosed mark is a typo, not a quote), and has at
  least two words: a scare-quoted "reset" is no statement anyone made, and one word found in a
  text proves nothing (``newsroom.verification`` asks for two as well);
- "…" or "..." inside a quotation is the reporter's cut, kept as it is: the excerpt verifies
  across it.

The speaker comes from the sentence around the quotation (its other quotations masked, so
words inside one never attribute another): "X said, “…”", "“…”, X said" / "said X",
"X told reporters, “…”", "X’s statement said", "a statement issued by X", and "according to
X" anywhere in the sentence. X is the phrase as written; ``find_names`` tells which known names
it holds. Paragraphs are blocks separated by blank lines, or lines when the text has none, as
``newsroom.verification`` reads them, so a "para N" locator points where a reviewer looks.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT = {'"': "double", "'": "single"}
_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
# What may stand right before an opening mark, and right after a closing one.
_BEFORE_OPEN = "([{—–-/:" + DOUBLE_OPEN + SINGLE_OPEN
_AFTER_CLOSE = ".,;:!?)]}—–-…" + DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"

MIN_WORDS = 2

_WORD_RE = re.compile(r"\w+")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n\s*")
# A sentence ends at . ! ? (after closing brackets) before a space, unless the word ending in
# "." is a title: "Mr. Cai" is one sentence.
_SENTENCE_END_RE = re.compile(
    "".join(rf"(?<!\b{t})" for t in ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Prof", "Sen", "Rep"))
    + r"(?<!\bNo)(?<!\bvs)[.!?][)\]]*\s+"
)
_SPEECH_VERBS = (
    r"said|says|explained|explains|told|tells|added|adds|stated|states|noted|notes|remarked|"
    r"declared|declares|wrote|writes|insisted|argued|asserted|recalled|warned|announced|"
    r"replied|responded|observed|commented|emphasised|emphasized|stressed|underlined"
)
# The phrase naming who spoke: words other than punctuation, starting with a capital or
# "the"/"a" ("the Ministry of External Affairs").
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "St")
_NAME_CHAR = r"(?:[^,;:.!?“”\"‘()\[\]]|" + "|".join(rf"(?<=\b{t})\." for t in _TITLES) + ")"
_WHO = r"(?P<who>(?:(?:the|a|an)\s+)?[A-Z]" + _NAME_CHAR + r"{0,100}?)"
_WHO_AFTER = r"(?P<who>(?:(?:the|a|an)\s+)?[A-Z]" + _NAME_CHAR + r"{0,100})"
# "X said," / "X explained:" / "X told reporters," just before the quotation.
_BEFORE_RE = re.compile(_WHO + r"\s+(?:" + _SPEECH_VERBS + r")(?:\s+[\w’'-]+){0,3}?\s*[,:]?\s*$")
# "”, X said" and "”, said X" just after it.
_AFTER_NAME_VERB_RE = re.compile(
    r"^[,.!?…]?\s*" + _WHO + r"\s+(?:" + _SPEECH_VERBS + r")\b", re.UNICODE
)
_AFTER_VERB_NAME_RE = re.compile(
    r"^[,.!?…]?\s*(?:" + _SPEECH_VERBS + r")\s+" + _WHO_AFTER + r"(?=[,;:.!?(]|$)"
)
# Anywhere in the sentence.
_STATEMENT_BY_RE = re.compile(
    r"\bstatement\s+(?:issued|released|put\s+out|published)\s+by\s+" + _WHO_AFTER
)
_POSSESSIVE_STATEMENT_RE = re.compile(
    _WHO + r"[’']s\s+(?:statement|spokesperson|spokesman|spokeswoman)\s+(?:said|says|stated)\b"
)
_ACCORDING_TO_RE = re.compile(r"\b[Aa]ccording\s+to\s+" + _WHO_AFTER)
# Words that begin a clause rather than a name ("while Cai said" names Cai).
_LEADING_WORDS_RE = re.compile(r"^(?:(?:while|and|but|as|when|then|so)\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Quotation:
    """One quotation: its words as written, where they are, and who said them."""

    text: str  # between the marks, exactly as in the report (nested quotes, "…" and all)
    start: int  # offsets of ``text`` in the whole report
    end: int
    paragraph: int  # 1-based, for the citation's locator
    speaker: str = ""  # the attribution's phrase as written ("Foreign Secretary Vikram Misri")
    attribution: str = ""  # which shape named them: "said", "according to", "statement by"…

    @property
    def statement(self) -> str:
        """The words without the punctuation a quotation mark closes over (“…relationship,”)."""
        return self.text.strip().rstrip(",;:").strip()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the report's paragraphs: blocks between blank lines, or lines when it has none."""
    if _BLANK_LINE_RE.search(text):
        breaks = [(m.start(), m.end()) for m in _BLANK_LINE_RE.finditer(text)]
    else:
        breaks = [(m.start(), m.end()) for m in re.finditer(r"\n\s*", text)]
    spans, start = [], 0
    for first, last in breaks:
        spans.append((start, first))
        start = last
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order, each with its speaker when the text names one."""
    found = []
    for number, (start, end) in enumerate(paragraphs(text), start=1):
        para = text[start:end]
        spans = [
            span for span in _quoted_spans(para) if len(_WORD_RE.findall(para[slice(*span)])) >= 2
        ]
        masked = _mask(para, spans)
        for first, last in spans:
            speaker, how = _attribution(masked, first, last)
            found.append(
                Quotation(
                    text=para[first:last],
                    start=start + first,
                    end=start + last,
                    paragraph=number,
                    speaker=speaker,
                    attribution=how,
                )
            )
    return found


def _role(para: str, i: int) -> tuple[str, str] | None:
    """(kind, role) of the mark at ``i``: kind "double"/"single", role "open"/"close"/"either";
    None for an apostrophe."""
    char = para[i]
    before = para[i - 1] if i > 0 else ""
    after = para[i + 1] if i + 1 < len(para) else ""
    kind = "double" if char in DOUBLE_OPEN + DOUBLE_CLOSE + '"' else "single"
    if kind == "single" and before.isalnum() and after.isalnum():
        return None
    if char in DOUBLE_OPEN + SINGLE_OPEN:
        return kind, "open"
    may_open = (not before or before.isspace() or before in _BEFORE_OPEN) and bool(
        after and not after.isspace()
    )
    may_close = bool(before and not before.isspace()) and (
        not after or after.isspace() or after in _AFTER_CLOSE
    )
    if char in DOUBLE_CLOSE + SINGLE_CLOSE:
        return (kind, "close") if may_close or not may_open else None
    if may_open and not may_close:
        return kind, "open"
    if may_close and not may_open:
        return kind, "close"
    return kind, "either"


def _quoted_spans(para: str) -> list[tuple[int, int]]:
    """Spans of the outermost quotations in one paragraph (inside the marks)."""
    stack: list[tuple[str, int]] = []
    spans = []
    for i, char in enumerate(para):
        if char not in _MARKS:
            continue
        role = _role(para, i)
        if role is None:
            continue
        kind, how = role
        if how in ("close", "either") and any(k == kind for k, _ in stack):
            if stack[-1][0] != kind and kind == "single":
                continue  # "the ministers’ view" inside a double quotation: an apostrophe
            while stack[-1][0] != kind:
                stack.pop()  # an unclosed single quote inside a closing double one
            _, opened = stack.pop()
            if not stack:
                spans.append((opened + 1, i))
            continue
        if how in ("open", "either"):
            stack.append((kind, i))
    return spans


def _mask(para: str, spans: Iterable[tuple[int, int]]) -> str:
    """``para`` with each quotation's words blanked to "x", so sentences and attributions are
    read outside quotations only. Same length: offsets stay valid."""
    chars = list(para)
    for first, last in spans:
        for i in range(first, last):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def _sentence(masked: str, first: int, last: int) -> tuple[int, int]:
    """The sentence around the quotation at ``first``–``last`` (of the masked paragraph)."""
    start = 0
    for m in _SENTENCE_END_RE.finditer(masked, 0, first):
        start = m.end()
    m = _SENTENCE_END_RE.search(masked, last + 1)
    return start, m.end() if m else len(masked)


def _clean(who: str) -> str:
    who = _LEADING_WORDS_RE.sub("", who.strip())
    return re.sub(r"\s+", " ", who).strip()


def _attribution(masked: str, first: int, last: int) -> tuple[str, str]:
    """(speaker phrase, shape) for the quotation at ``first``–``last``, or ("", "")."""
    start, end = _sentence(masked, first, last)
    # The text between this quotation and its neighbours in the sentence, marks excluded.
    before = masked[start : max(start, first - 1)]
    after = masked[min(end, last + 1) : end]
    # "X’s statement said it was “…”": the statement is X's, not a speaker called "statement".
    if m := _POSSESSIVE_STATEMENT_RE.search(before):
        return _clean(m["who"]), "statement by"
    if m := _BEFORE_RE.search(before):
        return _clean(m["who"]), "said"
    if m := _AFTER_VERB_NAME_RE.search(after):
        return _clean(m["who"]), "said"
    if m := _AFTER_NAME_VERB_RE.search(after):
        return _clean(m["who"]), "said"
    sentence = masked[start:end]
    if m := _STATEMENT_BY_RE.search(sentence):
        return _clean(m["who"]), "statement by"
    if m := _POSSESSIVE_STATEMENT_RE.search(sentence):
        return _clean(m["who"]), "statement by"
    if m := _ACCORDING_TO_RE.search(sentence):
        return _clean(m["who"]), "according to"
    return "", ""


# ---------------------------------------------------------------------------------------------
# Known names


def _fold(text: str) -> str:
    """Curly apostrophes as straight ones, one character for one, so offsets survive."""
    return text.replace("’", "'").replace("‘", "'")


@dataclass(frozen=True)
class NameHit:
    key: Hashable
    name: str
    start: int
    end: int


class NameIndex:
    """Known names (name → key) compiled once into one pattern, longest first, so that at each
    place the longest name wins: "Cai Qi" is one hit, not also "Cai". Whole words; case counts
    ("MEA", not "mea"); curly and straight apostrophes are the same."""

    def __init__(self, names: dict[str, Hashable]):
        self.keys = {_fold(name): key for name, key in names.items() if name.strip()}
        ordered = sorted(self.keys, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")
            if ordered
            else None
        )

    def find(self, text: str) -> list[NameHit]:
        """Where the names occur in ``text``, in order, never overlapping."""
        if self.pattern is None:
            return []
        return [
            NameHit(self.keys[m.group()], m.group(), m.start(), m.end())
            for m in self.pattern.finditer(_fold(text))
        ]


def find_names(text: str, names: dict[str, Hashable]) -> list[NameHit]:
    """``NameIndex(names).find(text)``, for one text."""
    return NameIndex(names).find(text)
