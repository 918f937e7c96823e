"""Share-link previews of drafts: private, pinned to a revision, 404 once expired or forged."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from newsroom import actions
from newsroom.actions.common import record_revision
from newsroom.models import ShareLink
from tests.support.content import assert_shows, count_queries, make_public_claim
from tests.support.factories import ArticleFactory, AuthorFactory, PersonFactory, TagFactory
from tests.support.images import encoded, stored_image

pytestmark = pytest.mark.django_db

QUERIES = {"share_preview": 9}


@pytest.fixture
def draft_with_link(editor):
    article = ArticleFactory(headline="Draft headline", body="The first draft.")
    article.tags.add(TagFactory(name="Early tag", slug="early"))
    article.bylines.add(AuthorFactory(name="First Author", slug="first"))
    actions.sync_article_references(article=article)
    record_revision(article, actor=editor, comment="Draft saved.")
    link = actions.create_share_link(article=article, actor=editor, note="legal")
    return article, link, reverse("newsroom:share_preview", args=[actions.share_link_token(link)])


def test_a_share_link_shows_the_draft_as_a_noindex_preview(client, draft_with_link):
    article, link, url = draft_with_link
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft headline" in html and "The first draft." in html
    assert "Early tag" in html and "First Author" in html
    assert "Preview — not a published page." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Not yet published" in html
    assert 'rel="canonical"' not in html and "application/ld+json" not in html
    # The draft itself stays private.
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_share_link_shows_its_pinned_revision_not_later_edits(client, editor, draft_with_link):
    article, link, url = draft_with_link
    article.headline = "Rewritten headline"
    article.body = "A later draft."
    article.save()
    article.tags.set([TagFactory(name="Later tag", slug="later")])
    record_revision(article, actor=editor, comment="Rewrote it.")
    html = client.get(url).content.decode()
    assert "Draft headline" in html and "The first draft." in html and "Early tag" in html
    assert "Rewritten headline" not in html and "A later draft." not in html
    assert "Later tag" not in html
    # A new link shows the new revision.
    newer = actions.create_share_link(article=article, actor=editor)
    html = client.get(
        reverse("newsroom:share_preview", args=[actions.share_link_token(newer)])
    ).content.decode()
    assert "Rewritten headline" in html and "Later tag" in html


def test_expired_revoked_and_forged_links_are_404(client, editor, draft_with_link):
    article, link, url = draft_with_link
    assert client.get(url).status_code == 200
    with mock.patch(
        "django.utils.timezone.now", return_value=link.expires_at + dt.timedelta(seconds=1)
    ):
        assert client.get(url).status_code == 404
    actions.revoke_share_link(link=link, actor=editor)
    assert client.get(url).status_code == 404

    other = actions.create_share_link(article=article, actor=editor)
    token = actions.share_link_token(other)
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        signing.dumps(other.pk, salt="some-other-salt"),
        signing.dumps(other.pk + 1000, salt="newsroom.share-link"[:-1]),
        str(other.pk),
        "x",
    ]
    for bad in forged:
        assert client.get(f"/preview/{bad}/").status_code == 404, bad
    assert client.get(f"/preview/{token}/").status_code == 200


def test_the_preview_runs_a_fixed_number_of_queries(client, editor):
    def make(n: int) -> tuple[str, list]:
        article = ArticleFactory(lead_image=stored_image(encoded("PNG", (700, 400)), "a.png"))
        body, shown = [], []
        for i in range(n):
            claim = make_public_claim(editor, citations=2, slug=f"c-{n}-{i}")
            person = PersonFactory(slug=f"p-{n}-{i}")
            body.append(f"[[person:{person.slug}]] [[claim:{claim.slug}]]")
            tag, author = TagFactory(), AuthorFactory()
            article.tags.add(tag)
            article.bylines.add(author)
            sources = [citation.source for citation in claim.citations.all()]
            shown.extend([claim, *sources, person, tag, author])
        article.body = " ".join(body)
        article.save()
        actions.sync_article_references(article=article)
        actions.add_correction(article=article, actor=editor, kind="update", text=f"More {n}.")
        shown.append(f": More {n}.")
        link = actions.create_share_link(article=article, actor=editor)
        return reverse("newsroom:share_preview", args=[actions.share_link_token(link)]), shown

    url, shown = make(1)
    few, content = count_queries(client, url)
    assert content.count(b'class="footnote"') == 1
    assert_shows(content, shown)
    url, shown = make(5)
    many, content = count_queries(client, url)
    assert content.count(b'class="footnote"') == 5
    assert_shows(content, shown)
    assert few == many == QUERIES["share_preview"]


def test_share_links_are_not_reachable_by_id(client, editor):
    link = actions.create_share_link(article=ArticleFactory(), actor=editor)
    assert ShareLink.objects.filter(pk=link.pk).exists()
    assert client.get(f"/preview/{link.pk}/").status_code == 404
