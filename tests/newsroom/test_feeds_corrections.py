"""The corrections feed: one item per correction of a live article, at a fixed query count."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import unescape

import pytest

from newsroom import actions
from tests.support.content import count_queries, publish
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

QUERIES = {"corrections_feed": 1}


def rss_items(content: bytes) -> list[dict[str, str]]:
    root = ET.fromstring(content)
    return [{child.tag: (child.text or "") for child in item} for item in root.iter("item")]


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


def test_a_correction_with_markup_reaches_feed_readers_as_text(client, editor):
    article = publish(ArticleFactory(headline="Live story"), editor)
    payload = 'It was <img src=x onerror="alert(1)"> Sunday.'
    actions.add_correction(article=article, actor=editor, kind="correction", text=payload)
    (item,) = rss_items(client.get("/feeds/corrections/").content)
    assert "<img" not in item["description"]
    assert unescape(item["description"]) == payload
