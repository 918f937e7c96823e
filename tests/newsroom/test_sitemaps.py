"""The sitemap lists every public page with its last change, and nothing unpublished."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.support.content import make_public_claim, make_published_article
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db


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
