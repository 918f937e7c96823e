"""Checking a citation's excerpt against its source's archived text.

An excerpt is "found" when its words appear in the archived text in order, tolerating what
copying from a web page changes without changing meaning: whitespace and line breaks, curly
versus straight quotes, the various dashes, letter case, and an ellipsis ("…" or "...")
standing for omitted text. A changed word is never tolerated. When the excerpt is not found,
the closest passage is returned so the reviewer can see what the source actually says.

Pure functions on strings: the action that stores the result lives in ``newsroom.actions``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_ELLIPSIS_RE = re.compile(r"\s*(?:\u2026|\.\s?\.\s?\.)\s*")
_SPACE_RE = re.compile(r"\s+")


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
        folded = unicodedata.normalize("NFKC", char).translate(_CHAR_MAP).casefold()
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


@dataclass(frozen=True)
class Match:
    found: bool
    # Spans (start, end) in the ORIGINAL archived text: the excerpt's pieces when found, else
    # the closest passage.
    spans: tuple[tuple[int, int], ...]
    closest_passage: str = ""


def _segments(excerpt: str) -> list[str]:
    pieces = _ELLIPSIS_RE.split(excerpt)
    return [normalise(piece).text for piece in pieces if normalise(piece).text]


def find_excerpt(excerpt: str, archived_text: str) -> Match:
    """Look for ``excerpt`` in ``archived_text``; see the module docstring for what is tolerated."""
    haystack = normalise(archived_text)
    segments = _segments(excerpt)
    if not segments or not haystack.text:
        return Match(False, ())
    spans: list[tuple[int, int]] = []
    position = 0
    for segment in segments:
        start = haystack.text.find(segment, position)
        if start < 0:
            return _closest(excerpt, archived_text, haystack)
        end = start + len(segment)
        spans.append((haystack.origin[start], haystack.origin[end - 1] + 1))
        position = end
    return Match(True, tuple(spans))


def _closest(excerpt: str, archived_text: str, haystack: Normalised) -> Match:
    needle = " ".join(_segments(excerpt))
    width = len(needle)
    if width == 0:
        return Match(False, ())
    # Anchor on the longest common block, then score windows around it; cheap enough for the
    # length of an article or a transcript.
    matcher = SequenceMatcher(None, haystack.text, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(haystack.text), 0, width)
    best_start, best_ratio = 0, -1.0
    anchor = block.a - block.b
    for offset in range(-width // 2, width // 2 + 1, max(1, width // 20)):
        start = max(0, min(len(haystack.text) - 1, anchor + offset))
        window = haystack.text[start : start + width]
        ratio = SequenceMatcher(None, window, needle, autojunk=False).ratio()
        if ratio > best_ratio:
            best_start, best_ratio = start, ratio
    end = min(len(haystack.text), best_start + width)
    first, last = haystack.origin[best_start], haystack.origin[end - 1] + 1
    # Widen to whole words so the reviewer reads words, not fragments.
    while first > 0 and not archived_text[first - 1].isspace():
        first -= 1
    while last < len(archived_text) and archived_text[last].isalnum():
        last += 1
    return Match(False, ((first, last),), archived_text[first:last].strip())
