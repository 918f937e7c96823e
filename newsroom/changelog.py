"""The public change log of an article: the versions readers saw and its corrections, in one
timeline, newest first.

Only versions that were public appear (``newsroom.public_versions``); drafts saved in between
never do. Each version reads as readers read the article, never as its markup: a reference to a
published person, organization or event is a link named after it (or the reference's label),
anything else its label or nothing, so an old version never names what readers may not see.
Each later version says what changed since the one before, paragraph by paragraph: a paragraph
added or removed whole, and inside a changed paragraph the sentences removed (``<del>``) and
added (``<ins>``), each with a visible "Removed" or "Added" label, so colour never carries the
meaning alone. The full text of every version is there too, folded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import DetailView

from events.models import Event
from newsroom.history.compare import stored_fields
from newsroom.markdown import render_inline, render_markdown
from newsroom.models import Article, Correction
from newsroom.public_versions import public_versions
from newsroom.references import find_references
from profiles.models import Organization, Person

# What readers see of an article, in the order the log lists changes.
PUBLIC_FIELDS = (("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Text"))

_BLOCK_SPLIT = re.compile(r"\n[^\S\n]*\n\s*")
# A sentence ends at ".", "!" or "?" (with any closing quotes or brackets and footnote
# references after it) followed by a space and what can start a sentence.
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’)\]]*(?:\[\[claim:[-a-zA-Z0-9_]+\]\])*\s+(?=[\"“‘(\[A-Z0-9])"
)
# Words a full stop ends without ending the sentence ("Mr. Modi", "Gen. Li"), and initials.
_ABBREVIATION_WORDS = (
    "mr mrs ms dr prof gen lt col maj capt sgt adm sen rep gov pres amb st jr sr vs etc no nos "
    "fig approx dept est inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_LAST_WORD = re.compile(r"([A-Za-z]+)$")
# A block that is not a plain paragraph (heading, list, quotation, table, code): compared
# whole, since its sentences are not a paragraph's.
_NOT_PROSE = re.compile(r"^\s*(?:#|[-*+]\s|\d+[.)]\s|>|\||```|~~~|    )")


@dataclass
class Names:
    """The published people, organizations and events the versions refer to, by slug."""

    people: Mapping[str, Any] = field(default_factory=dict)
    organizations: Mapping[str, Any] = field(default_factory=dict)
    events: Mapping[str, Any] = field(default_factory=dict)

    def kwargs(self) -> dict[str, Mapping[str, Any]]:
        return {"people": self.people, "organizations": self.organizations, "events": self.events}

    def render_inline(self, text: str) -> str:
        return render_inline(text, **self.kwargs())


def load_names(bodies: Sequence[str]) -> Names:
    """The published records ``bodies`` refer to: three queries for all of them."""
    wanted: dict[str, set[str]] = {"person": set(), "org": set(), "event": set()}
    for body in bodies:
        for reference in find_references(body):
            if reference.kind in wanted:
                wanted[reference.kind].add(reference.slug)
    return Names(
        people={p.slug: p for p in Person.objects.published().filter(slug__in=wanted["person"])},
        organizations={
            o.slug: o for o in Organization.objects.published().filter(slug__in=wanted["org"])
        },
        events={e.slug: e for e in Event.objects.published().filter(slug__in=wanted["event"])},
    )


def blocks(body: str) -> list[str]:
    """``body``'s paragraphs (and headings, lists…): the blocks between blank lines."""
    return [block.strip() for block in _BLOCK_SPLIT.split(body or "") if block.strip()]


def sentences(paragraph: str) -> list[str]:
    """``paragraph`` cut into sentences, each with its closing punctuation and markers."""
    text = " ".join(paragraph.split())
    cuts = [
        match.end()
        for match in _SENTENCE_END.finditer(text)
        if text[match.start()] != "." or not _abbreviation_before(text, match.start())
    ]
    return [
        text[start:end].strip()
        for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)
        if text[start:end].strip()
    ]


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation or an initial ("J.", "U.S.")."""
    word = _LAST_WORD.search(text, 0, stop)
    if word is None:
        return False
    word_text = word.group(1)
    return word_text.lower() in _ABBREVIATIONS or (len(word_text) == 1 and word_text.isupper())


def _removed(html: str) -> str:
    return f'<del><span class="diff__label">Removed</span>{html}</del>'


def _added(html: str) -> str:
    return f'<ins><span class="diff__label">Added</span>{html}</ins>'


def sentence_diff(old: str, new: str, render: Callable[[str], str]) -> SafeString:
    """``new`` as inline HTML (each sentence through ``render``, which must escape), with the
    sentences of ``old`` it dropped in ``<del>`` and the ones it added in ``<ins>``, each
    labelled; sentences both share stay plain."""
    before, after = sentences(old), sentences(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.extend(render(s) for s in after[b1:b2])
            continue
        parts.extend(_removed(render(s)) for s in before[a1:a2])
        parts.extend(_added(render(s)) for s in after[b1:b2])
    return mark_safe(" ".join(parts))  # noqa: S308 - each part rendered safe


@dataclass
class DiffBlock:
    """One paragraph of a changed text: ``same`` (a run of ``count`` unchanged paragraphs,
    not repeated), ``added``, ``removed``, or ``changed`` (a sentence diff)."""

    state: str
    html: SafeString = mark_safe("")
    count: int = 0


def _render_block(block: str, names: Names) -> SafeString:
    return mark_safe(render_markdown(block, **names.kwargs()).html.strip())  # noqa: S308 - cleaned by nh3


def body_diff(old: str, new: str, names: Names) -> list[DiffBlock]:
    """How ``new`` differs from ``old``, paragraph by paragraph."""
    before, after = blocks(old), blocks(new)
    result: list[DiffBlock] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result.append(DiffBlock("same", count=a2 - a1))
            continue
        olds, news = before[a1:a2], after[b1:b2]
        if op == "replace":
            # Paragraphs replaced one for one are diffed sentence by sentence; what is left
            # over, or is not a plain paragraph, is removed or added whole.
            while olds and news and not (_NOT_PROSE.match(olds[0]) or _NOT_PROSE.match(news[0])):
                diff = sentence_diff(olds.pop(0), news.pop(0), names.render_inline)
                result.append(DiffBlock("changed", diff))
        result.extend(DiffBlock("removed", _render_block(b, names)) for b in olds)
        result.extend(DiffBlock("added", _render_block(b, names)) for b in news)
    return result


@dataclass
class FieldDiff:
    name: str
    label: str
    # A headline or standfirst: one sentence diff; the text: paragraph blocks.
    inline: SafeString | None = None
    blocks: list[DiffBlock] = field(default_factory=list)


@dataclass
class TimelineItem:
    """A published version or a correction, in the change log's timeline."""

    when: dt.datetime
    kind: str  # "version" or "correction"
    first: bool = False
    changes: list[FieldDiff] = field(default_factory=list)
    # A version's headline and text as readers read them.
    headline: str = ""
    text: SafeString = mark_safe("")
    correction: Correction | None = None


def _shown(fields: dict, names: Names) -> tuple[str, str, str]:
    """A version's headline, standfirst and text as readers read them: what two versions are
    compared on, so a change readers cannot see (a hidden record's slug) makes no entry."""
    return (
        fields.get("headline") or "",
        fields.get("standfirst") or "",
        str(render_markdown(fields.get("body") or "", **names.kwargs()).html),
    )


def timeline(versions: Sequence[Any], corrections: Sequence[Correction]) -> list[TimelineItem]:
    """The public ``versions`` (oldest first) and ``corrections`` as one timeline, newest
    first; consecutive versions readers saw as the same are folded into one."""
    stored = [stored_fields(version) for version in versions]
    names = load_names([fields.get("body") or "" for fields in stored])
    items: list[TimelineItem] = []
    previous: dict | None = None
    previous_shown: tuple[str, str, str] = ("", "", "")
    for version, fields in zip(versions, stored, strict=True):
        shown = _shown(fields, names)
        if shown == previous_shown:
            continue
        item = TimelineItem(
            when=version.revision.date_created,
            kind="version",
            first=previous is None,
            headline=shown[0],
            text=mark_safe(shown[2]),  # noqa: S308 - rendered and cleaned by render_markdown
        )
        if previous is not None:
            pairs = zip(PUBLIC_FIELDS, shown, previous_shown, strict=True)
            for (name, label), now, before in pairs:
                if now == before:
                    continue
                if name == "body":
                    diff = body_diff(previous.get("body") or "", fields.get("body") or "", names)
                    item.changes.append(FieldDiff(name, label, blocks=diff))
                else:
                    inline = sentence_diff(before, now, escape)
                    item.changes.append(FieldDiff(name, label, inline=inline))
        items.append(item)
        previous, previous_shown = fields, shown
    items.extend(
        TimelineItem(when=correction.created_at, kind="correction", correction=correction)
        for correction in corrections
    )
    # Newest first; a correction made with a version comes above it (it explains it).
    items.sort(key=lambda item: (item.when, item.kind == "correction"), reverse=True)
    return items


class ArticleChangesView(DetailView):
    """/articles/<y>/<m>/<slug>/changes/: how a published article changed, for readers."""

    template_name = "newsroom/article_changes.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .filter(
                published_at__year=self.kwargs["year"], published_at__month=self.kwargs["month"]
            )
            .prefetch_related("corrections")
        )

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            raise Http404("No published article at this address.") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = timeline(
            list(public_versions(self.object)), list(self.object.corrections.all())
        )
        return context
