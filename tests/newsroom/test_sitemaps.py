"""The sitemap index lists paged sitemaps of every public page with its last change, and
nothing unpublished; no sitemap response lists more than its section's limit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from newsroom.sitemaps import ClaimSitemap
from tests.support.content import count_queries, make_public_claim, make_published_article
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _index(client) -> list[tuple[str, str | None]]:
    """(address, lastmod) of each sitemap the index lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    entries = []
    for entry in root.findall("s:sitemap", NS):
        loc = urlsplit(entry.find("s:loc", NS).text)
        lastmod = entry.find("s:lastmod", NS)
        entries.append(
            (f"{loc.path}?{loc.query}".rstrip("?"), lastmod is not None and lastmod.text)
        )
    return entries


def _urls(client, address: str) -> dict[str, ET.Element]:
    response = client.get(address)
    assert response.status_code == 200, address
    root = ET.fromstring(response.content)
    return {url.find("s:loc", NS).text: url for url in root.findall("s:url", NS)}


def _all_urls(client) -> dict[str, ET.Element]:
    urls = {}
    for address, _ in _index(client):
        urls.update(_urls(client, address))
    return urls


def test_sitemaps_list_public_pages_with_lastmod(client, editor):
    article = make_published_article(editor)
    person = PersonFactory()
    hidden = PersonFactory(is_published=False)
    claim = make_public_claim(editor)
    locs = _all_urls(client)
    assert f"http://testserver{article.get_absolute_url()}" in locs
    assert f"http://testserver{person.get_absolute_url()}" in locs
    assert f"http://testserver{claim.get_absolute_url()}" in locs
    assert f"http://testserver{hidden.get_absolute_url()}" not in locs
    assert locs[f"http://testserver{article.get_absolute_url()}"].find("s:lastmod", NS) is not None
    assert "http://testserver/claims/" in locs  # the list pages


def test_the_index_says_when_each_section_last_changed(client, editor):
    make_published_article(editor)
    claim = make_public_claim(editor)
    lastmods = dict(_index(client))
    assert lastmods["/sitemap-claims.xml"].startswith(claim.updated_at.strftime("%Y-%m-%d"))
    assert lastmods["/sitemap-articles.xml"]
    assert lastmods["/sitemap-pages.xml"] is False  # fixed addresses: no lastmod


def test_a_section_larger_than_its_limit_is_paged(client, editor, monkeypatch):
    monkeypatch.setattr(ClaimSitemap, "limit", 2)
    claims = [make_public_claim(editor) for _ in range(5)]
    pages = [address for address, _ in _index(client) if "claims" in address]
    assert pages == ["/sitemap-claims.xml", "/sitemap-claims.xml?p=2", "/sitemap-claims.xml?p=3"]
    listed = {}
    for page in pages:
        urls = _urls(client, page)
        assert len(urls) <= 2
        listed.update(urls)
    assert set(listed) == {f"http://testserver{claim.get_absolute_url()}" for claim in claims}
    assert client.get("/sitemap-claims.xml?p=4").status_code == 404
    assert client.get("/sitemap-claims.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_index_costs_a_query_per_section_however_large(client, editor):
    make_public_claim(editor)
    few, _ = count_queries(client, "/sitemap.xml")
    for _ in range(5):
        make_public_claim(editor)
        make_published_article(editor)
    many, _ = count_queries(client, "/sitemap.xml")
    assert few == many == 5  # articles, claims, people, organizations, events
