"""Search finds what readers may see, by any of a person's names, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from newsroom.search import search
from tests.support.content import make_public_claim, make_published_article, searchable_content
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom_content(db):
    return searchable_content()


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


def test_article_bodies_are_searched_as_readers_read_them_not_as_markup(editor):
    PersonFactory(full_name="Secret Person", slug="secret-source", is_published=False)
    article = make_published_article(
        editor,
        headline="Talks in Tianjin",
        body="Met [[person:secret-source]] and [[person:secret-source|an aide]] today.",
    )
    for query in ("person", "secret-source", "secret", "org"):
        assert search(query).articles == [], query
    assert [a.pk for a in search("aide").articles] == [article.pk]
