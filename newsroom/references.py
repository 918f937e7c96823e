"""References inside article bodies: ``[[claim:slug]]``, ``[[person:slug]]`` and friends.

A reference may carry its own label, ``[[person:cai-qi|the director]]``: the words readers
see in its place, as a link while the record is public and as plain text when it is not.
Parsing lives here so the renderer, search, the public change log, the admin check and the
action that keeps an article's related objects in step all read the body the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

REFERENCE_RE = re.compile(
    r"\[\[(?P<kind>claim|person|org|event):(?P<slug>[-a-zA-Z0-9_]+)"
    r"(?:\|(?P<label>[^\]|]{0,200}))?\]\]"
)
# The same pattern in PostgreSQL's regular expressions, the label being group 3 (for search).
REFERENCE_SQL_PATTERN = r"\[\[(claim|person|org|event):[-a-zA-Z0-9_]+(\|([^]|]{0,200}))?\]\]"
KINDS = ("claim", "person", "org", "event")


@dataclass(frozen=True)
class Reference:
    kind: str
    slug: str


def find_references(body: str) -> list[Reference]:
    """Every reference in ``body``, in order of first appearance, without repeats."""
    seen: dict[Reference, None] = {}
    for match in REFERENCE_RE.finditer(body or ""):
        seen.setdefault(Reference(match["kind"], match["slug"]), None)
    return list(seen)


def slugs_by_kind(body: str) -> dict[str, list[str]]:
    """``{"claim": [...], "person": [...], ...}`` in order of first appearance."""
    result: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for ref in find_references(body):
        result[ref.kind].append(ref.slug)
    return result


def replace_references(body: str, text_for: Callable[[Reference, str], str]) -> str:
    """``body`` with each reference replaced by ``text_for(reference, label)`` (``label`` is
    the reference's own, or "")."""
    return REFERENCE_RE.sub(
        lambda match: text_for(Reference(match["kind"], match["slug"]), match["label"] or ""),
        body or "",
    )


def without_references(body: str) -> str:
    """``body`` as text nobody's publication can change: each reference gives way to its own
    label, or to nothing. What search reads, since it cannot know who is public."""
    return replace_references(body, lambda reference, label: f" {label} " if label else " ")
