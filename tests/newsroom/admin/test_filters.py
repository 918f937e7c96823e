"""The claims list's filters: the review queues, thin or contested evidence, and age."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from newsroom import actions
from newsroom.models import Claim, Stance
from tests.support.admin import admin_url
from tests.support.factories import CitationFactory, SourceFactory
from tests.support.review import ARCHIVED, cited_claim, in_review, submitted

pytestmark = pytest.mark.django_db


def _results(client, query: str) -> set[int]:
    response = client.get(admin_url(Claim, "changelist") + query)
    assert response.status_code == 200
    return {claim.pk for claim in response.context["cl"].result_list}


def test_queue_filters_return_the_right_claims(client, writer, fact_checker, second_fact_checker):
    mine = in_review(writer, fact_checker)  # one source: flagged as thin
    theirs = in_review(writer, second_fact_checker)
    waiting = submitted(writer)
    draft = cited_claim(writer)
    # Two supporting publishers: sound. Add a contradicting one to another: contested.
    sound = submitted(writer)
    CitationFactory(claim=sound, source=SourceFactory(archived_text=ARCHIVED))
    contested = submitted(writer)
    CitationFactory(claim=contested, source=SourceFactory(archived_text=ARCHIVED))
    CitationFactory(
        claim=contested, source=SourceFactory(), stance=Stance.CONTRADICTS, excerpt="no talks"
    )
    rated = actions.rate_claim(
        claim=actions.assign_claim(claim=sound, actor=fact_checker),
        actor=fact_checker,
        verdict="false",
        rationale="The record says otherwise.",
    )
    Claim.objects.filter(pk=waiting.pk).update(updated_at=timezone.now() - dt.timedelta(days=3))
    Claim.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    client.force_login(fact_checker)

    assert _results(client, "?queue=mine") == {mine.pk}
    assert _results(client, "?queue=unassigned") == {waiting.pk, contested.pk}
    assert _results(client, "?queue=waiting") == {mine.pk, theirs.pk, waiting.pk, contested.pk}
    assert _results(client, "?evidence=flagged") == {
        mine.pk,
        theirs.pk,
        waiting.pk,
        draft.pk,
        contested.pk,
    }
    assert _results(client, "?evidence=contested") == {contested.pk}
    assert _results(client, "?evidence=few_sources") == {mine.pk, theirs.pk, waiting.pk, draft.pk}
    assert _results(client, "?evidence=sound") == {rated.pk}
    assert _results(client, "?status__exact=submitted") == {waiting.pk, contested.pk}
    assert _results(client, "?verdict__exact=false") == {rated.pk}
    assert _results(client, "?age=day") == {waiting.pk, draft.pk}
    assert _results(client, "?age=week") == {draft.pk}
    assert _results(client, "?queue=unassigned&evidence=contested") == {contested.pk}
