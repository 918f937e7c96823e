"""Checking a citation's excerpt against its source's archived text.

An excerpt is "found" when it is made of runs of whole words of the archived text, tolerating
what copying from a web page changes without changing meaning: whitespace and line breaks,
curly versus straight quotes, the various dashes, letter case and compatibility forms (NFKC
equivalence: ligatures, full-width letters, composed or decomposed accents). A changed, added
or missing letter is never tolerated, and neither is a word cut short: "rank" is not found in
"ranks", nor "China" in "China's", "well" in "well-known" or "China" in "India–China". (A
hyphen, an apostrophe or an unspaced en dash joins two words into one; an em dash does not.)

Punctuation. Inside a fragment, punctuation must match the text, as words do: "the summit, he
said" is not found in "the summit. He said". Spaces around it make no difference ("Cai Qi
,member" matches "Cai Qi, member"), and one kind of quote mark or dash stands for another (a
quotation re-quoted turns its double quotes into single ones). At the edges of a fragment,
punctuation is the quoter's framing, so it is ignored: "the summit," is found in "the summit."
and so is "“the summit”". The exception is a question or exclamation mark after a fragment's
last word, which changes what the words say: the excerpt and the text must agree on it, so
"Cai is the real power." is not found in "Cai is the real power?", nor is "Cai is the real
power".

Ellipsis. "…" or "..." stands for words left out between fragments, and may not stitch a
sentence together from scattered words: every fragment has at least ``MIN_FRAGMENT_WORDS``
words (and so has an excerpt without an ellipsis: one word found somewhere proves nothing),
consecutive fragments are at most ``MAX_GAP_WORDS`` words apart, and all of them lie in one
paragraph of the text. An excerpt without an ellipsis may run across a paragraph break: it
leaves nothing out, so it says only what the text says. A leading or trailing ellipsis is
ignored; the text may have its own "..." where the excerpt has one (a gap of no words).

Paragraphs. Blocks separated by a blank line, as the demo's sources and most captures of a web
page are written; single line breaks inside them are wrapping. A text with no blank line at
all is taken to put one paragraph on each line, except where a line ends inside a sentence
(not after ".", "!", "?" or ":", with any closing quotes or brackets): that line break is a
hard wrap, not a paragraph break. The exception only ever joins lines that a sentence runs
across, so it cannot join two paragraphs that end like sentences.

Pure functions on strings, a few milliseconds for a source of 10,000 words: the text's folded
form is cached, and each fragment is looked for with one regular expression. The action that
stores the result lives in ``newsroom.actions``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise

MAX_GAP_WORDS = 40
MIN_FRAGMENT_WORDS = 2

# A located but rejected excerpt (stitched across paragraphs, or too far apart) shows the text
# from its first to its last fragment as the closest passage, up to this length (about 250
# words); beyond that it would be much of the source, and the closest window says more.
_MAX_LOCATED_PASSAGE_CHARS = 1500

DASH = "\u2014"

# Folded per character, before and after NFKD. Hyphens and the en dash fold to "-", which
# joins the words it touches ("fifth-ranking", "India–China" are one word each); the em dash
# folds to DASH, which separates them even unspaced ("summit—held" is two words). Invisible
# characters vanish.
_FOLD_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"),
    **dict.fromkeys("\u2014\u2015", DASH),
    **dict.fromkeys("\u00ad\u200b\u2060\ufeff", ""),
}
_ELLIPSIS_RE = re.compile(r"\s*(?:\u2026|\.\s?\.\s?\.)\s*")
_SPACE_RE = re.compile(r"\s+")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n\s*|\u2029\s*")
_SENTENCE_END_LINE_RE = re.compile(r"[.!?:][\"')\]]*[^\S\n]*\n\s*")
# Punctuation that changes what the words before it say.
_MEANINGFUL_MARKS = frozenset("?!")


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _FOLD_MAP:
        return _FOLD_MAP[char]
    decomposed = unicodedata.normalize("NFKD", char)
    # lower() after casefold() so that folding is idempotent under the lower() that
    # _Text applies to the whole string (casefold maps a few scripts to upper case).
    return "".join(_FOLD_MAP.get(c, c) for c in decomposed).casefold().lower()


def _is_word_char(char: str) -> bool:
    # Python's \w is isalnum() and "_": it leaves out combining marks, which would split a
    # decomposed "é", or any Devanagari word, into pieces.
    return char.isalnum() or char == "_" or (not char.isascii() and _is_mark(char))


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _marks_in(folded: str) -> frozenset[str]:
    return frozenset(c for c in set(folded) if not c.isascii() and _is_mark(c))


@functools.lru_cache(maxsize=64)
def _regexes(marks: frozenset[str]) -> _Regexes:
    return _Regexes(marks)


class _Regexes:
    """The patterns that need the word characters: ``\\w`` and the combining ``marks``.

    Built for the marks a text actually has: a class of all of Unicode's two thousand marks
    takes milliseconds to compile into each pattern.
    """

    def __init__(self, marks: frozenset[str]):
        inner = r"\w" + "".join(sorted(marks))
        self.token = re.compile(f"[{inner}]+|[^\\s{inner}]")
        # A word: word characters joined by punctuation with no space around it ("China's",
        # "fifth-ranking", "U.S."), but not by a long dash.
        self.word = re.compile(f"[{inner}]+(?:[^\\s{inner}{DASH}]+[{inner}]+)*")
        # The punctuation (and spaces) after a position, up to the next word.
        self.trailing_punctuation = re.compile(f"(?:\\s*[^\\s{inner}])*")


@dataclass(frozen=True)
class Match:
    """What ``find_excerpt`` found, or the closest it came and why it failed."""

    found: bool
    # Spans (start, end) in the ORIGINAL archived text: the excerpt's fragments when found, or
    # when they were all located but break a rule; else the closest passage.
    spans: tuple[tuple[int, int], ...]
    closest_passage: str = ""
    # The text from the first fragment to the last, and what each gap between two fragments
    # (each ellipsis) left out, whitespace collapsed: when found, and when every fragment was
    # located in order but a rule rejects them (different paragraphs, too wide a gap).
    passage: str = ""
    omitted: tuple[str, ...] = ()
    # When not found, why, for the reviewer: "the fragments are in different paragraphs".
    reason: str = ""


def find_excerpt(excerpt: str, archived_text: str) -> Match:
    """Look for ``excerpt`` in ``archived_text``; see the module docstring for the rules."""
    fragments = _fragments(excerpt)
    if not fragments:
        return Match(False, (), reason="the excerpt has no words")
    if not archived_text.strip():
        return Match(False, (), reason="the archived text is empty")
    text = _text(archived_text)
    short = next((f for f in fragments if f.words < MIN_FRAGMENT_WORDS), None)
    if short is not None:
        if len(fragments) == 1:
            reason = "the excerpt has fewer than two words"
        else:
            reason = f"a fragment has fewer than two words: “{short.quoted}”"
        return _not_found(text, fragments, reason)
    places = []
    for fragment in fragments:
        hits, problem = _occurrences(fragment, text)
        if not hits:
            return _not_found(text, [fragment], problem)
        places.append(hits)
    if len(fragments) == 1:
        return _found(text, fragments, [places[0][0]])
    ordered = _ordered_chain(places)
    if ordered is None:
        return _not_found(text, fragments, "the fragments are not in this order in the text")
    tightest = _tightest_chain(text, places)
    if tightest is None:
        return _located(
            text, fragments, ordered, "the fragments are in different paragraphs of the text"
        )
    gap, chain = tightest
    if gap > MAX_GAP_WORDS:
        return _located(
            text,
            fragments,
            chain,
            f"the gap of {gap} words between two fragments exceeds {MAX_GAP_WORDS}",
        )
    return _found(text, fragments, chain)


# ---------------------------------------------------------------------------------------------
# The archived text, folded once


class _Text:
    """The archived text folded for matching, with the way back to the original offsets."""

    def __init__(self, raw: str):
        self.raw = raw
        changed = {}
        for char in set(raw):
            if not char.isascii() and (folded := _fold_char(char)) != char:
                changed[char] = folded
        # Where folding changed the length ("…" is "...", "é" is "e" and an accent): the
        # folded offset, the original offset and the folded length of each such character.
        self._folded_at: list[int] = []
        self._raw_at: list[int] = []
        self._length: list[int] = []
        # Only the characters that change are visited in Python (a few in a hundred in an
        # English text); the rest is copied, and lowered, in C.
        pieces, position, shift = [], 0, 0
        if changed:
            pattern = re.compile("[" + "".join(re.escape(c) for c in changed) + "]")
            for m in pattern.finditer(raw):
                start = m.start()
                folded = changed[m.group()]
                pieces.append(raw[position:start])
                pieces.append(folded)
                position = start + 1
                if len(folded) != 1:
                    self._folded_at.append(start + shift)
                    self._raw_at.append(start)
                    self._length.append(len(folded))
                    shift += len(folded) - 1
        pieces.append(raw[position:])
        self.folded = "".join(pieces).lower()
        self.regexes = _regexes(_marks_in(self.folded))
        breaks = [m.end() for m in _BLANK_LINE_RE.finditer(self.folded)]
        if not breaks:
            breaks = [m.end() for m in _SENTENCE_END_LINE_RE.finditer(self.folded)]
        self._breaks = breaks
        self._paragraph_word_starts: dict[int, list[int]] = {}

    def raw_offset(self, index: int) -> int:
        """The original offset of the character at folded offset ``index``."""
        k = bisect_right(self._folded_at, index) - 1
        if k < 0:
            return index
        start, length = self._folded_at[k], self._length[k]
        if index < start + length:
            return self._raw_at[k]
        return self._raw_at[k] + 1 + index - start - length

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.raw_offset(start), self.raw_offset(end - 1) + 1

    def paragraph(self, index: int) -> int:
        return bisect_right(self._breaks, index)

    def words_between(self, start: int, end: int) -> int:
        """How many words start in [start, end), two offsets in one paragraph."""
        starts = self._word_starts(self.paragraph(start))
        return bisect_left(starts, end) - bisect_left(starts, start)

    def _word_starts(self, paragraph: int) -> list[int]:
        # Per paragraph, when first asked: finding every word of a long text takes a few ms,
        # and gaps are only counted inside the paragraphs an excerpt's fragments are in.
        starts = self._paragraph_word_starts.get(paragraph)
        if starts is None:
            begin = self._breaks[paragraph - 1] if paragraph else 0
            end = self._breaks[paragraph] if paragraph < len(self._breaks) else len(self.folded)
            finditer = self.regexes.word.finditer
            starts = [m.start() for m in finditer(self.folded, begin, end)]
            self._paragraph_word_starts[paragraph] = starts
        return starts


@functools.lru_cache(maxsize=16)
def _text(raw: str) -> _Text:
    # Cached: the review panel and a re-check after a new capture look for every citation's
    # excerpt in the same text.
    return _Text(raw)


def _fold(raw: str) -> str:
    return "".join(c.lower() if c.isascii() else _fold_char(c) for c in raw)


def _canonical(punctuation: str) -> str:
    if punctuation in ("-", DASH):
        return "-"
    if punctuation in ("'", '"'):
        return '"'
    return punctuation


# ---------------------------------------------------------------------------------------------
# The excerpt, as fragments


@dataclass(frozen=True)
class _Fragment:
    quoted: str  # as the excerpt has it, for messages
    folded: str
    words: int
    pattern: re.Pattern  # from its first word to its last
    lead: tuple[str, ...]  # the punctuation before its first word, canonical
    trail: tuple[str, ...]  # and after its last

    @property
    def marks(self) -> frozenset[str]:
        return frozenset(self.trail) & _MEANINGFUL_MARKS


_PUNCTUATION_PATTERNS = {"-": f"[-{DASH}]", '"': "[\"']"}


def _fragments(excerpt: str) -> list[_Fragment]:
    """The excerpt's pieces between ellipses; a piece without a word stands for nothing."""
    fragments = []
    for piece in _ELLIPSIS_RE.split(excerpt):
        folded = _SPACE_RE.sub(" ", _fold(piece)).strip()
        regexes = _regexes(_marks_in(folded))
        tokens = [(t, _is_word_char(t[0])) for t in regexes.token.findall(folded)]
        positions = [i for i, (_, is_word) in enumerate(tokens) if is_word]
        if not positions:
            continue
        first, last = positions[0], positions[-1]
        parts = []
        for i in range(first, last + 1):
            token, is_word = tokens[i]
            if i > first:
                # Between two words the text must have a space too; punctuation may touch
                # words or not.
                parts.append(r"\s+" if is_word and tokens[i - 1][1] else r"\s*")
            if is_word:
                parts.append(re.escape(token))
            else:
                canonical = _canonical(token)
                parts.append(_PUNCTUATION_PATTERNS.get(canonical, re.escape(canonical)))
        fragments.append(
            _Fragment(
                quoted=_shorten(piece.strip()),
                folded=folded,
                words=len(regexes.word.findall(folded)),
                pattern=re.compile("".join(parts)),
                lead=tuple(_canonical(t) for t, _ in tokens[:first]),
                trail=tuple(_canonical(t) for t, _ in tokens[last + 1 :]),
            )
        )
    return fragments


def _shorten(quoted: str, limit: int = 60) -> str:
    if len(quoted) <= limit:
        return quoted
    return quoted[:limit].rsplit(" ", 1)[0] + " …"


# ---------------------------------------------------------------------------------------------
# Finding the fragments


def _occurrences(fragment: _Fragment, text: _Text) -> tuple[list[tuple[int, int]], str]:
    """Every place (folded offsets) where ``fragment`` is whole words; else why there is none."""
    folded = text.folded
    hits: list[tuple[int, int]] = []
    partial = punctuation = False
    position = 0
    while m := fragment.pattern.search(folded, position):
        start, end = m.span()
        position = start + 1
        if _joined(folded, start - 1, start - 2) or _joined(folded, end, end + 1):
            partial = True
        elif _marks_after(text, end) != fragment.marks:
            punctuation = True
        else:
            hits.append((start, end))
    if hits:
        return hits, ""
    if partial:
        problem = f"“{fragment.quoted}” is in the text only as part of longer words"
    elif punctuation:
        problem = (
            f"“{fragment.quoted}” is in the text, but a question or exclamation mark after it "
            "differs"
        )
    else:
        problem = f"“{fragment.quoted}” is not in the text"
    return hits, problem


def _joined(folded: str, near: int, far: int) -> bool:
    """Whether the word next to a match continues at ``near`` (directly, or after a hyphen,
    apostrophe or other punctuation glued to a word at ``far``): the match cut a word short."""
    if not 0 <= near < len(folded):
        return False
    char = folded[near]
    if _is_word_char(char):
        return True
    return (
        0 <= far < len(folded)
        and not char.isspace()
        and char != DASH
        and _is_word_char(folded[far])
    )


def _marks_after(text: _Text, end: int) -> frozenset[str]:
    after = text.regexes.trailing_punctuation.match(text.folded, end).group()
    return frozenset(after) & _MEANINGFUL_MARKS


def _ordered_chain(places: list[list[tuple[int, int]]]) -> list[tuple[int, int]] | None:
    """One place per fragment, in order and without overlap, as close together as it can."""
    end, earliest = -1, []
    for hits in places:
        hit = next((h for h in hits if h[0] >= end), None)
        if hit is None:
            return None
        earliest.append(hit)
        end = hit[1]
    chain = [earliest[-1]]
    for hits in reversed(places[:-1]):
        chain.append(max((h for h in hits if h[1] <= chain[-1][0]), key=lambda h: h[1]))
    return chain[::-1]


def _tightest_chain(text: _Text, places: list[list[tuple[int, int]]]):
    """Among the chains within one paragraph, the one whose widest gap is narrowest.

    Returns (widest gap in words, chain), or None when no chain lies within one paragraph. A
    fragment may occur many times ("of the"), so this keeps, for each place of each fragment,
    the best chain ending there, comparing only places in the same paragraph.
    """
    paragraph = text.paragraph
    previous = [
        (hit, paragraph(hit[0]), 0, -1)
        for hit in places[0]
        if paragraph(hit[0]) == paragraph(hit[1] - 1)
    ]
    layers = [previous]
    for hits in places[1:]:
        layer = []
        for hit in hits:
            here = paragraph(hit[0])
            if paragraph(hit[1] - 1) != here:
                continue
            best = None
            for index, (before, where, cost, _) in enumerate(previous):
                if where != here or before[1] > hit[0]:
                    continue
                widest = max(cost, text.words_between(before[1], hit[0]))
                # "<=": on a tie the later place, which leaves fewer words out.
                if best is None or widest <= best[0]:
                    best = (widest, index)
            if best is not None:
                layer.append((hit, here, best[0], best[1]))
        if not layer:
            return None
        layers.append(layer)
        previous = layer
    index = min(range(len(previous)), key=lambda i: previous[i][2])
    widest = previous[index][2]
    chain = []
    for layer in reversed(layers):
        hit, _, _, index = layer[index]
        chain.append(hit)
    return widest, chain[::-1]


# ---------------------------------------------------------------------------------------------
# Results


def _spans(text: _Text, fragments, chain) -> list[tuple[int, int]]:
    """The chain's places as spans of the original text, with edge punctuation the excerpt
    shares with the text: the mark then covers “the summit” with its quotes."""
    folded = text.folded
    spans = []
    for fragment, (start, end) in zip(fragments, chain, strict=True):
        for mark in reversed(fragment.lead):
            before = start
            while before > 0 and folded[before - 1].isspace():
                before -= 1
            if before == 0 or _canonical(folded[before - 1]) != mark:
                break
            start = before - 1
        for mark in fragment.trail:
            after = end
            while after < len(folded) and folded[after].isspace():
                after += 1
            if after == len(folded) or _canonical(folded[after]) != mark:
                break
            end = after + 1
        spans.append(text.raw_span(start, end))
    return spans


def _found(text: _Text, fragments, chain) -> Match:
    spans = _spans(text, fragments, chain)
    passage, omitted = _passage(text.raw, spans)
    return Match(True, tuple(spans), passage=passage, omitted=omitted)


def _located(text: _Text, fragments, chain, reason: str) -> Match:
    """Not found, though every fragment was: the spans mark where each one is."""
    spans = _spans(text, fragments, chain)
    if spans[-1][1] - spans[0][0] > _MAX_LOCATED_PASSAGE_CHARS:
        closest = _not_found(text, fragments, reason).closest_passage
        return Match(False, tuple(spans), closest_passage=closest, reason=reason)
    passage, omitted = _passage(text.raw, spans)
    return Match(
        False,
        tuple(spans),
        closest_passage=passage,
        passage=passage,
        omitted=omitted,
        reason=reason,
    )


def _passage(raw: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[str, ...]]:
    """From the first span to the last, and the words left out between each two ("" for none:
    the text may have its own "..." where the excerpt has one)."""
    omitted = []
    for (_, end), (start, _) in pairwise(spans):
        left_out = " ".join(raw[end:start].split())
        omitted.append(left_out if any(_is_word_char(c) for c in left_out) else "")
    return raw[spans[0][0] : spans[-1][1]], tuple(omitted)


def _not_found(text: _Text, fragments, reason: str) -> Match:
    needle = " ".join(fragment.folded for fragment in fragments).replace(DASH, "-")
    span = _closest(text, needle)
    if span is None:
        return Match(False, (), reason=reason)
    first, last = span
    return Match(False, (span,), text.raw[first:last], reason=reason)


def _closest(text: _Text, needle: str) -> tuple[int, int] | None:
    """The passage of the text most like ``needle``, as a span of the original text; None when
    the text has none of its words.

    The excerpt's words, the rarer counting more, pick the region where they are densest; a
    character-level comparison then picks the best window inside it. Comparing characters over
    the whole text would take tens of milliseconds for a long source.
    """
    width = len(needle)
    region = _densest_region(text, needle)
    if region is None:
        return None
    raw_start, raw_end = text.raw_span(*region)
    haystack = normalise(text.raw[raw_start:raw_end])
    if not haystack.text:
        return None
    # Anchor on the longest common block, then score windows around it.
    matcher = SequenceMatcher(None, haystack.text, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(haystack.text), 0, width)
    best_start, best_ratio = 0, -1.0
    anchor = block.a - block.b
    # One matcher for every window: it indexes the needle once.
    matcher = SequenceMatcher(None, "", needle, autojunk=False)
    for offset in range(-width // 2, width // 2 + 1, max(1, width // 10)):
        start = max(0, min(len(haystack.text) - 1, anchor + offset))
        matcher.set_seq1(haystack.text[start : start + width])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_start, best_ratio = start, ratio
    end = min(len(haystack.text), best_start + width)
    raw = text.raw
    first = raw_start + haystack.origin[best_start]
    last = raw_start + haystack.origin[end - 1] + 1
    # Widen to whole words so the reviewer reads words, not fragments.
    while first > 0 and not raw[first - 1].isspace():
        first -= 1
    while last < len(raw) and raw[last].isalnum():
        last += 1
    while first < last and raw[first].isspace():
        first += 1
    while last > first and raw[last - 1].isspace():
        last -= 1
    return (first, last) if first < last else None


# A word found more often than this says little about where an excerpt came from.
_MAX_ANCHOR_HITS = 300


def _densest_region(text: _Text, needle: str) -> tuple[int, int] | None:
    """Folded offsets of the region around where ``needle``'s words are densest in the text."""
    folded = text.folded
    words = set(_regexes(_marks_in(needle)).word.findall(needle))
    # Short words ("a", "of") are everywhere; looking for them costs more than they tell.
    long_words = {word for word in words if len(word) > 2}
    hits: list[tuple[int, str]] = []
    counts: dict[str, int] = {}
    for word in long_words or words:
        found = []
        position = folded.find(word)
        while position >= 0 and len(found) <= _MAX_ANCHOR_HITS:
            if not _joined(folded, position - 1, -1) and not _joined(
                folded, position + len(word), -1
            ):
                found.append(position)
            position = folded.find(word, position + 1)
        if 0 < len(found) <= _MAX_ANCHOR_HITS:
            hits.extend((at, word) for at in found)
            counts[word] = len(found)
    if not hits:
        return None
    hits.sort()
    width = len(needle)
    best, best_score, score, left = 0, -1.0, 0.0, 0
    for position, word in hits:
        score += 1 / counts[word]
        while hits[left][0] < position - width:
            score -= 1 / counts[hits[left][1]]
            left += 1
        if score > best_score:
            best, best_score = left, score
    return max(0, hits[best][0] - width), min(len(folded), hits[best][0] + 2 * width)


# ---------------------------------------------------------------------------------------------
# Normalised text, for comparing characters


@dataclass
class Normalised:
    """Normalised text plus, for each of its characters, the index it came from."""

    text: str
    origin: list[int] = field(repr=False)


def normalise(raw: str) -> Normalised:
    """Fold case, quotes, dashes and runs of whitespace (to one space), keeping an index map."""
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(raw):
        folded = char.lower() if char.isascii() else _fold_char(char).replace(DASH, "-")
        if not folded or folded.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            origin.append(index)
            pending_space = False
        for piece in folded:
            chars.append(piece)
            origin.append(index)
    return Normalised("".join(chars), origin)
