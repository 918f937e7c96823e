"""Readers see how a published article changed: public versions only, as diffs."""

import pytest
import reversion
from django.urls import reverse

from newsroom import actions
from newsroom.changelog import sentences
from newsroom.models import Article, DraftRevision
from tests.support.content import edit_live
from tests.support.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def edit(article, user, **fields):
    fresh = Article.objects.get(pk=article.pk)
    if fresh.is_frozen:  # a live article changes through a draft an editor publishes
        return edit_live(fresh, user, **fields)
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in fields.items():
            setattr(fresh, name, value)
        fresh.save()
    return fresh


def changes_url(article):
    article = Article.objects.get(pk=article.pk)
    return reverse(
        "newsroom:article_changes",
        kwargs={
            "year": article.published_at.year,
            "month": article.published_at.month,
            "slug": article.slug,
        },
    )


@pytest.fixture
def live_article(writer, editor):
    article = ArticleFactory(headline="Modi meets Cai", body="Cai pledged more exchanges.")
    edit(article, editor, body="SECRET DRAFT WORDING")
    edit(article, editor, body="Cai pledged more exchanges.")
    actions.transition_article(article=article, to_status="in_review", actor=writer)
    actions.transition_article(article=article, to_status="approved", actor=editor)
    actions.transition_article(article=article, to_status="published", actor=editor)
    return article


def test_change_log_lists_public_versions_as_diffs_and_never_drafts(client, live_article, editor):
    edit(live_article, editor, body="Cai pledged to expand bilateral exchanges.")
    actions.add_correction(
        article=live_article, actor=editor, kind="correction", text="We misquoted the pledge."
    )
    response = client.get(changes_url(live_article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SECRET DRAFT WORDING" not in html
    assert '<del><span class="diff__label">Removed</span>Cai pledged more exchanges.</del>' in html
    assert (
        '<ins><span class="diff__label">Added</span>Cai pledged to expand bilateral '
        "exchanges.</ins>" in html
    )
    assert "First published version" in html
    assert "We misquoted the pledge." in html


def timeline_of(html: str) -> str:
    return html.split('class="changelog__timeline"')[1].split("</ol>\n</article>")[0]


def test_corrections_and_versions_share_one_timeline_newest_first(client, live_article, editor):
    actions.add_correction(
        article=live_article, actor=editor, kind="clarification", text="An early note."
    )
    edit(live_article, editor, body="Cai pledged to expand bilateral exchanges.")
    actions.add_correction(
        article=live_article, actor=editor, kind="correction", text="We misquoted the pledge."
    )
    timeline = timeline_of(client.get(changes_url(live_article)).content.decode())
    order = [
        timeline.index(text)
        for text in (
            "We misquoted the pledge.",
            "Cai pledged to expand bilateral exchanges.",
            "An early note.",
            "First published version",
        )
    ]
    assert order == sorted(order)


def test_the_diff_marks_sentences_inside_a_changed_paragraph_and_whole_paragraphs(
    client, live_article, editor
):
    edit(
        live_article,
        editor,
        body="Cai pledged more exchanges. He spoke briefly.\n\n## Background\n\nOld context.",
    )
    edit(
        live_article,
        editor,
        body="Cai pledged more exchanges. He spoke at length.\n\n## Background\n\nNew context.",
    )
    html = client.get(changes_url(live_article)).content.decode()
    latest = timeline_of(html).split('class="changelog__entry')[1]
    # The sentence both versions share stays plain, once; only the changed one is marked.
    assert latest.count("Cai pledged more exchanges.") == 2  # the diff, and the full text
    assert '<span class="diff__label">Removed</span>He spoke briefly.</del>' in latest
    assert '<span class="diff__label">Added</span>He spoke at length.</ins>' in latest
    # The heading between them did not change: counted, not repeated.
    assert "1 paragraph unchanged" in latest
    assert '<span class="diff__label">Removed</span>Old context.</del>' in latest


def test_a_paragraph_added_whole_is_labelled_as_added(client, live_article, editor):
    edit(live_article, editor, body="Cai pledged more exchanges.\n\nA new paragraph here.")
    latest = timeline_of(client.get(changes_url(live_article)).content.decode()).split(
        'class="changelog__entry'
    )[1]
    assert "Paragraph added" in latest and "<ins><p>A new paragraph here.</p></ins>" in latest
    assert "1 paragraph unchanged" in latest


def test_each_version_reads_as_rendered_text_with_links_not_markup(client, live_article, editor):
    modi = PersonFactory(full_name="Narendra Modi", slug="narendra-modi")
    edit(live_article, editor, body="## Who met\n\n[[person:narendra-modi]] met Cai.")
    html = client.get(changes_url(live_article)).content.decode()
    assert f'<a class="ref ref-person" href="{modi.get_absolute_url()}">Narendra Modi</a>' in html
    assert "<h2>Who met</h2>" in html
    assert "##" not in timeline_of(html) and "[[" not in html


def test_change_log_leaves_out_a_draft_saved_beside_the_live_article(client, live_article, editor):
    # The publishing rules keep edits to a live article in a draft revision; the row readers
    # get is unchanged until an editor publishes the draft.
    draft = Article.objects.get(pk=live_article.pk)
    draft.body = "UNPUBLISHED DRAFT WORDING"
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.add_to_revision(draft)
        reversion.add_meta(DraftRevision, article=live_article)
    edit(live_article, editor, body="Cai pledged to expand bilateral exchanges.")
    html = client.get(changes_url(live_article)).content.decode()
    assert "UNPUBLISHED DRAFT WORDING" not in html
    assert "Cai pledged to expand bilateral exchanges.</ins>" in html


def test_unpublished_article_has_no_public_change_log(client, live_article, editor):
    url = changes_url(live_article)
    actions.transition_article(article=live_article, to_status="unpublished", actor=editor)
    assert client.get(url).status_code == 404


def test_change_log_runs_a_fixed_number_of_queries(client, live_article, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = changes_url(live_article)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(10):
        edit(live_article, editor, body=f"Version {number}.")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_change_log_diffs_the_body_as_readers_read_it(client, live_article, editor):
    PersonFactory(full_name="Hidden Aide", slug="hidden-aide", is_published=False)
    PersonFactory(full_name="Narendra Modi", slug="narendra-modi")
    edit(
        live_article,
        editor,
        body="Cai pledged more exchanges to [[person:narendra-modi]], said "
        "[[person:hidden-aide]] and [[person:hidden-aide|an aide]].",
    )
    html = client.get(changes_url(live_article)).content.decode()
    assert "Narendra Modi" in html and "an aide" in html
    assert "hidden" not in html.lower() and "[[" not in html and "person:" not in html


def test_markup_in_a_changed_headline_or_body_is_shown_as_text(client, live_article, editor):
    edit(
        live_article,
        editor,
        headline="Modi <script>alert(1)</script> meets Cai",
        body="Cai pledged <img src=x onerror=alert(1)> more exchanges.",
    )
    html = client.get(changes_url(live_article)).content.decode()
    timeline = timeline_of(html)
    assert "<script>alert" not in html and "<img" not in timeline
    assert "Modi &lt;script&gt;alert(1)&lt;/script&gt; meets Cai" in timeline
    assert '<span class="diff__label">Removed</span>Modi meets Cai</del>' in timeline


def test_a_title_or_an_initial_does_not_end_a_sentence():
    paragraph = (
        "Mr. Modi met Gen. Li Shangfu in Sept. 2023 with J. Smith of the U.S. embassy. "
        "The talks were brief. Dr. Wang said little!"
    )
    assert sentences(paragraph) == [
        "Mr. Modi met Gen. Li Shangfu in Sept. 2023 with J. Smith of the U.S. embassy.",
        "The talks were brief.",
        "Dr. Wang said little!",
    ]
