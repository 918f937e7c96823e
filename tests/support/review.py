"""Claims at each stage of review, reached through newsroom.actions, for the admin tests."""

from __future__ import annotations

from newsroom import actions
from newsroom.models import Stance
from tests.support.factories import CitationFactory, ClaimFactory, SourceFactory

ARCHIVED = (
    "The minister said the talks were useful and constructive.\n\n"
    "Officials <b>declined</b> to give the date of the next meeting."
)


def cited_claim(author, *, excerpt="the talks were useful", stance=Stance.SUPPORTS, **source):
    """A draft claim by ``author`` with one checked citation."""
    claim = ClaimFactory(created_by=author, statement_edited_by=author)
    source.setdefault("archived_text", ARCHIVED)
    citation = CitationFactory(
        claim=claim, source=SourceFactory(**source), excerpt=excerpt, stance=stance
    )
    actions.verify_citation(citation=citation)
    return claim


def submitted(author):
    claim = cited_claim(author)
    return actions.submit_claim(claim=claim, actor=author)


def in_review(author, reviewer):
    return actions.assign_claim(claim=submitted(author), actor=reviewer)


def reviewed(author, reviewer):
    return actions.rate_claim(
        claim=in_review(author, reviewer),
        actor=reviewer,
        verdict="accurate",
        rationale="The ministry's statement says so.",
    )
