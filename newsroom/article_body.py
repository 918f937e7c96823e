"""An article's body, footnotes and "In this article" list as readers get them: what they are
rendered from (``load_body_inputs``) and the rendering (``render_body_parts``).

The live page serves these parts from ``RenderedBody`` (stored by
``newsroom.actions.rendered_bodies``); a share preview renders them each time from the objects
its version pinned. Either way the HTML comes from here, so the two cannot drift apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.template.loader import render_to_string

from events.models import Event
from newsroom.markdown import render_markdown
from newsroom.models import Article, Citation, Claim, ClaimSlug
from newsroom.references import REFERENCE_RE
from profiles.models import Organization, Person


@dataclass
class BodyInputs:
    """Everything the body's references may resolve to, hidden records included (the body
    names a hidden one as plain text, and publishing it changes the page)."""

    claims: list[Claim]
    people: list[Person]
    organizations: list[Organization]
    events: list[Event]


@dataclass
class BodyParts:
    body_html: str
    footnotes_html: str
    related_html: str
    body_sha256: str
    # [model label, pk] of every record read, for RenderedBody.shown.
    shown: list[list[Any]]


def body_sha256(body: str) -> str:
    return hashlib.sha256((body or "").encode()).hexdigest()


def footnote_claims():
    """Public claims as footnotes show them, in two queries whatever their number: claimant
    and contested flag with the claim (``for_listing``), citations with source and publisher.
    Old slugs only when the body uses one (``_claims_by_slug``)."""
    return (
        Claim.objects.public()
        .for_listing()
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.with_publishers()))
    )


def _claims_by_slug(body: str, claims: list[Claim]) -> dict[str, Claim]:
    """Each claim under its slug, and under the old slugs the body still uses (a claim
    renamed after the article was written): one more query, only when the body has such."""
    by_slug = {claim.slug: claim for claim in claims}
    wanted = {
        match["slug"] for match in REFERENCE_RE.finditer(body or "") if match["kind"] == "claim"
    }
    if wanted - by_slug.keys():
        by_pk = {claim.pk: claim for claim in claims}
        for old in ClaimSlug.objects.filter(slug__in=wanted - by_slug.keys(), claim__in=claims):
            by_slug.setdefault(old.slug, by_pk[old.claim_id])
    return by_slug


def load_body_inputs(article: Article) -> BodyInputs:
    """The live article's cited claims (the public ones), people, organizations and events."""
    return BodyInputs(
        claims=list(footnote_claims().filter(articles=article)),
        people=list(Person.objects.filter(articles=article)),
        organizations=list(Organization.objects.filter(articles=article)),
        events=list(Event.objects.select_related("place").filter(articles=article)),
    )


def load_body_inputs_of(articles: Iterable[Article]) -> dict[int, BodyInputs]:
    """``load_body_inputs`` of many articles at once, by article id: four queries (and the
    citations' prefetch) for the whole batch instead of four per article. Each article's rows
    come in the order ``load_body_inputs`` gives them (the models' own ordering)."""
    ids = [article.pk for article in articles]
    inputs = {pk: BodyInputs(claims=[], people=[], organizations=[], events=[]) for pk in ids}
    for name, queryset, attr in (
        ("claims", footnote_claims(), "claims"),
        ("related_people", Person.objects.all(), "people"),
        ("related_organizations", Organization.objects.all(), "organizations"),
        ("related_events", Event.objects.select_related("place"), "events"),
    ):
        field = Article._meta.get_field(name)
        through = field.remote_field.through
        article_column, row_column = field.m2m_column_name(), field.m2m_reverse_name()
        pairs = list(
            through.objects.filter(**{f"{article_column}__in": ids}).values_list(
                article_column, row_column
            )
        )
        articles_of: dict[int, list[int]] = {}
        for article_id, row_id in pairs:
            articles_of.setdefault(row_id, []).append(article_id)
        wanted = through.objects.filter(**{f"{article_column}__in": ids}).values(row_column)
        for row in queryset.filter(pk__in=wanted):
            for article_id in articles_of.get(row.pk, ()):
                getattr(inputs[article_id], attr).append(row)
    return inputs


def _shown(inputs: BodyInputs) -> list[list[Any]]:
    shown: set[tuple[str, int]] = set()
    for claim in inputs.claims:
        shown.add(("newsroom.claim", claim.pk))
        for who in (claim.claimant_person, claim.claimant_organization):
            if who is not None:
                shown.add((who._meta.label_lower, who.pk))
        for citation in claim.citations.all():
            shown.add(("newsroom.citation", citation.pk))
            shown.add(("newsroom.source", citation.source_id))
            if citation.source.publisher_id:
                shown.add(("profiles.organization", citation.source.publisher_id))
    for rows in (inputs.people, inputs.organizations, inputs.events):
        shown.update((row._meta.label_lower, row.pk) for row in rows)
    shown.update(("events.place", e.place_id) for e in inputs.events if e.place_id)
    return [list(pair) for pair in sorted(shown)]


def _published(rows: Iterable[Any]) -> list[Any]:
    return [row for row in rows if row.is_published]


def render_body_parts(article: Article, inputs: BodyInputs) -> BodyParts:
    """Render the body (Markdown, references resolved), the footnotes and the related list."""
    rendered = render_markdown(
        article.body,
        claims=_claims_by_slug(article.body, inputs.claims),
        people={person.slug: person for person in inputs.people},
        organizations={org.slug: org for org in inputs.organizations},
        events={event.slug: event for event in inputs.events},
    )
    footnotes = render_to_string(
        "newsroom/partials/article_footnotes.html",
        {
            "footnotes": rendered.footnotes,
            # The check mark's legend is said once, above the footnotes, not beside each one.
            "any_checked": any(
                citation.excerpt_verified
                for note in rendered.footnotes
                for citation in note.claim.citations.all()
            ),
        },
    )
    related = render_to_string(
        "newsroom/partials/article_related.html",
        {
            "related_people": _published(inputs.people),
            "related_organizations": _published(inputs.organizations),
            "related_events": _published(inputs.events),
        },
    )
    return BodyParts(
        body_html=str(rendered.html),
        footnotes_html=footnotes.strip(),
        related_html=related.strip(),
        body_sha256=body_sha256(article.body),
        shown=_shown(inputs),
    )
