"""The search index's only writer: what each public record contributes to search, as text.

``SearchDocument`` holds, for every record readers may see, the text search matches (by
weight: title and names, lead, body) and what a result shows (title, a line of context, the
address). It is derived data: ``index_records`` rewrites the rows of the records it is given
from the database as it is now — a record readers may not see loses its row, so it cannot be
found — and ``rebuild`` rewrites every row. ``newsroom.receivers`` calls ``index_records`` on
every save, delete and recovery, and the workflow actions after their ``update()`` writes, so
the index changes in the same transaction as what it describes.

Text is what readers read: an article's body (the live row: drafts of a live article are kept
in revisions, never on the row) rendered from its Markdown without references, so neither the
word "person" in ``[[person:…]]`` nor the slug of a hidden record is indexed.

What a record's visibility rests on follows it here: a claim made public or hidden takes its
citations and the sources it cites with it; a source's new title, its citations.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from django.utils.html import strip_tags

from events.models import Event
from newsroom.markdown import render_markdown
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
_CONTROL = {code: " " for code in range(32) if chr(code) not in "\n\t"}


def plain_text(markdown: str) -> str:
    """``markdown`` as readers read it: rendered, without references, tags or entities."""
    if not markdown:
        return ""
    rendered = render_markdown(without_references(markdown)).html
    text = html.unescape(strip_tags(rendered))
    # A reference without a label leaves a gap: close it, and the space before punctuation.
    return clean(re.sub(r"[ \t]+([,.;:!?)])", r"\1", re.sub(r"[ \t]{2,}", " ", text)))


def clean(text: str) -> str:
    return (text or "").translate(_CONTROL).strip()


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


def _articles(ids) -> Iterator[SearchDocument]:
    articles = Article.objects.filter(
        pk__in=ids, status__in=LIVE_STATUSES, published_at__isnull=False
    ).select_related("section")
    for article in articles:
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
    for claim in Claim.objects.public().filter(pk__in=ids):
        yield _doc(
            SearchKind.CLAIM,
            claim,
            title=claim.statement,
            body=claim.rationale,
            meta=f"Our verdict: {claim.get_verdict_display()}",
            url=claim.get_absolute_url(),
        )


def _people(ids) -> Iterator[SearchDocument]:
    for person in Person.objects.published().filter(pk__in=ids):
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
    for org in Organization.objects.published().filter(pk__in=ids):
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
    for event in Event.objects.published().filter(pk__in=ids).select_related("place"):
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
    for source in Source.objects.public().filter(pk__in=ids):
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
    citations = Citation.objects.filter(
        pk__in=ids, claim__in=Claim.objects.public()
    ).select_related("claim", "source")
    for citation in citations:
        yield _doc(
            SearchKind.CITATION,
            citation,
            title=citation.source.title,
            body=citation.excerpt,
            meta=f"Cited for: {citation.claim.statement}",
            url=citation.claim.get_absolute_url(),
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
    """Rewrite every document of ``kinds`` (all by default) and drop those of records that are
    gone; return how many documents each kind has now. Safe to run at any time."""
    counts = {}
    for kind in kinds or SearchKind.values:
        model, _ = BUILDERS[kind]
        ids = set(model._base_manager.values_list("pk", flat=True))
        SearchDocument.objects.filter(kind=kind).exclude(
            object_id__in=model._base_manager.values("pk")
        ).delete()
        _write(kind, ids)
        counts[kind] = SearchDocument.objects.filter(kind=kind).count()
    return counts
