"""Site-wide pages: the front page, robots.txt, the news sitemap, canonical and Open Graph tags."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.support.content import (
    assert_shows,
    count_queries,
    make_public_claim,
    make_published_article,
    publish,
)
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    ClaimFactory,
    PersonFactory,
    SectionFactory,
)
from tests.support.images import picture_sources as _sources
from tests.support.images import stored_image

pytestmark = pytest.mark.django_db

# Each page's fixed query count, however many related rows it shows (asserted below and quoted
# in the closing note).
QUERIES = {"home": 5}


# ---------------------------------------------------------------------------------------------
# The front page


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


def test_the_home_lead_card_uses_a_picture_and_other_cards_show_no_image(client, editor):
    publish(ArticleFactory(headline="Older", lead_image=stored_image(name="old.jpg")), editor)
    publish(ArticleFactory(headline="Newest", lead_image=stored_image(name="new.jpg")), editor)
    html = client.get("/").content.decode()
    assert html.count("<picture>") == 1
    assert 'class="card__image"' in html and set(_sources(html)) == {"webp", "jpeg"}


# ---------------------------------------------------------------------------------------------
# Crawlers


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


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
