"""What readers see of the article lifecycle: scheduling without cron, share-link previews, old
addresses answering 301, publication and update dates, corrections (on the article, on their
own page, in a feed) and responsive images — each page at a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from newsroom import actions
from newsroom.actions.common import record_revision
from newsroom.models import Article, ArticleStatus, Image, Rendition, ShareLink
from tests.support.content import (
    assert_shows,
    count_queries,
    edit_live,
    make_public_claim,
    publish,
)
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    PersonFactory,
    TagFactory,
)
from tests.support.images import encoded, jpeg_with_gps_and_rotation

pytestmark = pytest.mark.django_db

S = ArticleStatus

QUERIES = {
    # An article citing nothing; the lead image's renditions are one more query.
    "article_detail_plain": 8,
    "article_detail_plain_with_lead_image": 9,
    "share_preview": 12,
    "correction_list": 2,
    "corrections_feed": 1,
    "old_url_redirect": 2,
}


def scheduled(editor, when: dt.datetime, **fields) -> Article:
    article = ArticleFactory(**fields)
    for status in (S.IN_REVIEW, S.APPROVED):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    return actions.transition_article(
        article=article, to_status=S.SCHEDULED, actor=editor, publish_at=when
    )


def stored_image(data: bytes | None = None, name: str = "photo.jpg", **fields) -> Image:
    image = Image(alt_text=fields.pop("alt_text", "Delegations at the table"), **fields)
    actions.store_image(
        image=image, upload=SimpleUploadedFile(name, data or jpeg_with_gps_and_rotation())
    )
    actions.ensure_renditions(image=image)
    return image


def rss_items(content: bytes) -> list[dict[str, str]]:
    root = ET.fromstring(content)
    return [{child.tag: (child.text or "") for child in item} for item in root.iter("item")]


# ---------------------------------------------------------------------------------------------
# Scheduling: live at its time with no job run


def test_a_scheduled_article_appears_at_its_time_with_no_job_run(client, editor):
    when = (timezone.now() + dt.timedelta(hours=3)).replace(microsecond=0)
    article = scheduled(editor, when, headline="Embargoed until three")
    url = article.get_absolute_url()
    second = dt.timedelta(seconds=1)

    assert not Article.objects.published(at=when - second).exists()
    assert list(Article.objects.published(at=when)) == [article]

    for moment, visible in ((when - second, False), (when, True), (when + second, True)):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            page = client.get(url)
            listing = client.get("/articles/").content
            feed = client.get("/feeds/rss/").content
            home = client.get("/").content
        assert (page.status_code == 200) is visible, moment
        for content in (listing, feed, home):
            assert (b"Embargoed until three" in content) is visible, moment
    article.refresh_from_db()
    assert article.status == S.SCHEDULED and article.first_published_at is None


def test_a_scheduled_article_shows_its_scheduled_time_as_published(client, editor):
    when = (timezone.now() + dt.timedelta(minutes=30)).replace(microsecond=0)
    article = scheduled(editor, when)
    with mock.patch("django.utils.timezone.now", return_value=when + dt.timedelta(minutes=1)):
        html = client.get(article.get_absolute_url()).content.decode()
    assert f'Published <time datetime="{timezone.localtime(when).isoformat()}"' in html


# ---------------------------------------------------------------------------------------------
# Share-link previews


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
        shown.append(f": More {n}. ")
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


# ---------------------------------------------------------------------------------------------
# Old addresses answer 301


def test_an_old_slug_answers_301_to_the_current_address(client, editor):
    article = publish(ArticleFactory(slug="first-slug"), editor)
    old = article.get_absolute_url()
    article = edit_live(article, editor, slug="second-slug")
    article = edit_live(article, editor, slug="third-slug")
    current = article.get_absolute_url()
    for url in (old, old.replace("first-slug", "second-slug")):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == current
    assert client.get(current).status_code == 200
    assert client.get(old.replace("first-slug", "never-was")).status_code == 404


def test_an_old_date_answers_301_after_republication(client, editor):
    article = ArticleFactory(slug="dated")
    for status in (S.IN_REVIEW, S.APPROVED):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    article = actions.transition_article(
        article=article,
        to_status=S.PUBLISHED,
        actor=editor,
        publish_at=dt.datetime(2025, 8, 31, 12, tzinfo=dt.UTC),
    )
    old = article.get_absolute_url()
    assert old == "/articles/2025/08/dated/"
    article = actions.transition_article(article=article, to_status=S.UNPUBLISHED, actor=editor)
    assert client.get(old).status_code == 404  # not live: nothing to send readers to
    article = actions.transition_article(article=article, to_status=S.PUBLISHED, actor=editor)
    current = article.get_absolute_url()
    assert current != old
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == current


def test_the_redirect_runs_a_fixed_number_of_queries(client, editor):
    article = publish(ArticleFactory(slug="was"), editor)
    old = article.get_absolute_url()
    edit_live(article, editor, slug="is")
    count, _ = count_queries(client, old, status=301)
    assert count == QUERIES["old_url_redirect"]


# ---------------------------------------------------------------------------------------------
# Dates


def test_published_and_updated_dates(client, editor):
    article = publish(ArticleFactory(), editor)
    html = client.get(article.get_absolute_url()).content.decode()
    first = timezone.localtime(article.first_published_at).isoformat()
    assert f'Published <time datetime="{first}"' in html
    assert "Updated" not in html

    actions.mark_substantive_update(article=article, actor=editor, note="New figures.")
    article.refresh_from_db()
    html = client.get(article.get_absolute_url()).content.decode()
    updated = timezone.localtime(article.last_updated_at).isoformat()
    assert f'Updated <time datetime="{updated}"' in html
    try:
        changes = reverse(
            "newsroom:article_changes",
            kwargs={
                "year": f"{timezone.localtime(article.published_at):%Y}",
                "month": f"{timezone.localtime(article.published_at):%m}",
                "slug": article.slug,
            },
        )
    except NoReverseMatch:  # the change log is built in a parallel change
        changes = None
    if changes:
        assert f'<a href="{changes}">Updated' in html


def test_republication_keeps_the_first_published_date(client, editor):
    article = ArticleFactory()
    for status in (S.IN_REVIEW, S.APPROVED):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    first = dt.datetime(2025, 9, 1, 2, tzinfo=dt.UTC)
    article = actions.transition_article(
        article=article, to_status=S.PUBLISHED, actor=editor, publish_at=first
    )
    article = actions.transition_article(article=article, to_status=S.UNPUBLISHED, actor=editor)
    article = actions.transition_article(article=article, to_status=S.PUBLISHED, actor=editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'Published <time datetime="{timezone.localtime(first).isoformat()}"' in html


# ---------------------------------------------------------------------------------------------
# Corrections


def test_corrections_at_the_top_clarifications_and_updates_at_the_bottom(client, editor):
    article = publish(ArticleFactory(body="The body text."), editor)
    correction = actions.add_correction(
        article=article, actor=editor, kind="correction", text="It was Sunday, not Monday."
    )
    clarification = actions.add_correction(
        article=article, actor=editor, kind="clarification", text="Cai ranks fifth of seven."
    )
    update = actions.add_correction(
        article=article, actor=editor, kind="update", text="The ministry has replied."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body_at = html.index("The body text.")
    assert html.index("It was Sunday, not Monday.") < body_at
    assert html.index("Cai ranks fifth of seven.") > body_at
    assert html.index("The ministry has replied.") > body_at
    for item in (correction, clarification, update):
        assert f'id="correction-{item.pk}"' in html
        assert f'href="#correction-{item.pk}"' in html
        local = timezone.localtime(item.created_at)
        assert f'<time datetime="{local.isoformat()}">' in html


def test_the_corrections_page_lists_newest_first_and_only_live_articles(client, editor):
    live = publish(ArticleFactory(headline="Live story"), editor)
    hidden = publish(ArticleFactory(headline="Withdrawn story"), editor)
    older = actions.add_correction(article=live, actor=editor, kind="correction", text="Older.")
    newer = actions.add_correction(article=live, actor=editor, kind="update", text="Newer.")
    actions.add_correction(article=hidden, actor=editor, kind="correction", text="Withdrawn.")
    actions.transition_article(article=hidden, to_status=S.UNPUBLISHED, actor=editor)
    html = client.get("/corrections/").content.decode()
    assert html.index("Newer.") < html.index("Older.")
    assert "Withdrawn" not in html
    assert f'href="{live.get_absolute_url()}#correction-{older.pk}"' in html
    assert f'href="{live.get_absolute_url()}#correction-{newer.pk}"' in html
    assert 'href="/feeds/corrections/"' in html


def test_the_corrections_page_is_paginated_at_a_fixed_query_count(client, editor):
    article = publish(ArticleFactory(), editor)

    def grow(n: int) -> None:
        for i in range(n):
            other = publish(ArticleFactory(), editor)
            for target in (article, other):
                actions.add_correction(article=target, actor=editor, kind="update", text=f"U{i}")

    grow(1)
    few, _ = count_queries(client, "/corrections/")
    grow(20)
    many, content = count_queries(client, "/corrections/")
    assert few == many == QUERIES["correction_list"]
    assert content.count(b'class="correction-list__item"') == 30
    assert client.get("/corrections/?page=2").status_code == 200
    assert client.get("/corrections/?page=3").status_code == 404


def test_the_corrections_feed(client, editor):
    article = publish(ArticleFactory(headline="Live story"), editor)
    correction = actions.add_correction(
        article=article, actor=editor, kind="correction", text="It was Sunday."
    )
    draft = ArticleFactory(headline="Draft story")
    actions.add_correction(article=draft, actor=editor, kind="update", text="Not public.")
    count, content = count_queries(client, "/feeds/corrections/")
    assert count == QUERIES["corrections_feed"]
    (item,) = rss_items(content)
    assert item["title"] == "Correction: Live story"
    assert item["description"] == "It was Sunday."
    assert (
        item["link"] == f"http://testserver{article.get_absolute_url()}#correction-{correction.pk}"
    )
    assert item["guid"] == f"correction-{correction.pk}"


# ---------------------------------------------------------------------------------------------
# Responsive images


def _sources(html: str) -> dict[str, str]:
    return dict(re.findall(r'<source type="image/(\w+)" srcset="([^"]+)"', html))


def test_the_lead_image_is_a_picture_with_webp_and_jpeg_renditions(client, editor):
    image = stored_image()
    article = publish(ArticleFactory(lead_image=image), editor)
    made = Rendition.objects.count()
    with mock.patch("newsroom.actions.images.ensure_renditions", side_effect=AssertionError):
        html = client.get(article.get_absolute_url()).content.decode()
    assert Rendition.objects.count() == made  # nothing made per request
    figure = html.split('<figure class="lead-figure">')[1].split("</figure>")[0]
    assert figure.count("<picture>") == 1
    sources = _sources(figure)
    assert set(sources) == {"webp", "jpeg"}
    for kind, extension in (("webp", "webp"), ("jpeg", "jpg")):
        entries = [entry.strip() for entry in sources[kind].split(",")]
        assert [entry.rsplit(" ", 1)[1] for entry in entries] == ["320w", "640w", "800w"]
        assert all(entry.split(" ")[0].endswith(f".{extension}") for entry in entries)
    assert 'sizes="(min-width: 60rem) 44rem, calc(100vw - 2rem)"' in figure
    assert 'width="800" height="1200"' in figure
    assert 'alt="Delegations at the table"' in figure
    assert 'loading="lazy"' not in figure  # the lead image is above the fold
    assert 'fetchpriority="high"' in figure


def test_an_image_without_renditions_falls_back_to_its_file(client, editor):
    image = ImageFactory(alt_text="A blue rectangle")
    article = publish(ArticleFactory(lead_image=image), editor)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('<figure class="lead-figure">')[1].split("</figure>")[0]
    assert "<source" not in figure
    assert f'src="{image.file.url}"' in figure and 'width="64" height="48"' in figure


def test_the_home_lead_card_uses_a_picture_and_other_cards_show_no_image(client, editor):
    publish(ArticleFactory(headline="Older", lead_image=stored_image(name="old.jpg")), editor)
    publish(ArticleFactory(headline="Newest", lead_image=stored_image(name="new.jpg")), editor)
    html = client.get("/").content.decode()
    assert html.count("<picture>") == 1
    assert 'class="card__image"' in html and set(_sources(html)) == {"webp", "jpeg"}


def test_article_page_query_count_is_fixed_with_a_lead_image(client, editor):
    article = publish(ArticleFactory(lead_image=stored_image()), editor)
    count, content = count_queries(client, article.get_absolute_url())
    assert b"<picture>" in content
    assert count == QUERIES["article_detail_plain_with_lead_image"], count
    plain = publish(ArticleFactory(), editor)
    count, _ = count_queries(client, plain.get_absolute_url())
    assert count == QUERIES["article_detail_plain"], count


def test_a_portrait_is_a_picture(client):
    person = PersonFactory(slug="cai-qi", full_name="Cai Qi")
    image = stored_image(portrait_of=person, alt_text="Cai Qi in 2023")
    html = client.get("/people/cai-qi/").content.decode()
    portrait = html.split('<figure class="portrait">')[1].split("</figure>")[0]
    assert set(_sources(portrait)) == {"webp", "jpeg"}
    assert 'alt="Cai Qi in 2023"' in portrait and 'sizes="14rem"' in portrait
    assert f'width="{image.width}" height="{image.height}"' in portrait


def test_share_links_are_not_reachable_by_id(client, editor):
    link = actions.create_share_link(article=ArticleFactory(), actor=editor)
    assert ShareLink.objects.filter(pk=link.pk).exists()
    assert client.get(f"/preview/{link.pk}/").status_code == 404
