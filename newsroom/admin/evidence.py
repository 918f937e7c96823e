"""The evidence a reviewer sees on a claim's page: each citation's excerpt highlighted in its
source's archived text, and the flags for thin or contested evidence."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from newsroom.models import MIN_INDEPENDENT_SOURCES, Citation, Claim
from newsroom.verification import find_excerpt


def evidence_flags(claim: Claim) -> list[str]:
    """Why ``claim`` is flagged, from its ``with_evidence_flags`` annotations; [] if it is not."""
    flags = []
    sources = getattr(claim, "independent_sources", None)
    if sources is not None and sources < MIN_INDEPENDENT_SOURCES:
        flags.append("No supporting source" if sources == 0 else "Only one independent source")
    if getattr(claim, "contradictions", 0):
        flags.append("Contested: a source contradicts this claim")
    return flags


def highlight(text: str, spans, *, css_class: str = "") -> SafeString:
    """``text`` escaped, with each (start, end) span wrapped in ``<mark>``."""
    parts: list[str] = []
    position = 0
    attrs = format_html(' class="{}"', css_class) if css_class else ""
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        parts.append(escape(text[position:start]))
        parts.append(format_html("<mark{}>{}</mark>", attrs, text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    # Safe: every piece was escaped above.
    return mark_safe("".join(parts))


def mark_passage(text: str, spans, omitted) -> SafeString:
    """``text`` from the first span to the last, escaped: each span in ``<mark>``, and the
    words left out between two spans (``omitted``, one per gap) greyed and labelled."""
    parts = [format_html("<mark>{}</mark>", text[spans[0][0] : spans[0][1]])]
    for (_, end), (start, stop), left_out in zip(spans, spans[1:], omitted, strict=False):
        if left_out:
            parts.append(
                format_html(
                    ' <span class="evidence__omitted"><span class="evidence__omitted-label">'
                    "left out by the ellipsis:</span> {}</span> ",
                    left_out,
                )
            )
        else:
            # No words between the two, perhaps the text's own "...": show it as it is.
            parts.append(escape(text[end:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:stop]))
    # Safe: every piece was escaped above.
    return mark_safe("".join(parts))


@dataclass
class Evidence:
    """One citation as the reviewer sees it: its excerpt located in its source's text.

    ``passage_html`` is the passage the fragments of an excerpt with an ellipsis were found in
    (or located in, when a rule rejects them), with what the ellipsis left out; ``reason`` says
    why an excerpt was not found.
    """

    citation: Citation
    source_html: SafeString
    found: bool | None
    closest_passage: str
    passage_html: SafeString = mark_safe("")
    reason: str = ""


def claim_evidence(claim: Claim) -> list[Evidence]:
    """Each citation of ``claim`` with its source's archived text, the excerpt marked in it.

    The stored ``excerpt_verified`` is what the workflow acts on; the spans are found again
    here because only the text offsets tell where to draw the marks, and the reason for a
    failure is not stored.
    """
    evidence = []
    for citation in claim.citations.select_related("source__publisher"):
        text = citation.source.archived_text
        if not text:
            evidence.append(Evidence(citation, mark_safe(""), None, ""))
            continue
        match = find_excerpt(citation.excerpt, text)
        # Without an ellipsis the passage is the excerpt itself, already marked in the text.
        passage = len(match.spans) > 1 and bool(match.passage)
        evidence.append(
            Evidence(
                citation,
                highlight(text, match.spans, css_class="" if match.found else "closest"),
                match.found,
                ""
                if match.found or passage
                else (match.closest_passage or citation.closest_passage),
                mark_passage(text, match.spans, match.omitted) if passage else mark_safe(""),
                match.reason,
            )
        )
    return evidence
