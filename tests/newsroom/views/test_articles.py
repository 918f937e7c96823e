"""Article pages: body, references, visibility, lists, scheduling, old addresses, dates, images."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone

from newsroom import actions
from newsroom.actions import transition_article
from newsroom.models import Article, ArticleStatus, Rendition
from tests.support.content import (
    assert_shows,
    count_queries,
    edit_live,
    json_ld,
    make_public_claim,
    make_published_article,
    publish,
)
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    CorrectionFactory,
    EventFactory,
    ImageFactory,
    OrganizationFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)
from tests.support.images import picture_sources as _sources
from tests.support.images import stored_image

pytestmark = pytest.mark.django_db

S = ArticleStatus

# Each page's fixed query count, however many related rows it shows (asserted below and quoted
# in the closing note).
QUERIES = {
    "article_list": 4,
    "section": 5,
    "tag": 4,
    "author": 4,
    # Served from its stored body (RenderedBody): the article, bylines, tags, corrections.
    "article_detail": 4,
    # The first request after a change renders the body again (claims, citations, people,
    # organizations, events) and stores it: once per change, never per reader.
    "article_detail_rendering": 10,
    # An article citing nothing (its claims' citations are not queried); the lead image's
    # renditions are one more query.
    "article_detail_plain": 4,
    "article_detail_plain_with_lead_image": 5,
    "article_detail_plain_rendering": 9,
    "old_url_redirect": 2,
}


# ---------------------------------------------------------------------------------------------
# Article page


@pytest.fixture
def cited_article(editor):
    PersonFactory(slug="cai-qi", full_name="Cai Qi")
    OrganizationFactory(slug="pbsc", name="Politburo Standing Committee")
    EventFactory(slug="tianjin-meeting", title="Meeting in Tianjin")
    make_public_claim(
        editor,
        slug="met-in-tianjin",
        statement="They met in Tianjin.",
        extra_citations=[{"stance": "contradicts", "excerpt": "no meeting took place"}],
    )
    article = ArticleFactory(
        headline="Leaders meet in Tianjin",
        body=(
            "## What happened\n\n[[person:cai-qi]] of the [[org:pbsc]] met the visitors "
            "[[claim:met-in-tianjin]] at the [[event:tianjin-meeting]]. "
            "Again [[claim:met-in-tianjin]]."
        ),
        section=SectionFactory(name="World", slug="world"),
    )
    article.bylines.add(AuthorFactory(name="A. Reporter", slug="a-reporter"))
    article.tags.add(TagFactory(name="China", slug="china"))
    return publish(article, editor)


def test_article_renders_body_links_and_footnotes(client, cited_article):
    response = client.get(cited_article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<h2>What happened</h2>" in html  # body headings sit under the headline
    assert '<a class="ref ref-person" href="/people/cai-qi/">Cai Qi</a>' in html
    assert 'href="/organizations/pbsc/"' in html and 'href="/events/tianjin-meeting/"' in html
    # One claim cited twice: one footnote, two markers, both pointing at it.
    assert html.count('href="#fn-1"') == 2
    assert 'id="fnref-1"' in html and 'id="fnref-1-2"' in html
    assert 'id="fn-2"' not in html
    footnotes = html.split('id="footnotes-heading"')[1]
    assert 'href="/claims/met-in-tianjin/"' in footnotes
    assert "verdict--accurate" in footnotes and "Sources disagree" in footnotes
    assert "no meeting took place" in footnotes and "https://example.org/report-" in footnotes
    assert "A. Reporter" in html and 'href="/tags/china/"' in html


def test_footnotes_are_compact_with_their_citations_folded(client, editor):
    speaker = PersonFactory(slug="vikram-misri", full_name="Vikram Misri")
    make_public_claim(
        editor,
        slug="banquet-proposed",
        statement="A banquet was proposed.",
        claimant_person=speaker,
        said_on=dt.date(2025, 8, 31),
        citations=2,
        extra_citations=[{"stance": "contradicts", "excerpt": "no banquet was planned"}],
    )
    make_public_claim(editor, slug="they-met", statement="They met.", verdict="mostly_accurate")
    article = publish(
        ArticleFactory(body="A banquet [[claim:banquet-proposed]]; they met [[claim:they-met]]."),
        editor,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'banquet<sup class="fn-ref"' in html and 'met<sup class="fn-ref"' in html
    footnotes = html.split('id="footnotes-heading"')[1]
    first, second = footnotes.split('<li id="fn-')[1:3]
    # One line each for the verdict, the claim, who said it and when; the sources folded.
    assert '<span class="verdict verdict--accurate">Accurate</span>' in first
    assert '<span class="label label--contested">Sources disagree</span>' in first
    assert "Contested" not in footnotes
    assert '<a href="/people/vikram-misri/">Vikram Misri</a>' in first
    assert '<time datetime="2025-08-31">31 Aug 2025</time>' in first
    assert '<details class="footnote__evidence">' in first and "<details open" not in first
    assert "<summary>3 sources</summary>" in first and "no banquet was planned" in first
    assert "<summary>1 source</summary>" in second
    assert "verdict--mostly_accurate" in second
    # The check mark's legend once for the page; each checked excerpt has its mark.
    assert html.count("Excerpt checked against our archived copy.") == 1
    assert footnotes.count('class="check" title="Excerpt checked') == 3


def test_a_correction_links_its_date_not_a_stray_hash(client, editor):
    article = publish(ArticleFactory(), editor)
    correction = actions.add_correction(
        article=article, actor=editor, kind="correction", text="We misdated the visit."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    item = html.split(f'<li id="correction-{correction.pk}"')[1].split("</li>")[0]
    assert f'<a class="correction__anchor" href="#correction-{correction.pk}"><time' in item
    assert ">#</a>" not in item and "We misdated the visit." in item


def test_article_json_ld_and_meta(client, editor, cited_article):
    image = ImageFactory()
    cited_article = edit_live(cited_article, editor, lead_image=image)
    response = client.get(cited_article.get_absolute_url())
    html = response.content.decode()
    (data,) = json_ld(response.content)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Leaders meet in Tianjin"
    assert data["datePublished"] and data["dateModified"]
    assert data["author"][0]["name"] == "A. Reporter"
    assert data["author"][0]["url"].endswith("/authors/a-reporter/")
    assert data["image"][0]["@type"] == "ImageObject"
    assert data["image"][0]["url"].startswith("http://testserver/media/")
    canonical = f"http://testserver{cited_article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'alt="{image.alt_text}"' in html


def test_unknown_and_unpublic_references_render_as_their_label_or_nothing(client, editor):
    PersonFactory(slug="hidden", full_name="Hidden Person", is_published=False)
    draft_claim = ClaimFactory(slug="draft-claim")
    CitationFactory(claim=draft_claim)
    gone = make_public_claim(editor, slug="gone")
    article = ArticleFactory(
        body="See [[person:hidden]], [[person:hidden|an official]], [[person:nobody-here]] "
        "and [[claim:draft-claim]][[claim:gone]]."
    )
    article = publish(article, editor, override_reason="Testing an unrated claim.")
    gone.delete()  # a reference can stop matching after publication
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    body = html.split('class="prose', 1)[1]
    assert "See , an official,  and." in body  # a marker sits against its word
    for hidden in ("Hidden Person", "hidden", "nobody", "draft-claim", "draft claim", "gone"):
        assert hidden not in html.lower().split("<body", 1)[1], hidden
    assert "fn-ref" not in html and "footnotes-heading" not in html and "[[" not in html


def test_body_markdown_is_sanitised(client, editor):
    article = make_published_article(
        editor, body='<script>alert("x")</script>\n\n[click](javascript:alert(1)) <b>bold</b>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert 'href="javascript' not in html
    assert "<b>bold</b>" not in html


@pytest.mark.parametrize("to_status", ["draft", "scheduled", "unpublished"])
def test_unpublished_articles_are_404_and_absent_from_lists(client, editor, to_status):
    article = ArticleFactory(headline="Secret headline", section=SectionFactory(slug="s"))
    if to_status == "scheduled":
        for status in ("in_review", "approved"):
            article = transition_article(article=article, to_status=status, actor=editor)
        article = transition_article(
            article=article,
            to_status="scheduled",
            actor=editor,
            publish_at=timezone.now() + dt.timedelta(days=1),
        )
    elif to_status == "unpublished":
        article = publish(article, editor)
        article = transition_article(article=article, to_status="unpublished", actor=editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ("/", "/articles/", "/sections/s/", "/feeds/rss/", "/sitemap-articles.xml"):
        assert b"Secret headline" not in client.get(url).content
        assert article.slug.encode() not in client.get(url).content


def test_article_url_needs_the_right_year_and_month(client, editor):
    article = make_published_article(editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    wrong = reverse(
        "newsroom:article_detail", kwargs={"year": 1999, "month": 1, "slug": article.slug}
    )
    assert client.get(wrong).status_code == 404


def test_article_detail_query_count_is_fixed(client, editor):
    article = publish(ArticleFactory(body=""), editor)
    shown = []

    def grow(n: int) -> None:
        nonlocal article
        start = article.claims.count()
        body, bylines, tags = [], list(article.bylines.all()), list(article.tags.all())
        for i in range(start, start + n):
            claim = make_public_claim(editor, citations=2, slug=f"c-{i}")
            person = PersonFactory(slug=f"p-{i}")
            org = OrganizationFactory(slug=f"o-{i}")
            event = EventFactory(slug=f"e-{i}")
            body.append(
                f"[[person:{person.slug}]] [[org:{org.slug}]] [[event:{event.slug}]] "
                f"[[claim:{claim.slug}]]"
            )
            bylines.append(AuthorFactory())
            tags.append(TagFactory())
            correction = CorrectionFactory(article=article, text=f"Correction number {i}.")
            sources = [citation.source for citation in claim.citations.all()]
            shown.extend([claim, *sources, person, org, event, bylines[-1], tags[-1]])
            shown.append(f'id="correction-{correction.pk}"')
        body = (article.body + "\n\n" + "\n\n".join(body)).strip()
        article = edit_live(article, editor, body=body, m2m={"bylines": bylines, "tags": tags})

    grow(1)
    few_rendering, content = count_queries(client, article.get_absolute_url())
    assert content.count(b'class="footnote"') == 1
    assert_shows(content, shown)
    few, stored = count_queries(client, article.get_absolute_url())
    assert stored == content
    grow(4)
    many_rendering, content = count_queries(client, article.get_absolute_url())
    assert content.count(b'class="footnote"') == 5
    assert_shows(content, shown)
    many, stored = count_queries(client, article.get_absolute_url())
    assert stored == content
    assert few_rendering == many_rendering == QUERIES["article_detail_rendering"]
    assert few == many == QUERIES["article_detail"]


# ---------------------------------------------------------------------------------------------
# Article lists


@pytest.mark.parametrize(
    ("page", "url", "kwargs"),
    [
        ("article_list", "/articles/", {}),
        ("section", "/sections/world/", {"section": "world"}),
        ("tag", "/tags/t/", {}),
        ("author", "/authors/writer/", {"author": True}),
    ],
)
def test_article_lists_query_count_is_fixed(client, editor, page, url, kwargs, monkeypatch):
    SectionFactory(slug="world")
    author = AuthorFactory(slug="writer")
    shown = []

    def grow(n):
        for _ in range(n):
            extra = {"section": SectionFactory(slug="world")} if "section" in kwargs else {}
            other = AuthorFactory()
            article = make_published_article(
                editor, bylines=[other, author], tags=[TagFactory(slug="t")], **extra
            )
            shown.extend([article, other.name])

    grow(1)
    few, content = count_queries(client, url)
    assert content.count(b'class="card card--article"') == 1
    assert_shows(content, shown)
    grow(4)
    many, content = count_queries(client, url)
    assert content.count(b'class="card card--article"') == 5
    assert_shows(content, shown)
    assert few == many == QUERIES[page]
    # Five articles two to a page make three pages (the real size, twenty, is tested below).
    monkeypatch.setattr(resolve(url).func.view_class, "paginate_by", 2)
    assert client.get(url + "?page=3").content.count(b'class="card card--article"') == 1
    assert client.get(url + "?page=4").status_code == 404


def test_the_article_list_shows_twenty_to_a_page(client, editor):
    articles = [make_published_article(editor) for _ in range(21)]
    first = client.get("/articles/").content
    assert first.count(b'class="card card--article"') == 20
    assert_shows(first, articles[1:])  # newest first
    second = client.get("/articles/?page=2").content
    assert second.count(b'class="card card--article"') == 1
    assert_shows(second, articles[:1])
    assert client.get("/articles/?page=3").status_code == 404


def test_section_tag_author_pages_404_when_unknown(client):
    for url in ("/sections/nope/", "/tags/nope/", "/authors/nope/"):
        assert client.get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# Scheduling: live at its time with no job run


def scheduled(editor, when: dt.datetime, **fields) -> Article:
    article = ArticleFactory(**fields)
    for status in (S.IN_REVIEW, S.APPROVED):
        article = actions.transition_article(article=article, to_status=status, actor=editor)
    return actions.transition_article(
        article=article, to_status=S.SCHEDULED, actor=editor, publish_at=when
    )


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
    first = timezone.localtime(article.first_published_at).isoformat(timespec="seconds")
    assert f'Published <time datetime="{first}"' in html
    assert "Updated" not in html

    actions.mark_substantive_update(article=article, actor=editor, note="New figures.")
    article.refresh_from_db()
    html = client.get(article.get_absolute_url()).content.decode()
    updated = timezone.localtime(article.last_updated_at).isoformat(timespec="seconds")
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
# Responsive images


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


def test_article_page_query_count_is_fixed_with_a_lead_image(client, editor):
    article = publish(ArticleFactory(lead_image=stored_image()), editor)
    count, content = count_queries(client, article.get_absolute_url())
    assert b"<picture>" in content
    assert count == QUERIES["article_detail_plain_rendering"] + 1, count
    count, content = count_queries(client, article.get_absolute_url())
    assert b"<picture>" in content
    assert count == QUERIES["article_detail_plain_with_lead_image"], count
    plain = publish(ArticleFactory(), editor)
    count, _ = count_queries(client, plain.get_absolute_url())
    assert count == QUERIES["article_detail_plain_rendering"], count
    count, _ = count_queries(client, plain.get_absolute_url())
    assert count == QUERIES["article_detail_plain"], count
