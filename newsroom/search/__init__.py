"""Site search over what readers may see: articles, fact-checks, people, organizations, events,
sources (their archived text) and the excerpts cited from them.

Every record readers may see has a ``SearchDocument`` (``newsroom.search.index``, its only
writer), indexed by the database itself: on PostgreSQL a weighted ``tsvector`` (GIN) with
English stemming that ignores accents, on SQLite FTS5 with the Porter stemmer. Results come in
relevance order within each kind, counted exactly and paged. Names also match by similarity
(pg_trgm's trigrams: "Cai Ki" finds Cai Qi, "Modhi" Modi), and by substring when written in
Chinese, Japanese or Korean ("蔡" finds 蔡奇), with a "did you mean" for the closest name.

A search page costs at most three queries however many match: the name candidates, the
matches (ranked and counted per kind in one query, with window functions; ties, newest
first) and the results shown with their highlighted snippets. PostgreSQL ranks by the title,
names and lead (``head_vector``, kept in the row): a match in the body alone comes after.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.models import SearchDocument, SearchKind
from newsroom.search.query import MAX_QUERY_LENGTH, ParsedQuery, has_cjk, parse
from newsroom.search.similarity import THRESHOLD, best_name_match

__all__ = ["MAX_QUERY_LENGTH", "PER_PAGE", "PREVIEW", "KINDS", "SearchResults", "search"]

PREVIEW = 5  # results of each kind on the page of every kind
PER_PAGE = 20  # results on a page of one kind
NAME_CANDIDATES = 30
# How much of a long text (an archived source) PostgreSQL reads for a snippet: ts_headline's
# cost grows with it; a match further in gets the opening lines instead.
SNIPPET_SOURCE = 20_000
# The order kinds are shown in: whom and what readers usually look for first.
KINDS = [
    SearchKind.PERSON,
    SearchKind.ORGANIZATION,
    SearchKind.ARTICLE,
    SearchKind.CLAIM,
    SearchKind.EVENT,
    SearchKind.SOURCE,
    SearchKind.CITATION,
]
# A name matched by similarity ranks with a strong full-text match of the same record.
NAME_WEIGHT = {"postgresql": 2.0, "sqlite": 20.0}
TABLE = SearchDocument._meta.db_table
_START, _STOP = "\x02", "\x03"  # never in indexed text (index.clean)


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    meta: str
    url: str
    snippet: SafeString


@dataclass
class KindResults:
    kind: str
    label: str
    count: int = 0
    page: int = 1
    hits: list[Hit] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / PER_PAGE))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass
class SearchResults:
    query: str
    kind: str | None = None  # the one kind paged through, or None for a preview of each
    message: str = ""
    suggestion: str = ""
    groups: list[KindResults] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    def group(self, kind: str) -> KindResults:
        return next(group for group in self.groups if group.kind == kind)

    def ids(self, kind: str) -> list[int]:
        """The ids of the ``kind`` records shown, best first."""
        return [hit.object_id for hit in self.group(kind).hits]

    @property
    def shown(self) -> list[KindResults]:
        return [group for group in self.groups if group.hits]


def _now_param():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _highlight(text: str) -> SafeString:
    """Escape the snippet, then mark what matched: content never becomes markup."""
    text = text.replace(_STOP + " " + _START, " ")
    opened = 0
    out = []
    for char in escape(text):
        if char == _START and not opened:
            out.append("<mark>")
            opened = 1
        elif char == _STOP and opened:
            out.append("</mark>")
            opened = 0
        elif char not in (_START, _STOP):
            out.append(char)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out).strip())  # noqa: S308 - escaped above, marks added by us


def _excerpt(text: str, words: int = 30) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# -- names: typed with a typo, or by some of their CJK characters


def _name_candidates(parsed: ParsedQuery) -> list[tuple[int, str]]:
    text = parsed.name_text
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if has_cjk(text):
            terms = [term.text for term in parsed.positive]
            like = " AND ".join(["names LIKE %s ESCAPE '\\'"] * len(terms))
            cursor.execute(
                f"SELECT id, names FROM \"{TABLE}\" WHERE names <> '' AND {like} "
                "AND (visible_from IS NULL OR visible_from <= %s) LIMIT 200",
                [*(f"%{_like_escape(t)}%" for t in terms), _now_param()],
            )
        elif vendor == "postgresql":
            # The nearest names by word similarity, from the GiST trigram index.
            cursor.execute(
                f"SELECT id, names FROM \"{TABLE}\" WHERE names <> '' "
                "AND (visible_from IS NULL OR visible_from <= %s) "
                "ORDER BY %s <<-> names LIMIT %s",
                [_now_param(), text, NAME_CANDIDATES],
            )
        else:
            grams = _plain_trigrams(text)
            if not grams:
                return []
            cursor.execute(
                "SELECT d.id, d.names FROM newsroom_search_names f "
                f'JOIN "{TABLE}" d ON d.id = f.rowid WHERE newsroom_search_names MATCH %s '
                "AND (d.visible_from IS NULL OR d.visible_from <= %s) ORDER BY f.rank LIMIT %s",
                [" OR ".join(f'"{g}"' for g in grams), _now_param(), NAME_CANDIDATES],
            )
        return list(cursor.fetchall())


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _plain_trigrams(text: str) -> list[str]:
    """Unpadded trigrams (what FTS5's trigram tokenizer indexes), without quotes."""
    grams: list[str] = []
    for word in text.casefold().replace('"', " ").split():
        grams.extend(word[i : i + 3] for i in range(len(word) - 2) if word[i : i + 3] not in grams)
    return grams[:40]


def _name_matches(parsed: ParsedQuery) -> tuple[dict[int, float], str]:
    """Records found by name (id → score), and the closest name when it is not as typed."""
    found: dict[int, float] = {}
    suggestion, best = "", 0.0
    cjk = has_cjk(parsed.name_text)
    if not cjk and any(char.isdigit() for char in parsed.name_text):
        # Names are typed from memory; numbers and codes are typed exactly ("G20", "2025").
        return found, suggestion
    for pk, names in _name_candidates(parsed):
        if cjk:
            found[pk] = 1.0
            continue
        match = best_name_match(parsed.name_text, names)
        if match.score >= THRESHOLD:
            found[pk] = match.score
            if match.score > best:
                best, suggestion = match.score, match.name
    typed = parsed.name_text.casefold()
    if best >= 0.999 or typed in suggestion.casefold():
        suggestion = ""
    return found, suggestion


# -- matches, ranked and counted per kind in one query

_WINDOWS = """
    SELECT id, kind, total, n FROM (
        SELECT id, kind, COUNT(*) OVER (PARTITION BY kind) AS total,
               ROW_NUMBER() OVER (PARTITION BY kind ORDER BY rank DESC, id DESC) AS n
        FROM (SELECT id, kind, SUM(rank) AS rank FROM matched GROUP BY id, kind) merged
    ) ranked
    WHERE n = 1 OR (kind = %s AND n > %s AND n <= %s) OR (%s = '' AND n <= %s)
"""


def _matches(parsed: ParsedQuery, names: dict[int, float], kind: str, page: int):
    vendor = connection.vendor
    window = [kind or "", (page - 1) * PER_PAGE, page * PER_PAGE, kind or "", PREVIEW]
    now = _now_param()
    weight = NAME_WEIGHT[vendor]
    if vendor == "postgresql":
        sql = f"""
            WITH q AS (SELECT websearch_to_tsquery('newsroom_english', %s) AS tsq),
            extra AS (SELECT * FROM unnest(%s::bigint[], %s::float8[]) AS e(id, score)),
            matched AS (
                SELECT m.id, m.kind, m.rank FROM q, newsroom_search_matches(q.tsq, %s) m
                UNION ALL
                SELECT d.id, d.kind, %s * e.score FROM "{TABLE}" d JOIN extra e ON e.id = d.id
                WHERE d.visible_from IS NULL OR d.visible_from <= %s
            )
            {_WINDOWS}
        """
        params = [parsed.websearch(), list(names), list(names.values()), now, weight, now]
    else:
        sql = f"""
            WITH extra AS (
                SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS score
                FROM json_each(%s)
            ),
            matched AS (
                SELECT d.id, d.kind, -bm25(newsroom_search_fts, 10.0, 10.0, 4.0, 1.0) AS rank
                FROM newsroom_search_fts f JOIN "{TABLE}" d ON d.id = f.rowid
                WHERE newsroom_search_fts MATCH %s
                AND (d.visible_from IS NULL OR d.visible_from <= %s)
                UNION ALL
                SELECT d.id, d.kind, %s * e.score FROM extra e JOIN "{TABLE}" d ON d.id = e.id
                WHERE d.visible_from IS NULL OR d.visible_from <= %s
            )
            {_WINDOWS}
        """
        params = [json.dumps([[pk, s] for pk, s in names.items()]), parsed.fts5(), now, weight, now]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *window])
        return cursor.fetchall()


# -- what is shown of each result


def _details(parsed: ParsedQuery, ids: list[int]) -> dict[int, tuple]:
    if not ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            options = (
                f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=15, "
                'MaxFragments=2, FragmentDelimiter=" … "'
            )
            cursor.execute(
                f"""
                SELECT d.id, d.object_id, d.title, d.meta, d.url, d.lead, d.body,
                       ts_headline('newsroom_english',
                            left(d.lead || ' ' || d.body, %s), q.tsq, %s)
                FROM "{TABLE}" d,
                     (SELECT websearch_to_tsquery('newsroom_english', %s) AS tsq) q
                WHERE d.id = ANY(%s)
                """,
                [SNIPPET_SOURCE, options, parsed.websearch(), ids],
            )
        else:
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"""
                SELECT d.id, d.object_id, d.title, d.meta, d.url, d.lead, d.body, s.snippet
                FROM "{TABLE}" d LEFT JOIN (
                    SELECT rowid AS id,
                           snippet(newsroom_search_fts, -1, char(2), char(3), ' … ', 32) AS snippet
                    FROM newsroom_search_fts
                    WHERE newsroom_search_fts MATCH %s AND rowid IN ({placeholders})
                ) s ON s.id = d.id
                WHERE d.id IN ({placeholders})
                """,
                [parsed.fts5(), *ids, *ids],
            )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _snippet(title: str, lead: str, body: str, snippet: str | None) -> SafeString:
    if snippet and _START in snippet and snippet.replace(_START, "").replace(_STOP, "") != title:
        return _highlight(snippet)
    return _highlight(_excerpt(lead or body))


def search(query: str, *, kind: str | None = None, page: int = 1) -> SearchResults:
    """Public matches for ``query``: with ``kind`` (a ``SearchKind``), page ``page`` of that
    kind, ``PER_PAGE`` to a page; without, the best ``PREVIEW`` of every kind. Each kind counts
    all its matches. A query that cannot be searched comes back empty, with a ``message``."""
    parsed = parse(query)
    kind = kind if kind in SearchKind.values else None
    results = SearchResults(parsed.text, kind=kind, message=parsed.message)
    results.groups = [KindResults(k, SearchKind(k).label) for k in KINDS]
    if not parsed.searchable:
        return results
    page = max(1, page)
    names, results.suggestion = _name_matches(parsed)
    rows = _matches(parsed, names, kind, page)
    shown = [
        row
        for row in rows
        if (row[1] == kind and row[3] > (page - 1) * PER_PAGE) or (not kind and row[3] <= PREVIEW)
    ]
    details = _details(parsed, [row[0] for row in shown])
    for _pk, row_kind, total, _ in rows:
        group = results.group(row_kind)
        group.count = total
        group.page = page if row_kind == kind else 1
    for pk, row_kind, _, _ in sorted(shown, key=lambda row: row[3]):
        if pk not in details:
            continue
        object_id, title, meta, url, lead, body, snippet = details[pk]
        results.group(row_kind).hits.append(
            Hit(row_kind, object_id, title, meta, url, _snippet(title, lead, body, snippet))
        )
    return results
