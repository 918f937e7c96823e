"""A source's archived text as readers read it on the source page, with the excerpts our
public claims quote marked in it, so anyone can see each quotation in its context.

The excerpts are found with the same rules that verified them (``newsroom.verification``):
an excerpt marked here is one a reader can check word for word against the text above and
below it. Only excerpts that were verified are marked; where two excerpts overlap, the text
is marked once and both point at that mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.verification import find_excerpt


@dataclass
class MarkedText:
    html: SafeString
    # Citation pk -> the id of the mark that holds its excerpt (its first fragment's).
    anchors: dict[int, str]


def mark_excerpts(text: str, citations: Iterable) -> MarkedText:
    """``text`` escaped, with each verified citation's excerpt in a ``<mark>``."""
    spans: list[tuple[int, int, int]] = []
    for citation in citations:
        if not citation.excerpt_verified:
            continue
        match = find_excerpt(citation.excerpt, text)
        if match.found:
            spans.extend((start, end, citation.pk) for start, end in match.spans)
    spans.sort()
    parts: list[str] = []
    anchors: dict[int, str] = {}
    position = 0
    last_id = ""
    for start, end, pk in spans:
        if start < position:  # inside a passage already marked: point at that mark
            anchors.setdefault(pk, last_id)
            continue
        parts.append(escape(text[position:start]))
        last_id = f"excerpt-{pk}-{start}"
        parts.append(f'<mark id="{last_id}">{escape(text[start:end])}</mark>')
        anchors.setdefault(pk, last_id)
        position = end
    parts.append(escape(text[position:]))
    return MarkedText(mark_safe("".join(parts)), anchors)  # noqa: S308 - every part escaped
