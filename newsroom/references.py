"""References inside article bodies: ``[[claim:slug]]``, ``[[person:slug]]`` and friends.

Parsing lives here so the renderer, the admin check and the action that keeps an article's
related objects in step all read the body the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REFERENCE_RE = re.compile(r"\[\[(?P<kind>claim|person|org|event):(?P<slug>[-a-zA-Z0-9_]+)\]\]")
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
