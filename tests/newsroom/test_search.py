"""Search finds what readers may see, as they read it, by any of a person's names — typed
with a typo or by one Chinese character — on SQLite and PostgreSQL alike, and finds nothing
readers may not see, from the moment it changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom import actions
from newsroom.models import SearchDocument
from newsroom.search import PER_PAGE, PREVIEW, search
from tests.support.content import (
    make_public_claim,
    make_published_article,
    publish,
    searchable_content,
)
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom_content(db):
    return searchable_content()


def people(query: str, **kwargs) -> list[str]:
    return [hit.title for hit in search(query, **kwargs).group("people").hits]


def ids(query: str, kind: str) -> list[int]:
    return search(query).ids(kind)


def test_people_are_found_by_any_of_their_names(newsroom_content):
    for query in ("cai qi", "蔡奇", "Tsai", "CAI"):
        assert people(query) == ["Cai Qi"], query


def test_a_name_typed_with_a_typo_is_found_with_a_did_you_mean(newsroom_content):
    PersonFactory(full_name="Narendra Modi", slug="narendra-modi")
    PersonFactory(full_name="Cai Namesake", slug="cai-namesake")
    results = search("Cai Ki")
    assert [hit.title for hit in results.group("people").hits][0] == "Cai Qi"
    assert results.suggestion == "Cai Qi"
    results = search("Modhi")
    assert [hit.title for hit in results.group("people").hits] == ["Narendra Modi"]
    assert results.suggestion == "Narendra Modi"
    # Typed as stored: no suggestion.
    assert search("Cai Qi").suggestion == ""
    # Nothing like any name: nothing found, nothing suggested.
    results = search("Zyxwvut")
    assert (results.total, results.suggestion) == (0, "")


def test_one_chinese_character_finds_the_name_it_is_part_of(newsroom_content):
    PersonFactory(full_name="Li Qiang", slug="li-qiang", native_name="李强")
    assert people("蔡") == ["Cai Qi"]
    assert people("强") == ["Li Qiang"]
    assert people("習") == []


def test_a_word_and_its_plural_find_the_same_articles(editor):
    first = make_published_article(
        editor, headline="Talks in Tianjin", body="The meeting ran late."
    )
    second = make_published_article(editor, headline="Two meetings", body="Both were brief.")
    make_published_article(editor, headline="A banquet", body="It was dropped.")
    assert (
        set(ids("meeting", "articles"))
        == set(ids("meetings", "articles"))
        == {
            first.pk,
            second.pk,
        }
    )


def test_accents_are_ignored(editor):
    article = make_published_article(editor, headline="Café diplomacy", body="Talks over coffee.")
    assert ids("cafe", "articles") == [article.pk]


def test_article_bodies_are_searched_as_readers_read_them_not_as_markup(editor):
    PersonFactory(full_name="Secret Person", slug="secret-source", is_published=False)
    article = make_published_article(
        editor,
        headline="Talks in Tianjin",
        body="## Who met\n\n"
        "Met [[person:secret-source]] and [[person:secret-source|an aide]] **today**.",
    )
    for query in ("person", "secret-source", "secret", "org", "##"):
        assert ids(query, "articles") == [], query
    assert ids("aide", "articles") == [article.pk]
    assert ids("who met", "articles") == [article.pk]


def test_relevance_orders_results_a_headline_first(editor):
    passing = make_published_article(
        editor, headline="A summit", body="Delegates mentioned the banquet once."
    )
    headline = make_published_article(editor, headline="The banquet that was dropped", body="x")
    assert ids("banquet", "articles") == [headline.pk, passing.pk]


def test_a_sources_archived_text_and_a_citation_excerpt_are_found(editor):
    source = SourceFactory(
        title="Briefing transcript", archived_text="The delegation discussed river water data."
    )
    claim = make_public_claim(
        editor,
        statement="They spoke about rivers.",
        extra_citations=[{"source": source, "excerpt": "discussed river water data"}],
    )
    assert source.pk in ids("water data", "sources")
    found = search("water data").group("citations").hits
    assert [hit.url for hit in found] == [claim.get_absolute_url()]
    assert "<mark>" in str(found[0].snippet)


def test_sources_and_excerpts_of_claims_readers_cannot_see_are_not_found(editor):
    source = SourceFactory(title="Unseen report", archived_text="A hidden hydrology memo.")
    CitationFactory(
        claim=ClaimFactory(statement="A draft."), source=source, excerpt="hidden hydrology"
    )
    results = search("hydrology")
    assert results.total == 0


def test_unpublished_things_are_never_found(newsroom_content):
    assert people("Hidden Person") == []
    assert search("Draft about").ids("articles") == []
    assert search("Hidden").total == 0


def test_the_draft_of_a_live_article_is_not_found_until_published(editor):
    article = make_published_article(editor, headline="Talks", body="The first version.")
    article.body = "A zeppelin arrived."
    actions.save_article_draft(article=article, actor=editor, m2m={})
    assert ids("zeppelin", "articles") == []
    assert ids("first version", "articles") == [article.pk]
    actions.publish_changes(article=article, actor=editor)
    assert ids("zeppelin", "articles") == [article.pk]
    assert ids("first version", "articles") == []


def test_edit_publish_unpublish_and_delete_change_results_at_once(editor):
    person = PersonFactory(full_name="Ajit Doval", slug="ajit-doval", is_published=False)
    assert people("Doval") == []
    person.is_published = True
    person.save()
    assert people("Doval") == ["Ajit Doval"]
    person.full_name = "Ajit Kumar Doval"
    person.save()
    assert people("Kumar") == ["Ajit Kumar Doval"]
    person.delete()
    assert people("Doval") == []

    article = ArticleFactory(headline="Monsoon talks", body="Rain.")
    assert ids("monsoon", "articles") == []
    publish(article, editor)
    assert ids("monsoon", "articles") == [article.pk]
    actions.unpublish_article(article=article, actor=editor, note="Pulled.")
    assert ids("monsoon", "articles") == []

    claim = make_public_claim(editor, statement="The glacier retreated.")
    assert ids("glacier", "claims") == [claim.pk]
    actions.reopen_claim(claim=claim, actor=editor, note="New data.")
    assert ids("glacier", "claims") == [claim.pk]  # reopened claims stay public
    claim.delete()
    assert ids("glacier", "claims") == []


def test_a_scheduled_article_is_found_from_its_publication_time(editor):
    article = ArticleFactory(headline="Embargoed budget", body="Numbers.")
    for status in ("in_review", "approved"):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    actions.schedule_article(
        article=article, actor=editor, publish_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert ids("embargoed", "articles") == []
    SearchDocument.objects.filter(kind="articles").update(
        visible_from=timezone.now() - dt.timedelta(seconds=1)
    )
    assert ids("embargoed", "articles") == [article.pk]


def test_paging_reaches_every_result_the_count_promises(db):
    for number in range(PER_PAGE + 3):
        OrganizationFactory(name=f"Water Board {number}", slug=f"water-board-{number}")
    preview = search("water board").group("organizations")
    assert (preview.count, len(preview.hits)) == (PER_PAGE + 3, PREVIEW)
    first = search("water board", kind="organizations", page=1).group("organizations")
    second = search("water board", kind="organizations", page=2).group("organizations")
    assert (first.count, first.num_pages, len(first.hits), len(second.hits)) == (
        PER_PAGE + 3,
        2,
        PER_PAGE,
        3,
    )
    seen = {hit.object_id for hit in first.hits} | {hit.object_id for hit in second.hits}
    assert len(seen) == PER_PAGE + 3
    assert search("water board", kind="organizations", page=3).group("organizations").hits == []


def test_snippets_highlight_matches_and_never_let_content_become_markup(editor):
    make_published_article(
        editor,
        headline="Quoting code",
        body="R&D spending, `<script>alert(1)</script>` beside the reservoir figures.",
    )
    snippet = str(search("reservoir").group("articles").hits[0].snippet)
    assert "<mark>reservoir</mark>" in snippet
    assert "alert(1)" in snippet
    assert "<script" not in snippet  # escaped (SQLite) or dropped as a tag (PostgreSQL)
    assert "R&amp;D" in snippet


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("OR AND NOT *", "no word to look for"),
        ('"unclosed phrase', "quotation mark is not closed"),
        ("a\x00b", "control characters"),
        ("Cai " * 60, "longer than 200 characters"),
        ("- - --", "no word to look for"),
    ],
)
def test_bad_queries_find_nothing_and_say_why(newsroom_content, query, message):
    results = search(query)
    assert results.total == 0
    assert message in results.message


def test_phrases_and_exclusions(editor):
    both = make_published_article(editor, headline="River water", body="Water from the river.")
    other = make_published_article(editor, headline="Water river", body="Lakes of water.")
    assert ids('"river water"', "articles") == [both.pk]
    assert ids("water -lakes", "articles") == [both.pk]
    assert set(ids("river", "articles")) == {both.pk, other.pk}


def test_rebuild_command_restores_a_lost_index(newsroom_content, capsys):
    SearchDocument.objects.all().delete()
    assert people("Cai Qi") == []
    call_command("rebuild_search_index")
    assert people("Cai Qi") == ["Cai Qi"]
    assert "people: 1 document" in capsys.readouterr().out
