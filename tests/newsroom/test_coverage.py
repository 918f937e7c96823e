"""People in the news (the front page): the most recently named first, exactly, whether or not
they were named in the newest few articles the lookup starts from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.coverage import people_in_the_news
from newsroom.models import Article
from profiles.models import Person
from tests.support.content import make_published_article
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(editor):
    """Six articles an hour apart, newest first: who each names."""
    for name in ("ana", "ben", "cho", "dev", "eli", "fay", "gus"):
        PersonFactory(slug=name, family_name=name.title(), full_name=name.title())
    PersonFactory(slug="hidden", is_published=False)
    named = [
        ["ana", "hidden"],
        ["ana", "ben"],
        ["cho"],
        ["ben", "dev"],
        ["eli"],
        ["fay", "cho"],
    ]
    now = timezone.now()
    for hours, slugs in enumerate(named):
        article = make_published_article(
            editor, body=" ".join(f"[[person:{slug}]]" for slug in slugs)
        )
        Article.objects.filter(pk=article.pk).update(
            published_at=now - dt.timedelta(hours=hours + 1)
        )
    return now


def _slugs(people) -> list[str]:
    return [person.slug for person in people]


@pytest.mark.parametrize("window", [1, 2, 3, 50])
def test_the_most_recently_named_come_first_whatever_the_window(newsroom, window):
    people = Person.objects.published()
    assert _slugs(people_in_the_news(people, limit=3, window=window)) == ["ana", "ben", "cho"]
    # "eli" and "fay" were named only before the window of 1 or 2 articles: still found
    assert _slugs(people_in_the_news(people, limit=10, window=window)) == [
        "ana", "ben", "cho", "dev", "eli", "fay",
    ]  # fmt: skip


def test_each_comes_with_when_they_were_last_named(newsroom):
    people = people_in_the_news(Person.objects.published(), limit=10, window=2)
    last = {person.slug: person.last_in_news for person in people}
    assert last["ana"] == newsroom - dt.timedelta(hours=1)
    assert last["ben"] == newsroom - dt.timedelta(hours=2)
    assert last["cho"] == newsroom - dt.timedelta(hours=3)
    assert last["fay"] == newsroom - dt.timedelta(hours=6)


def test_ties_on_the_window_edge_are_kept(editor):
    """Articles published at the same moment as the window's oldest are all read."""
    for name in ("ana", "ben", "cho"):
        PersonFactory(slug=name, family_name=name.title())
    when = timezone.now() - dt.timedelta(hours=1)
    for slug in ("cho", "ben", "ana"):
        article = make_published_article(editor, body=f"[[person:{slug}]]")
        Article.objects.filter(pk=article.pk).update(published_at=when)
    people = people_in_the_news(Person.objects.published(), limit=3, window=1)
    assert _slugs(people) == ["ana", "ben", "cho"]  # same moment: by family name


def test_nobody_in_the_news_is_an_empty_list(editor):
    PersonFactory(slug="ana")
    make_published_article(editor, body="Nobody named.")
    assert people_in_the_news(Person.objects.published(), limit=8, window=1) == []
