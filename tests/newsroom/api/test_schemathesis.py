"""schemathesis against the API's own OpenAPI document: generated requests to every operation
(valid and invalid parameters) never get a 5xx, and every response conforms to the document —
status codes, content types and bodies. Runs in-process against the WSGI app, inside the test's
database transaction (pytest-django), on SQLite and PostgreSQL alike; a bounded number of
examples keeps it to a few seconds."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, settings

from newsroom import actions
from newsroom.actions import merges
from tests.newsroom.api.conftest import openapi_schema
from tests.support.content import make_public_claim, publish
from tests.support.factories import (
    ArticleFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
)

MAX_EXAMPLES = 8


@pytest.fixture
def content(db, in_the_test_transaction, django_user_model, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    editor = django_user_model.objects.create_superuser("st-editor", "st@example.org", "x")
    cai = PersonFactory(full_name="Cai Qi", slug="cai-qi", birth_date=dt.date(1955, 12, 1))
    pbsc = OrganizationFactory(slug="pbsc", seats=7)
    MembershipFactory(person=cai, organization=pbsc, rank=5)
    event = EventFactory(slug="talks", organizer=pbsc)
    ParticipationFactory(event=event, person=cai, organization=pbsc)
    claim = make_public_claim(editor, slug="said", about_people=[cai], said_at_event=event)
    make_public_claim(editor, slug="wrong", verdict="misleading", claimant_person=cai)
    article = publish(ArticleFactory(slug="story", body="[[claim:said]]"), editor)
    actions.add_correction(article=article, actor=editor, kind="update", text="More.")
    merges.merge_profiles(duplicate=PersonFactory(slug="cai-2"), survivor=cai, actor=editor)
    assert claim.citations.exists()


schema = openapi_schema()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_openapi_document(case, content):
    case.call_and_validate()
