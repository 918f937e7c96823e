"""Search finds what readers may see, by any of a person's names, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.search import search
from tests.support.content import make_public_claim, make_published_article
from tests.support.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom_content(db):
    PersonFactory(
        full_name="Cai Qi",
        slug="cai-qi",
        native_name="蔡奇",
        aliases="Tsai Chi",
        summary="Director of the CCP General Office",
    )
    PersonFactory(full_name="Hidden Person", slug="hidden", is_published=False)
    draft = ArticleFactory(headline="Draft about the General Office")
    return draft


def test_people_are_found_by_any_of_their_names(newsroom_content):
    for query in ("cai qi", "蔡奇", "Tsai"):
        assert [p.slug for p in search(query).people] == ["cai-qi"], query


def test_unpublished_things_are_never_found(newsroom_content):
    assert search("Hidden Person").people == []
    assert search("Draft about").articles == []


def test_published_articles_and_rated_claims_are_found(newsroom_content, editor):
    claim = make_public_claim(editor, statement="The banquet was dropped.")
    article = make_published_article(editor, headline="Banquet dropped", body="A conflict.")
    results = search("banquet dropped")
    assert [a.pk for a in results.articles] == [article.pk]
    assert [c.pk for c in results.claims] == [claim.pk]


def test_search_page_costs_the_same_however_many_match(client, newsroom_content):
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
