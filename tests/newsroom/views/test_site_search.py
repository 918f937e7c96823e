"""The search page: the same cost however many match, an overlong query explained, and the form
when there is no query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support.content import searchable_content
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom_content(db):
    return searchable_content()


def test_search_page_costs_the_same_however_many_match(client, newsroom_content, settings):
    settings.NEWSROOM_PAGE_CACHE = False  # what building the page costs, every time
    with CaptureQueriesContext(connection) as one:
        client.get("/search/", {"q": "Cai"})
    for number in range(15):
        PersonFactory(full_name=f"Cai Namesake {number}", slug=f"cai-{number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/search/", {"q": "Cai"})
    assert response.status_code == 200
    assert len(many) == len(one)


def test_an_overlong_query_is_explained_not_an_error(client, newsroom_content):
    response = client.get("/search/", {"q": "Cai " * 100})
    assert response.status_code == 200
    assert "longer than 200 characters" in response.content.decode()


def test_empty_search_shows_the_form(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
