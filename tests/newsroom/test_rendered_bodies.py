"""Stored article bodies (RenderedBody): rendered once, fresh again after anything they show
changes, never showing a record readers may no longer see, and never raced stale."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import actions, article_body
from newsroom.actions import refresh_rendered_bodies, stored_body
from newsroom.models import Article, RenderedBody
from tests.support.content import (
    count_queries,
    edit_live,
    make_public_claim,
    publish,
)
from tests.support.factories import (
    ArticleFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editor):
    """A live article naming a person, an organization and an event, citing one claim."""
    PersonFactory(slug="cai-qi", full_name="Cai Qi")
    OrganizationFactory(slug="pbsc", name="Politburo Standing Committee")
    EventFactory(slug="tianjin-meeting", title="Meeting in Tianjin")
    make_public_claim(editor, slug="met", statement="They met in Tianjin.")
    article = ArticleFactory(
        body="[[person:cai-qi]] of the [[org:pbsc]] came to the [[event:tianjin-meeting]] "
        "[[claim:met]]."
    )
    return publish(article, editor)


def _page(client, article: Article) -> str:
    article.refresh_from_db()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _renders(client, article: Article) -> int:
    """How many times one request of the article's page renders its body."""
    with mock.patch.object(
        actions.rendered_bodies, "render_body_parts", wraps=article_body.render_body_parts
    ) as render:
        _page(client, article)
    return render.call_count


def test_the_body_is_rendered_once_then_served_as_stored(client, story):
    assert _renders(client, story) == 1
    assert _renders(client, story) == 0
    assert _renders(client, story) == 0
    stored = RenderedBody.objects.get(article=story)
    assert not stored.is_stale and "Cai Qi" in stored.body_html
    assert 'class="footnote"' in stored.footnotes_html
    assert "Meeting in Tianjin" in stored.related_html


def test_dependencies_name_every_record_the_html_was_rendered_from(client, story):
    _page(client, story)
    claim = story.claims.get()
    citation = claim.citations.get()
    dependencies = set(Article.objects.get(pk=story.pk).rendered_body.dependencies)
    assert {
        ("newsroom.article", story.pk),
        ("newsroom.claim", claim.pk),
        ("newsroom.citation", citation.pk),
        ("newsroom.source", citation.source_id),
        ("profiles.person", story.related_people.get().pk),
        ("profiles.organization", story.related_organizations.get().pk),
        ("events.event", story.related_events.get().pk),
    } <= dependencies


def test_a_new_verdict_shows_at_once(client, editor, story):
    assert "Accurate" in _page(client, story)
    claim = story.claims.get()
    actions.reopen_claim(claim=claim, actor=editor, note="New evidence.")
    assert "Under review again" in _page(client, story)
    claim.refresh_from_db()
    actions.rate_claim(claim=claim, actor=editor, verdict="false", rationale="Did not happen.")
    html = _page(client, story)
    assert 'class="verdict verdict--false"' in html and "Under review again" not in html
    assert _renders(client, story) == 0


def test_new_wording_shows_at_once(client, story):
    _page(client, story)
    claim = story.claims.get()
    claim.statement = "They met in Tianjin on Sunday."
    claim.save()
    html = _page(client, story)
    assert "They met in Tianjin on Sunday." in html
    assert "Under review again" in html  # changed after its verdict: reopened


def test_a_renamed_person_and_event_and_a_moved_organization_show_at_once(client, story):
    _page(client, story)
    person = story.related_people.get()
    person.full_name = "Cai Qi (蔡奇)"
    person.save()
    assert "Cai Qi (蔡奇)" in _page(client, story)
    event = story.related_events.get()
    event.title = "Talks in Tianjin"
    event.save()
    assert "Talks in Tianjin" in _page(client, story)
    org = story.related_organizations.get()
    org.slug = "politburo-standing-committee"
    org.save()
    html = _page(client, story)
    assert 'href="/organizations/politburo-standing-committee/"' in html
    assert 'href="/organizations/pbsc/"' not in html


def test_an_event_s_place_changes_its_local_dates(client, story):
    event = story.related_events.get()
    event.place = PlaceFactory(time_zone="Asia/Shanghai")
    event.starts_at = dt.datetime(2025, 8, 31, 20, 0, tzinfo=dt.UTC)  # 1 Sep in Tianjin
    event.save()
    assert '<span class="meta">1 Sep 2025</span>' in _page(client, story)
    place = event.place
    place.time_zone = "UTC"
    place.save()
    assert '<span class="meta">31 Aug 2025</span>' in _page(client, story)


def test_a_cited_source_s_new_title_shows_at_once(client, story):
    _page(client, story)
    source = story.claims.get().citations.get().source
    source.title = "Readout of the meeting, revised"
    source.save()
    assert "Readout of the meeting, revised" in _page(client, story)


def test_a_correction_shows_at_once(client, editor, story):
    _page(client, story)
    actions.add_correction(
        article=story, actor=editor, kind="correction", text="It was Sunday, not Monday."
    )
    assert "It was Sunday, not Monday." in _page(client, story)


def test_a_republished_body_shows_at_once(client, editor, story):
    _page(client, story)
    edit_live(story, editor, body="A wholly new body about [[person:cai-qi]].")
    html = _page(client, story)
    assert "A wholly new body" in html
    assert "Meeting in Tianjin" not in html  # no longer referenced, no longer related


def test_a_person_unpublished_after_the_render_disappears(client, story):
    assert 'href="/people/cai-qi/"' in _page(client, story)
    person = story.related_people.get()
    person.is_published = False
    person.save()
    html = _page(client, story)
    assert "Cai Qi" not in html and "/people/cai-qi/" not in html


def test_a_claimant_unpublished_after_the_render_disappears(client, editor):
    speaker = PersonFactory(slug="speaker", full_name="Spokes Person")
    make_public_claim(editor, slug="said", claimant_person=speaker)
    article = publish(ArticleFactory(body="As said [[claim:said]]."), editor)
    assert "Spokes Person" in _page(client, article)
    speaker.is_published = False
    speaker.save()
    assert "Spokes Person" not in _page(client, article)


def test_a_body_changed_behind_the_signals_is_never_served_from_the_old_html(client, story):
    _page(client, story)
    Article.objects.filter(pk=story.pk).update(body="Changed by a raw update.")
    assert "Changed by a raw update." in _page(client, story)


def test_a_render_that_read_before_a_change_does_not_store_itself(client, story):
    """A reader loads the stale row, an editor's change commits, the reader's render must not
    overwrite the stale mark with HTML of what it read before."""
    loaded = Article.objects.select_related("rendered_body").get(pk=story.pk)
    assert loaded.rendered_body.is_stale
    person = story.related_people.get()
    person.full_name = "Renamed Meanwhile"
    person.save()  # bumps the generation of every stale row
    stored_body(loaded)
    assert RenderedBody.objects.get(pk=story.pk).is_stale
    assert "Renamed Meanwhile" in _page(client, story)
    assert not RenderedBody.objects.get(pk=story.pk).is_stale


def test_refresh_renders_the_stale_ones_once(client, story, editor):
    other = publish(ArticleFactory(body="Nothing cited."), editor)
    assert refresh_rendered_bodies([story.pk, other.pk, 999_999]) == 2
    assert refresh_rendered_bodies([story.pk, other.pk]) == 0
    assert _renders(client, story) == 0
    person = story.related_people.get()
    person.full_name = "Cai Qi, Director"
    person.save()
    assert refresh_rendered_bodies([story.pk, other.pk]) == 1  # only the one naming him
    assert _renders(client, story) == 0
    assert "Cai Qi, Director" in _page(client, story)


def test_mark_stale_returns_the_articles_to_render_again(client, story, editor):
    untouched = publish(ArticleFactory(body="Nothing cited."), editor)
    refresh_rendered_bodies([story.pk, untouched.pk])
    claim = story.claims.get()
    assert actions.mark_bodies_stale(label="newsroom.claim", pks=[claim.pk]) == [story.pk]
    assert not RenderedBody.objects.get(pk=untouched.pk).is_stale


def test_the_share_preview_never_shows_the_stored_html(client, editor, story):
    _page(client, story)
    RenderedBody.objects.filter(pk=story.pk).update(body_html="<p>STORED COPY</p>")
    link = actions.create_share_link(article=story, actor=editor)
    response = client.get(f"/preview/{actions.share_link_token(link)}/")
    assert response.status_code == 200
    assert b"STORED COPY" not in response.content
    assert b"Cai Qi" in response.content


def test_the_page_costs_the_same_queries_whatever_it_cites(client, editor, story):
    _page(client, story)
    few, _ = count_queries(client, story.get_absolute_url())
    body = story.body
    for i in range(10):
        make_public_claim(editor, slug=f"more-{i}", citations=3)
        body += f" [[claim:more-{i}]]"
    story = edit_live(story, editor, body=body)
    rendering, content = count_queries(client, story.get_absolute_url())
    many, _ = count_queries(client, story.get_absolute_url())
    assert content.count(b'class="footnote"') == 11
    assert few == many <= rendering <= 10


def test_refreshing_many_bodies_loads_what_they_show_once_per_batch(client, story, editor):
    """A refresh of many stale bodies (a person named everywhere renamed) reads their claims,
    people, organizations and events once for the batch, and each still shows its own."""
    others = []
    for n in range(6):
        PersonFactory(slug=f"minister-{n}", full_name=f"Minister Number {n}")
        make_public_claim(editor, slug=f"said-{n}", statement=f"Statement number {n}.")
        others.append(
            publish(
                ArticleFactory(
                    body=f"[[person:minister-{n}]] and [[person:cai-qi]] [[claim:said-{n}]]."
                ),
                editor,
            )
        )
    RenderedBody.objects.update(is_stale=True)
    with CaptureQueriesContext(connection) as queries:
        assert refresh_rendered_bodies([story.pk, *(a.pk for a in others)]) == 7
    # one read of the articles, two per kind of related row, the citations, one write each
    assert len(queries.captured_queries) <= 1 + 2 * 4 + 1 + 7
    for n, article in enumerate(others):
        assert _renders(client, article) == 0
        page = _page(client, article)
        assert f"Minister Number {n}" in page and f"Statement number {n}." in page
        assert "Cai Qi" in page
        assert "Minister Number" not in page.replace(f"Minister Number {n}", "")
