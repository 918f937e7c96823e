"""Public pages of the editorial core: what readers see, what they never see, and query counts."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from newsroom.actions import transition_article, verify_citation
from newsroom.models import Article, ArticleStatus, Citation
from tests.support.content import (
    assert_shows,
    count_queries,
    edit_live,
    json_ld,
    make_public_claim,
    make_published_article,
    publish,
    rate,
    rerate,
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
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

# Each page's fixed query count, however many related rows it shows (asserted below and quoted
# in the closing note).
QUERIES = {
    "home": 5,
    "article_list": 4,
    "section": 5,
    "tag": 4,
    "author": 4,
    "article_detail": 10,
    "claim_list": 2,
    "claim_detail": 9,
    "source_detail": 2,
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
    assert "verdict--accurate" in footnotes and "Contested" in footnotes
    assert "no meeting took place" in footnotes and "https://example.org/report-" in footnotes
    assert "A. Reporter" in html and 'href="/tags/china/"' in html


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
    assert data["image"][0].startswith("http://testserver/media/")
    canonical = f"http://testserver{cited_article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'alt="{image.alt_text}"' in html


def test_unknown_and_unpublic_references_render_as_plain_text(client, editor):
    PersonFactory(slug="hidden", full_name="Hidden Person", is_published=False)
    draft_claim = ClaimFactory(slug="draft-claim")
    CitationFactory(claim=draft_claim)
    gone = make_public_claim(editor, slug="gone")
    article = ArticleFactory(
        body="See [[person:hidden]], [[person:nobody-here]] and "
        "[[claim:draft-claim]][[claim:gone]]."
    )
    article = publish(article, editor, override_reason="Testing an unrated claim.")
    gone.delete()  # a reference can stop matching after publication
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hidden Person" in html and "/people/hidden/" not in html
    assert "nobody here" in html
    assert "fn-ref" not in html and "footnotes-heading" not in html
    assert "/claims/draft-claim/" not in html and "[[" not in html


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
    for url in ("/", "/articles/", "/sections/s/", "/feeds/rss/", "/sitemap.xml"):
        assert b"Secret headline" not in client.get(url).content
        assert article.slug.encode() not in client.get(url).content


def test_article_url_needs_the_right_year_and_month(client, editor):
    article = make_published_article(editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    wrong = reverse(
        "newsroom:article_detail", kwargs={"year": 1999, "month": 1, "slug": article.slug}
    )
    assert client.get(wrong).status_code == 404


def test_corrections_are_shown(client, editor):
    article = make_published_article(editor)
    correction = CorrectionFactory(article=article, text="The meeting was on Sunday.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The meeting was on Sunday." in html
    assert f'id="correction-{correction.pk}"' in html


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
    few, content = count_queries(client, article.get_absolute_url())
    assert content.count(b'class="footnote"') == 1
    assert_shows(content, shown)
    grow(4)
    many, content = count_queries(client, article.get_absolute_url())
    assert content.count(b'class="footnote"') == 5
    assert_shows(content, shown)
    assert few == many == QUERIES["article_detail"]


# ---------------------------------------------------------------------------------------------
# Home and article lists


def test_home_shows_articles_claims_and_people(client, editor):
    person = PersonFactory(slug="cai-qi", full_name="Cai Qi")
    make_published_article(editor, headline="Top story", body="[[person:cai-qi]]")
    make_public_claim(editor, statement="A checked statement.", verdict="false")
    ClaimFactory(statement="An unchecked statement.")
    html = client.get("/").content.decode()
    assert "Top story" in html and "A checked statement." in html
    assert "An unchecked statement." not in html
    assert person.get_absolute_url() in html
    assert html.count("<h1") == 1 and 'id="main"' in html and "Skip to main content" in html


def _grow_articles(editor, n, **kwargs):
    for _ in range(n):
        article = make_published_article(editor, **kwargs)
        article.bylines.add(AuthorFactory(), AuthorFactory())
        if "section" not in kwargs:
            article.tags.add(TagFactory(slug="t"))


def test_home_query_count_is_fixed(client, editor):
    shown = []

    def grow(n):
        for _ in range(n):
            person = PersonFactory()
            author = AuthorFactory()
            article = make_published_article(
                editor, body=f"[[person:{person.slug}]]", bylines=[author]
            )
            shown.extend([person, article, make_public_claim(editor), f"By {author.name} "])

    grow(1)
    few, content = count_queries(client, "/")
    assert_shows(content, shown)
    grow(4)
    many, content = count_queries(client, "/")
    assert_shows(content, shown)
    assert few == many == QUERIES["home"]


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
# Claims and sources


def test_claim_page_shows_verdict_citations_history_and_claim_review(client, editor):
    speaker = PersonFactory(full_name="Wang Yi", slug="wang-yi")
    event = EventFactory(title="The meeting", slug="the-meeting")
    claim = make_public_claim(
        editor,
        slug="said-it",
        statement="The talks were useful.",
        kind="quote",
        claimant_person=speaker,
        said_on=dt.date(2025, 8, 31),
        said_at_event=event,
    )
    CitationFactory(claim=claim, stance="contradicts", excerpt="the talks failed")
    claim.about_people.add(speaker)
    claim.refresh_from_db()
    assert claim.status == "reopened"  # new evidence reopened it, by whatever path it came
    from newsroom.actions import rate_claim

    rate_claim(claim=claim, actor=editor, verdict="misleading", rationale="The transcript differs.")
    article = make_published_article(editor, body="[[claim:said-it]]", headline="Cites it")

    response = client.get("/claims/said-it/")
    html = response.content.decode()
    assert "“The talks were useful.”" in html
    assert "Misleading" in html and "The transcript differs." in html
    assert "Contested" in html and "the talks failed" in html and "Contradicts" in html
    assert 'href="/people/wang-yi/"' in html and 'href="/events/the-meeting/"' in html
    assert "31 August 2025" in html
    assert "rated <strong>accurate</strong>" in html and "rated <strong>misleading</strong>" in html
    assert "Changed after its verdict: a citation of" in html
    assert article.get_absolute_url() in html
    (data,) = json_ld(response.content)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "The talks were useful."
    assert data["reviewRating"]["ratingValue"] == 2
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert data["itemReviewed"]["@type"] == "Claim"
    assert data["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Wang Yi",
        "url": "http://testserver/people/wang-yi/",
    }
    assert len(data["itemReviewed"]["appearance"]) == 2
    assert data["itemReviewed"]["datePublished"] == "2025-08-31"


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_unreviewed_claims_are_404_and_absent(client, editor, steps):
    from newsroom.actions import assign_claim, submit_claim

    claim = ClaimFactory(statement="Not yet checked.", slug="unchecked")
    CitationFactory(claim=claim)
    if steps >= 1:
        submit_claim(claim=claim, actor=editor)
    if steps >= 2:
        assign_claim(claim=claim, actor=editor)
    assert client.get("/claims/unchecked/").status_code == 404
    source = Citation.objects.get(claim=claim).source
    for url in ("/claims/", "/", source.get_absolute_url(), "/sitemap.xml"):
        assert b"Not yet checked." not in client.get(url).content
        assert b"/claims/unchecked/" not in client.get(url).content


def test_claim_list_filters_by_verdict(client, editor):
    make_public_claim(editor, statement="Is true.")
    make_public_claim(editor, statement="Is false.", verdict="false")
    html = client.get("/claims/?verdict=false").content.decode()
    assert "Is false." in html and "Is true." not in html
    assert client.get("/claims/?verdict=bogus").status_code == 200


def test_claim_list_and_detail_query_counts_are_fixed(client, editor):
    claim = make_public_claim(editor, slug="grown")
    listed, detailed = [claim], [citation.source for citation in claim.citations.all()]

    def grow(n):
        for _ in range(n):
            speaker = PersonFactory()
            listed.extend([make_public_claim(editor, claimant_person=speaker), speaker])
            excerpt = f"excerpt {claim.citations.count()}"
            detailed.extend([CitationFactory(claim=claim, excerpt=excerpt).source, f"“{excerpt}”"])
            detailed.extend([PersonFactory(), OrganizationFactory(), EventFactory()])
            claim.about_people.add(detailed[-3])
            claim.about_organizations.add(detailed[-2])
            claim.about_events.add(detailed[-1])
            rerate(claim, editor)
            detailed.append(make_published_article(editor, body="[[claim:grown]]"))

    grow(1)
    list_few, content = count_queries(client, "/claims/")
    assert_shows(content, listed)
    detail_few, content = count_queries(client, "/claims/grown/")
    assert content.count(b'class="citation ') == 2
    assert_shows(content, detailed)
    rated_few = content.count(b"rated <strong>accurate</strong>")
    grow(4)
    list_many, content = count_queries(client, "/claims/")
    assert_shows(content, listed)
    detail_many, content = count_queries(client, "/claims/grown/")
    assert content.count(b'class="citation ') == 6
    assert_shows(content, detailed)
    assert content.count(b"rated <strong>accurate</strong>") == rated_few + 4  # each re-rating
    assert list_few == list_many == QUERIES["claim_list"]
    assert detail_few == detail_many == QUERIES["claim_detail"]


def test_source_page_lists_only_public_claims(client, editor):
    source = SourceFactory(
        title="Readout of the meeting", publisher=OrganizationFactory(name="MEA")
    )
    public = ClaimFactory(statement="Public claim.")
    verify_citation(citation=CitationFactory(claim=public, source=source))
    rate(public, editor)
    draft = ClaimFactory(statement="Draft claim.")
    CitationFactory(claim=draft, source=source)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Readout of the meeting" in html and "MEA" in html
    assert "Public claim." in html and "Draft claim." not in html


def test_source_detail_query_count_is_fixed(client, editor):
    source = SourceFactory()
    shown = []

    def grow(n):
        for _ in range(n):
            claim = ClaimFactory(claimant_organization=OrganizationFactory())
            verify_citation(citation=CitationFactory(claim=claim, source=source))
            shown.append(rate(claim, editor))

    grow(1)
    few, content = count_queries(client, source.get_absolute_url())
    assert content.count(b'class="claim-card"') == 1
    assert_shows(content, shown)
    grow(4)
    many, content = count_queries(client, source.get_absolute_url())
    assert content.count(b'class="claim-card"') == 5
    assert_shows(content, shown)
    assert few == many == QUERIES["source_detail"]


# ---------------------------------------------------------------------------------------------
# Crawlers


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_public_pages_with_lastmod(client, editor):
    article = make_published_article(editor)
    person = PersonFactory()
    hidden = PersonFactory(is_published=False)
    claim = make_public_claim(editor)
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {url.find("s:loc", ns).text: url for url in root.findall("s:url", ns)}
    assert f"http://testserver{article.get_absolute_url()}" in locs
    assert f"http://testserver{person.get_absolute_url()}" in locs
    assert f"http://testserver{claim.get_absolute_url()}" in locs
    assert f"http://testserver{hidden.get_absolute_url()}" not in locs
    assert locs[f"http://testserver{article.get_absolute_url()}"].find("s:lastmod", ns) is not None


def test_news_sitemap_has_only_the_last_two_days(client, editor):
    fresh = make_published_article(editor, headline="Fresh & new")
    old = make_published_article(editor, headline="Old news")
    old.published_at = timezone.now() - dt.timedelta(days=3)
    old.save(update_fields=["published_at"])
    response = client.get("/news-sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "n": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    urls = root.findall("s:url", ns)
    assert [u.find("s:loc", ns).text for u in urls] == [
        f"http://testserver{fresh.get_absolute_url()}"
    ]
    assert urls[0].find("n:news/n:title", ns).text == "Fresh & new"


def test_every_page_has_canonical_and_open_graph(client, editor):
    article = make_published_article(editor, section=SectionFactory(slug="world"))
    for url in ("/", "/articles/", "/claims/", "/sections/world/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert re.search(r'<link rel="canonical" href="http://testserver/[^"]*">', html), url
        assert '<meta property="og:title"' in html, url
        assert html.count("<h1") == 1, url
    html = client.get("/articles/?page=1&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/">' in html


@pytest.mark.parametrize("status", ArticleStatus.values)
@pytest.mark.parametrize("days", [-1, 1], ids=["past", "future"])
def test_published_article_statuses_are_consistent(status, days):
    # The public queryset must agree with Article.is_live on every status, past and future
    # (it only listed three status names, which could not fail).
    article = ArticleFactory()
    when = timezone.now() + dt.timedelta(days=days)
    Article.objects.filter(pk=article.pk).update(status=status, published_at=when)
    article.refresh_from_db()
    assert Article.objects.published().filter(pk=article.pk).exists() is article.is_live
    assert article.is_live is (status in ("published", "scheduled") and days < 0)
