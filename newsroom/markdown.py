"""Article bodies: Markdown rendered with markdown-it-py, sanitised with nh3, references resolved.

``[[claim:slug]]`` becomes a numbered footnote marker (numbered in order of first appearance, a
repeated claim keeps its number); ``[[person:slug]]``, ``[[org:slug]]`` and ``[[event:slug]]``
become links named after the object, or after the reference's own label
(``[[person:cai-qi|the director]]``). The renderer never queries: the caller passes the objects
it has loaded. Anything the caller did not pass, or that readers may not see, renders as its
label in plain text, or as nothing — never the hidden record's name or slug — so a bad
reference never breaks a reader's page, nor gives away what is unpublished (the admin reports
it to the editor).

Readers' pages render article bodies through ``newsroom.article_body`` (stored once for the
live page, live for share previews), which loads what the references may name in a fixed
number of queries and calls ``render_markdown``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from newsroom.references import REFERENCE_RE, Reference

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-label"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "sup": {"id", "class"},
    "span": {"class"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "code": {"class"},
}


# The spaces between a word and the unlabelled claim reference after it: a footnote marker sits
# against the word it follows ("summit[1]"), as readers expect, however the writer typed it.
# A labelled reference keeps its space, since its label is words of the sentence.
_SPACE_BEFORE_MARKER = re.compile(r"(?<=\S)[ \t]+(?=\[\[claim:[-a-zA-Z0-9_]+\]\])")


def attach_markers(text: str) -> str:
    """``text`` without the spaces before its unlabelled claim references."""
    return _SPACE_BEFORE_MARKER.sub("", text or "")


@dataclass
class Footnote:
    """One cited claim at the foot of an article, with the ids of its markers in the text."""

    number: int
    claim: Any
    marker_ids: list[str] = field(default_factory=list)


@dataclass
class RenderedBody:
    html: SafeString
    footnotes: list[Footnote]
    # References readers see as plain text: unknown slugs and objects not yet public.
    unresolved: list[Reference]


@dataclass
class _Env:
    claims: Mapping[str, Any]
    people: Mapping[str, Any]
    organizations: Mapping[str, Any]
    events: Mapping[str, Any]
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    unresolved: list[Reference] = field(default_factory=list)


def _reference_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = REFERENCE_RE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("newsroom_reference", "", 0)
        token.meta = {"kind": match["kind"], "slug": match["slug"], "label": match["label"] or ""}
    state.pos = match.end()
    return True


def _demote_headings(state) -> None:
    # The headline is the page's only h1, so a body's "# Heading" is a section heading: h2.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def _is_public(obj: Any) -> bool:
    return bool(getattr(obj, "is_published", True))


def _render_reference(self, tokens, idx, options, env: dict) -> str:
    state: _Env = env["newsroom"]
    meta = tokens[idx].meta
    kind, slug, label = meta["kind"], meta["slug"], escape(meta["label"])
    if kind == "claim":
        claim = state.claims.get(slug)
        if claim is None:
            state.unresolved.append(Reference(kind, slug))
            return label
        note = state.footnotes.get(slug)
        if note is None:
            note = state.footnotes[slug] = Footnote(len(state.footnotes) + 1, claim)
        marker_id = f"fnref-{note.number}" + (
            f"-{len(note.marker_ids) + 1}" if note.marker_ids else ""
        )
        note.marker_ids.append(marker_id)
        return (
            f'{label}<sup class="fn-ref" id="{marker_id}"><a href="#fn-{note.number}" '
            f'aria-label="Evidence {note.number}">[{note.number}]</a></sup>'
        )
    objects = {"person": state.people, "org": state.organizations, "event": state.events}[kind]
    obj = objects.get(slug)
    if obj is None or not _is_public(obj):
        # Unknown, or not for readers: its label if the writer gave one, never its name.
        state.unresolved.append(Reference(kind, slug))
        return label
    name = label or escape(
        getattr(obj, "full_name", None) or getattr(obj, "title", None) or str(obj)
    )
    return f'<a class="ref ref-{kind}" href="{escape(obj.get_absolute_url())}">{name}</a>'


def _build_parser() -> MarkdownIt:
    # Raw HTML is off: an article body is Markdown only, and nh3 cleans whatever is left.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.inline.ruler.before("link", "newsroom_reference", _reference_rule)
    md.core.ruler.push("newsroom_demote_headings", _demote_headings)
    md.add_render_rule("newsroom_reference", _render_reference)
    return md


_PARSER = _build_parser()


def sanitize(html: str) -> str:
    """Keep only the tags and attributes an article body may contain."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def render_markdown(
    text: str,
    *,
    claims: Mapping[str, Any] | None = None,
    people: Mapping[str, Any] | None = None,
    organizations: Mapping[str, Any] | None = None,
    events: Mapping[str, Any] | None = None,
) -> RenderedBody:
    """Render ``text`` to safe HTML; mappings go from slug to the loaded object.

    ``claims`` must hold only claims readers may see; people, organizations and events that are
    not published render as the reference's label, or nothing.
    """
    state = _Env(claims or {}, people or {}, organizations or {}, events or {})
    html = _PARSER.render(attach_markers(text), {"newsroom": state})
    return RenderedBody(
        html=mark_safe(sanitize(html)),  # noqa: S308 - cleaned by nh3 just above
        footnotes=list(state.footnotes.values()),
        unresolved=state.unresolved,
    )


def render_inline(
    text: str,
    *,
    people: Mapping[str, Any] | None = None,
    organizations: Mapping[str, Any] | None = None,
    events: Mapping[str, Any] | None = None,
) -> SafeString:
    """One line of body text (a sentence, a heading's words) as safe inline HTML: emphasis and
    links kept, references resolved as ``render_markdown`` resolves them, no footnotes (a
    claim reference reads as its label, or nothing)."""
    state = _Env({}, people or {}, organizations or {}, events or {})
    html = _PARSER.renderInline(attach_markers(text), {"newsroom": state})
    return mark_safe(sanitize(html))  # noqa: S308 - cleaned by nh3 just above
