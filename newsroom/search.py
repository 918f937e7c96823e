"""Site search over what readers may see: articles, claims, people, organizations, events.

PostgreSQL ranks with full-text search (``websearch_to_tsquery``: quoted phrases, ``-word``,
``or``); SQLite, the local default, matches every word as a case-insensitive substring. Either
way each kind of result is one query, so a search page costs the same however many match.

An article's body is searched as readers read it, not as its markup: without its references
(``[[person:slug]]`` gives way to its label, or to nothing), so neither the word "person" nor
the slug of a record readers may not see finds an article (``PublicBody``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Func, Q, QuerySet, TextField, Value

from events.models import Event
from newsroom.models import Article, Claim
from newsroom.references import REFERENCE_SQL_PATTERN, without_references
from profiles.models import Organization, Person

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 10

# Fields searched per kind, with their full-text weights (A ranks above B above C).
FIELDS = {
    "articles": (("headline", "A"), ("standfirst", "B"), ("public_body", "C")),
    "claims": (("statement", "A"), ("rationale", "B")),
    "people": (("full_name", "A"), ("aliases", "A"), ("native_name", "A"), ("summary", "B")),
    "organizations": (("name", "A"), ("acronym", "A"), ("summary", "B")),
    "events": (("title", "A"), ("summary", "B")),
}


@dataclass
class SearchResults:
    query: str
    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(group)
            for group in (self.articles, self.claims, self.people, self.organizations, self.events)
        )


class PublicBody(Func):
    """An article's body without its references (``references.without_references``), in SQL:
    PostgreSQL's ``regexp_replace``; on SQLite the same Python function, registered on the
    connection."""

    output_field = TextField()
    SQLITE_FUNCTION = "newsroom_without_references"

    def __init__(self, expression="body", **extra):
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # \3 is the label; a reference without one leaves a space.
        clone = self.copy()
        clone.set_source_expressions(
            [
                *self.get_source_expressions(),
                Value(REFERENCE_SQL_PATTERN),
                Value(r" \3 "),
                Value("g"),
            ]
        )
        return clone.as_sql(compiler, connection, function="REGEXP_REPLACE", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        connection.ensure_connection()
        connection.connection.create_function(
            self.SQLITE_FUNCTION, 1, without_references, deterministic=True
        )
        return self.as_sql(compiler, connection, function=self.SQLITE_FUNCTION, **extra)


def _public_querysets() -> dict[str, QuerySet]:
    return {
        "articles": Article.objects.published().for_listing().annotate(public_body=PublicBody()),
        "claims": Claim.objects.public().for_listing(),
        "people": Person.objects.published().for_listing(),
        "organizations": Organization.objects.published(),
        "events": Event.objects.published().for_listing(),
    }


def _full_text(queryset: QuerySet, fields, query: str) -> QuerySet:
    vector = reduce(
        lambda a, b: a + b,
        (SearchVector(name, weight=weight, config="simple") for name, weight in fields),
    )
    search_query = SearchQuery(query, search_type="websearch", config="simple")
    # Filter on the match itself (@@): ts_rank gives non-matching rows a tiny positive rank.
    return (
        queryset.annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .order_by("-rank")
    )


def _substring(queryset: QuerySet, fields, query: str) -> QuerySet:
    words = [word for word in re.split(r"\s+", query.replace('"', " ")) if word]
    if not words:
        return queryset.none()
    every_word = reduce(
        and_,
        (reduce(or_, (Q(**{f"{name}__icontains": word}) for name, _ in fields)) for word in words),
    )
    return queryset.filter(every_word)


def search(query: str) -> SearchResults:
    """Up to ``RESULTS_PER_KIND`` public matches of each kind for ``query``, best first."""
    # NUL and other control characters cannot reach the database (PostgreSQL refuses NUL), and
    # a query of quotes or operators alone has nothing to match: both find nothing.
    query = "".join(char for char in query if char.isprintable() or char.isspace())
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = SearchResults(query)
    if not any(char.isalnum() for char in query):
        return results
    match = _full_text if connection.vendor == "postgresql" else _substring
    for kind, queryset in _public_querysets().items():
        setattr(results, kind, list(match(queryset, FIELDS[kind], query)[:RESULTS_PER_KIND]))
    return results
