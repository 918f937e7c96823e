"""What the API answers with: pydantic schemas, from which Ninja writes the OpenAPI document.

Representations are built as dicts from rows loaded by the public QuerySets
(``newsroom/api/endpoints.py``) and validated against these on the way out, so the document
and the answers cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from ninja import Schema
from pydantic import Field

from events.models import EventKind, EventStatus, ParticipationRole
from newsroom.models import (
    ArticleKind,
    CitationRole,
    ClaimKind,
    CorrectionKind,
    SourceKind,
    Stance,
    Verdict,
)
from profiles.models import OrganizationKind

T = TypeVar("T")


class Error(Schema):
    detail: str = Field(description="What went wrong, for a person to read.")


class Page(Schema, Generic[T]):
    count: int = Field(description="How many results there are on all pages.")
    next: str | None = Field(description="The next page's absolute URL, or null on the last.")
    previous: str | None = Field(description="The previous page's absolute URL, or null.")
    results: list[T]


class PartialDate(Schema):
    date: dt.date = Field(description="The first day of the period the date names.")
    precision: str = Field(description="day, month or year: how much of the date is known.")


class Named(Schema):
    name: str
    url: str | None = Field(description="Its public page, when readers may see it.")


class EventRef(Schema):
    title: str
    url: str


# -- claims


class ClaimSummary(Schema):
    slug: str
    url: str
    api_url: str
    statement: str
    kind: ClaimKind
    claimant: Named | None
    said_on: dt.date | None
    under_review_again: bool = Field(
        description="Reopened: its last verdict rated an earlier version (previous_verdict)."
    )
    verdict: Verdict | None
    verdict_label: str | None
    previous_verdict: Verdict | None
    rating: int | None = Field(
        description="1 (false) to 5 (accurate); null when not rated now, and for unverifiable,"
        " which is no point on that scale."
    )
    reviewed_at: dt.datetime | None
    contested: bool = Field(description="At least one citation contradicts it.")


class CitedSource(Schema):
    id: int
    title: str
    kind: SourceKind
    publisher: str | None
    url: str | None
    published_on: dt.date | None
    page: str
    api_url: str


class Citation(Schema):
    role: CitationRole = Field(
        description="appearance: where the claim was made; evidence: a source that bears on it."
    )
    stance: Stance
    excerpt: str
    locator: str
    excerpt_found_in_source: bool
    source: CitedSource


class VerdictChange(Schema):
    at: dt.datetime
    status: str
    verdict: Verdict | None


class ClaimDetail(ClaimSummary):
    rationale: str
    citations: list[Citation]
    verdict_history: list[VerdictChange]


# -- articles


class CorrectionSummary(Schema):
    kind: CorrectionKind
    text: str
    at: dt.datetime


class ArticleSummary(Schema):
    slug: str
    url: str
    api_url: str
    headline: str
    standfirst: str
    kind: ArticleKind
    section: str | None
    bylines: list[str]
    published_at: dt.datetime | None
    updated_at: dt.datetime | None


class ArticleDetail(ArticleSummary):
    body_html: str = Field(description="The rendered body (never the raw Markdown).")
    claims: list[ClaimSummary]
    corrections: list[CorrectionSummary]
    tags: list[str]


class Correction(Schema):
    id: int
    api_url: str
    url: str
    kind: CorrectionKind
    text: str
    at: dt.datetime
    article: ArticleRef


class ArticleRef(Schema):
    slug: str
    headline: str
    url: str
    api_url: str


# -- profiles


class PersonPosition(Schema):
    organization: Named
    role: str
    rank: int | None
    rank_of: int | None
    start: PartialDate | None
    end: PartialDate | None
    note: str


class OrganizationPosition(Schema):
    person: Named
    role: str
    rank: int | None
    rank_of: int | None
    start: PartialDate | None
    end: PartialDate | None
    note: str


class PersonSummary(Schema):
    slug: str
    url: str
    api_url: str
    full_name: str
    native_name: str | None
    summary: str


class PersonDetail(PersonSummary):
    given_name: str
    family_name: str
    name_order: str
    aliases: list[str]
    birth_date: PartialDate | None
    birthplace: str | None
    wikidata_id: str | None
    current_positions: list[PersonPosition]
    earlier_positions: list[PersonPosition]
    claims_about: list[ClaimSummary]


class OrganizationSummary(Schema):
    slug: str
    url: str
    api_url: str
    name: str
    acronym: str | None
    kind: OrganizationKind
    country: str | None
    seats: int | None
    parent: Named | None
    summary: str


class OrganizationDetail(OrganizationSummary):
    current_members: list[OrganizationPosition]


class Membership(Schema):
    id: int
    api_url: str
    person: Named
    organization: Named
    role: str
    rank: int | None
    rank_of: int | None
    start: PartialDate | None
    end: PartialDate | None
    current: bool
    note: str


# -- events


class Place(Schema):
    name: str
    time_zone: str


class EventSummary(Schema):
    slug: str
    url: str
    api_url: str
    title: str
    kind: EventKind
    status: EventStatus
    status_reason: str | None
    starts_at: dt.datetime | None = Field(description="In the place's time zone.")
    start_precision: str
    ends_at: dt.datetime | None
    end_precision: str
    place: Place | None
    replaced_by: EventRef | None


class Participant(Schema):
    person: Named
    role: ParticipationRole
    representing: str | None


class EventDetail(EventSummary):
    summary: str
    parent: EventRef | None
    participants: list[Participant]
    claims_about: list[ClaimSummary]


# -- sources


class SourceSummary(CitedSource):
    author: str
    language: str


class SourceClaim(Schema):
    slug: str
    statement: str
    url: str
    api_url: str
    role: CitationRole
    stance: Stance
    excerpt: str


class SourceDetail(SourceSummary):
    archived_sha256: str | None
    archived_at: dt.datetime | None
    cited_by: list[SourceClaim]


# -- the index


class Index(Schema):
    endpoints: dict[str, str] = Field(description="Each endpoint's name and absolute URL.")
    openapi: str
    docs: str


Correction.model_rebuild()
