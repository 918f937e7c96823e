"""The search page: the same cost however many match, results paged within each kind with the
count they promise, highlighted snippets, "did you mean", and every bad query explained (never
an error)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.search import PER_PAGE
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


def test_every_result_the_count_promises_can_be_reached(client, newsroom_content):
    for number in range(PER_PAGE + 4):
        PersonFactory(full_name=f"Cai Namesake {number}", slug=f"cai-{number}")
    total = PER_PAGE + 5  # with Cai Qi
    html = client.get("/search/", {"q": "Cai"}).content.decode()
    assert f"{total} results" in html
    assert f'href="?q=Cai&amp;type=people">All {total} people</a>' in html
    shown = set()
    for page in (1, 2):
        response = client.get("/search/", {"q": "Cai", "type": "people", "page": page})
        html = response.content.decode()
        assert f"Page {page} of 2" in html
        shown |= {n for n in range(PER_PAGE + 4) if f'href="/people/cai-{n}/"' in html}
    assert len(shown) == PER_PAGE + 4
    assert 'rel="next"' in client.get("/search/?q=Cai&type=people&page=1").content.decode()


def test_snippets_are_highlighted_and_a_typo_gets_a_did_you_mean(client, newsroom_content):
    html = client.get("/search/", {"q": "General Office"}).content.decode()
    assert "Director of the CCP <mark>General Office</mark>" in html
    html = client.get("/search/", {"q": "Cai Ki"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Cai%20Qi">Cai Qi</a>?' in html
    assert 'href="/people/cai-qi/"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Cai " * 100, "longer than 200 characters"),
        ('"Cai', "quotation mark is not closed"),
        ("OR AND *", "no word to look for"),
        ("Cai\x01Qi", "control characters"),
    ],
)
def test_a_bad_query_is_explained_not_an_error(client, newsroom_content, query, message):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'href="/people/cai-qi/"' not in html


def test_odd_paging_parameters_are_not_errors(client, newsroom_content):
    for params in ({"page": "x"}, {"page": "-3"}, {"type": "nonsense"}, {"page": "999999999"}):
        assert client.get("/search/", {"q": "Cai", **params}).status_code == 200


def test_empty_search_shows_the_form(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
