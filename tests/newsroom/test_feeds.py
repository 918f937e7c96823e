"""RSS and Atom feeds: valid XML, published articles only, a fixed query count."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import pytest

from tests.support.content import assert_shows, count_queries, make_published_article
from tests.support.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_lists_published_articles(client, editor):
    article = make_published_article(
        editor,
        headline="Leaders meet & talk",
        section=SectionFactory(name="World"),
        bylines=[AuthorFactory(name="A. Reporter")],
    )
    ArticleFactory(headline="Draft headline")
    response = client.get("/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Leaders meet & talk"]
    assert items[0].findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert items[0].findtext("category") == "World"
    assert items[0].findtext("pubDate")


def test_atom_feed_lists_published_articles(client, editor):
    make_published_article(
        editor, headline="Atom headline", bylines=[AuthorFactory(name="A. Reporter")]
    )
    ArticleFactory(headline="Draft headline")
    response = client.get("/feeds/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Atom headline"]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "A. Reporter"
    assert entries[0].findtext(f"{ATOM}updated")


@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/feeds/atom/", "/sitemap-articles.xml", "/news-sitemap.xml"]
)
def test_feed_and_sitemap_query_counts_are_fixed(client, editor, url):
    shown = []

    def grow(n):
        for _ in range(n):
            article = make_published_article(
                editor,
                section=SectionFactory(slug="world"),
                bylines=[AuthorFactory(), AuthorFactory()],
            )
            shown.append(f"http://testserver{article.get_absolute_url()}")

    grow(1)
    few, content = count_queries(client, url)
    ET.fromstring(content)  # well-formed XML
    assert_shows(content, shown)
    grow(4)
    many, content = count_queries(client, url)
    ET.fromstring(content)
    assert_shows(content, shown)
    assert few == many


class _Elements(HTMLParser):
    """The elements an HTML renderer would build from a text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)


def rendered_elements(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


PAYLOAD = 'Talks <img src=x onerror="alert(1)"> & more'


@pytest.mark.parametrize(
    "url, find",
    [
        ("/feeds/rss/", lambda root: root.find("channel/item").findtext("description")),
        ("/feeds/atom/", lambda root: root.find(f"{ATOM}entry").findtext(f"{ATOM}summary")),
    ],
)
def test_a_standfirst_with_markup_reaches_feed_readers_as_text(client, editor, url, find):
    make_published_article(editor, standfirst=PAYLOAD)
    response = client.get(url)
    html = find(ET.fromstring(response.content))
    # What a reader renders as HTML: the payload's characters, no element.
    assert rendered_elements(html) == []
    assert unescape(html) == PAYLOAD
