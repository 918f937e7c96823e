"""The search index's only writer: what each public record contributes to search, as text.

``SearchDocument`` holds, for every record readers may see, the text search matches (by
weight: title and names, lead, body) and what a result shows (title, a line of context, the
address). It is derived data: ``index_records`` rewrites the rows of the records it is given
from the database as it is now — a record readers may not see loses its row, so it cannot be
found — and ``rebuild`` rewrites every row. ``newsroom.receivers`` calls ``index_records`` on
every save, delete and recovery, and the workflow actions after their ``update()`` writes, so
the index changes in the same transaction as what it describes.

Text is what readers read: an article's body (the live row: drafts of a live article are kept
in revisions, never on the row) without its Markdown syntax and references, so neither the
word "person" in ``[[person:…]]`` nor the slug of a hidden record is indexed.

What a record's visibility rests on follows it here: a claim made public or hidden takes its
citations and the sources it cites with it; a source's new title, its citations.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Iterable, Iterator

from django.urls import reverse

from events.models import Event
from newsroom.models import (
    LIVE_STATUSES,
    Article,
    Citation,
    Claim,
    SearchDocument,
    SearchKind,
    Source,
)
from newsroom.references import without_references
from profiles.models import Organization, Person

BATCH = 500
# Control characters never reach the index: two of them mark highlights in snippets.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# Markdown's syntax, as readers never see it: link targets, heading, quote and list markers,
# emphasis, code and table marks. Patterns rather than a render: an index of a large newsroom
# is rebuilt in minutes (a render costs about 10 ms an article), and whatever syntax is left is
# punctuation, which neither database indexes.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}|>+|[-*+]|\d{1,9}[.)])[ \t]+", re.M)
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[,.;:!?)])")  # a reference without a label


def plain_text(markdown: str) -> str:
    """``markdown`` as readers read it: without references (``[[person:slug|label]]`` gives
    way to its label: search cannot know who is public), Markdown syntax or entities."""
    if not markdown:
        return ""
    text = _LINE_MARKS.sub("", _LINK.sub(r"\1", without_references(markdown)))
    for mark in "*`|~_":
        text = text.replace(mark, " ")
    text = _SPACE_BEFORE_PUNCTUATION.sub("", _SPACES.sub(" ", text))
    return clean(html.unescape(text) if "&" in text else text)


@functools.cache
def _url_pattern(name: str) -> str:
    return reverse(name, kwargs={"slug": "SLUG"})


def _claim_url(slug: str) -> str:
    """``Claim.get_absolute_url`` without a ``reverse()`` a row (a rebuild makes 150,000)."""
    return _url_pattern("newsroom:claim_detail").replace("SLUG", slug)


def clean(text: str) -> str:
    return _CONTROL.sub(" ", text or "").strip()


def _names(*names: str) -> str:
    seen: list[str] = []
    for name in names:
        for line in (name or "").splitlines():
            line = clean(line)
            if line and line.casefold() not in {s.casefold() for s in seen}:
                seen.append(line)
    return "\n".join(seen)


def _doc(kind: str, obj, **fields) -> SearchDocument:
    fields = {
        key: clean(value) if isinstance(value, str) else value for key, value in fields.items()
    }
    fields["meta"] = fields.get("meta", "")[:300]
    return SearchDocument(kind=kind, object_id=obj.pk, **fields)


# -- one builder per kind: the public records among ``ids``, as documents


def _among(queryset, ids):
    """``queryset`` limited to ``ids`` (all of it for None), read in chunks."""
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.order_by().iterator(chunk_size=BATCH)


def _articles(ids) -> Iterator[SearchDocument]:
    articles = (
        Article.objects.filter(status__in=LIVE_STATUSES, published_at__isnull=False)
        .select_related("section")
        .only("headline", "slug", "standfirst", "body", "published_at", "section__name")
    )
    for article in _among(articles, ids):
        yield _doc(
            SearchKind.ARTICLE,
            article,
            title=article.headline,
            lead=article.standfirst,
            body=plain_text(article.body),
            meta=" · ".join(
                part
                for part in (
                    article.section.name if article.section else "",
                    f"{article.published_at:%-d %b %Y}",
                )
                if part
            ),
            url=article.get_absolute_url(),
            visible_from=article.published_at,
        )


def _claims(ids) -> Iterator[SearchDocument]:
    claims = Claim.objects.public().only("statement", "rationale", "verdict", "slug")
    for claim in _among(claims, ids):
        yield _doc(
            SearchKind.CLAIM,
            claim,
            title=claim.statement,
            body=claim.rationale,
            meta=f"Our verdict: {claim.get_verdict_display()}",
            url=_claim_url(claim.slug),
        )


def _people(ids) -> Iterator[SearchDocument]:
    for person in _among(Person.objects.published(), ids):
        yield _doc(
            SearchKind.PERSON,
            person,
            title=person.full_name,
            names=_names(person.full_name, person.native_name, person.aliases),
            lead=person.summary,
            body=plain_text(person.biography),
            meta=person.native_name,
            url=person.get_absolute_url(),
        )


def _organizations(ids) -> Iterator[SearchDocument]:
    for org in _among(Organization.objects.published(), ids):
        yield _doc(
            SearchKind.ORGANIZATION,
            org,
            title=org.name,
            names=_names(org.name, org.acronym),
            lead=org.summary,
            body=plain_text(org.description),
            meta=org.acronym,
            url=org.get_absolute_url(),
        )


def _events(ids) -> Iterator[SearchDocument]:
    for event in _among(Event.objects.published().select_related("place"), ids):
        yield _doc(
            SearchKind.EVENT,
            event,
            title=event.title,
            names=_names(event.title),
            lead=event.summary,
            body=plain_text(event.description),
            meta=f"{event.when_display} · {event.get_status_display()}",
            url=event.get_absolute_url(),
        )


def _sources(ids) -> Iterator[SearchDocument]:
    for source in _among(Source.objects.public(), ids):
        yield _doc(
            SearchKind.SOURCE,
            source,
            title=source.title,
            body=source.archived_text,
            meta=f"{source.get_kind_display()}"
            + (f" · {source.published_on:%-d %b %Y}" if source.published_on else ""),
            url=source.get_absolute_url(),
        )


def _citations(ids) -> Iterator[SearchDocument]:
    citations = (
        Citation.objects.filter(claim__in=Claim.objects.public())
        .select_related("claim", "source")
        .only("excerpt", "claim", "claim__statement", "claim__slug", "source", "source__title")
    )
    for citation in _among(citations, ids):
        yield _doc(
            SearchKind.CITATION,
            citation,
            title=citation.source.title,
            body=citation.excerpt,
            meta=f"Cited for: {citation.claim.statement}",
            url=_claim_url(citation.claim.slug),
        )


BUILDERS = {
    SearchKind.ARTICLE: (Article, _articles),
    SearchKind.CLAIM: (Claim, _claims),
    SearchKind.PERSON: (Person, _people),
    SearchKind.ORGANIZATION: (Organization, _organizations),
    SearchKind.EVENT: (Event, _events),
    SearchKind.SOURCE: (Source, _sources),
    SearchKind.CITATION: (Citation, _citations),
}
KIND_OF_LABEL = {model._meta.label_lower: kind for kind, (model, _) in BUILDERS.items()}

_UPDATED = ["title", "names", "lead", "body", "meta", "url", "visible_from", "indexed_at"]


def _write(kind: str, ids: set[int]) -> None:
    _, build = BUILDERS[kind]
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        documents = list(build(batch))
        SearchDocument.objects.filter(kind=kind, object_id__in=batch).exclude(
            object_id__in=[d.object_id for d in documents]
        ).delete()
        if documents:
            SearchDocument.objects.bulk_create(
                documents,
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=_UPDATED,
            )


def _follow(kind: str, ids: set[int]) -> dict[str, set[int]]:
    """The other records whose documents or visibility rest on the ``kind`` records ``ids``."""
    if kind == SearchKind.CLAIM:
        cited = Citation.objects.filter(claim__in=ids)
        return {
            SearchKind.CITATION: set(cited.values_list("pk", flat=True)),
            SearchKind.SOURCE: set(cited.values_list("source_id", flat=True)),
        }
    if kind == SearchKind.CITATION:
        return {
            SearchKind.SOURCE: set(
                Citation.objects.filter(pk__in=ids).values_list("source_id", flat=True)
            )
        }
    if kind == SearchKind.SOURCE:
        return {
            SearchKind.CITATION: set(
                Citation.objects.filter(source__in=ids).values_list("pk", flat=True)
            )
        }
    return {}


def index_records(label: str, pks: Iterable[int | None], *, also: dict | None = None) -> None:
    """Rewrite the search documents of the ``label`` records ``pks`` (e.g. ``"newsroom.claim"``)
    and of the records whose visibility rests on them, from the database as it is now; a record
    that is gone or hidden loses its document. ``also`` adds ``{label: pks}`` a delete can no
    longer find (a deleted citation's source). Runs in the caller's transaction."""
    wanted: dict[str, set[int]] = {}
    if label == "events.place":  # an event shows its time in its place's time zone
        places = [pk for pk in pks if pk is not None]
        label, pks = (
            "events.event",
            Event.objects.filter(place__in=places).values_list("pk", flat=True),
        )
    for name, ids in [(label, pks), *((also or {}).items())]:
        kind = KIND_OF_LABEL.get(name)
        if kind is not None:
            wanted.setdefault(kind, set()).update(pk for pk in ids if pk is not None)
    for kind, ids in list(wanted.items()):
        if ids:
            for other, more in _follow(kind, ids).items():
                wanted.setdefault(other, set()).update(more)
    for kind, ids in wanted.items():
        if ids:
            _write(kind, ids)


def rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Write every document of ``kinds`` (all by default) anew, in batches, dropping those of
    records that are gone or hidden; return how many documents each kind has now. Run it in a
    transaction (the command does) and readers never see the index half written."""
    counts = {}
    for kind in kinds or SearchKind.values:
        _, build = BUILDERS[kind]
        SearchDocument.objects.filter(kind=kind).delete()
        documents = build(None)
        while batch := list(itertools.islice(documents, BATCH)):
            SearchDocument.objects.bulk_create(batch)
        counts[kind] = SearchDocument.objects.filter(kind=kind).count()
    return counts
