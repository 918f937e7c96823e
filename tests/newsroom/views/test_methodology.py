"""The methodology and about pages: the rating scale from the code, the checks the product
really makes, the corrections policy, linked from every page and listed in the sitemap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from newsroom.models import VERDICT_MEANINGS, Verdict
from tests.newsroom.test_pagecache import warm
from tests.support.content import count_queries, make_public_claim

pytestmark = pytest.mark.django_db

METHODOLOGY = "/methodology/"
ABOUT = "/about/"


def test_the_pages_live_in_the_newsroom_namespace():
    assert reverse("newsroom:methodology") == METHODOLOGY
    assert reverse("newsroom:about") == ABOUT


def test_every_verdict_has_a_meaning():
    assert set(VERDICT_MEANINGS) == set(Verdict)
    assert all(meaning.strip() for meaning in VERDICT_MEANINGS.values())


def test_the_scale_lists_every_verdict_in_the_code_s_order_with_its_meaning(client):
    content = client.get(METHODOLOGY).content.decode()
    shown = re.findall(r'id="verdict-([a-z_]+)"', content)
    assert shown == list(Verdict.values)
    for verdict in Verdict:
        assert f'<span class="verdict verdict--{verdict.value}">{verdict.label}</span>' in content
        assert VERDICT_MEANINGS[verdict] in content


def test_the_methodology_describes_the_checks_and_links_the_corrections(client):
    content = client.get(METHODOLOGY).content.decode()
    for words in ("SHA-256", "archived copy", "nobody reviews a claim they wrote"):
        assert words in content
    assert f'href="{reverse("newsroom:correction_list")}"' in content
    assert f'href="{ABOUT}"' in content


def test_the_about_page_says_who_we_are_and_links_the_methodology(client):
    content = client.get(ABOUT).content.decode()
    assert "demonstration newsroom" in content
    assert f'href="{METHODOLOGY}"' in content


@pytest.mark.parametrize("url", ["/", "/claims/", "/corrections/", METHODOLOGY])
def test_every_page_s_footer_links_both_pages(client, url):
    content = client.get(url).content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert f'href="{METHODOLOGY}"' in footer
    assert f'href="{ABOUT}"' in footer


def test_a_verdict_links_to_its_meaning(client, editor):
    claim = make_public_claim(editor, verdict="misleading")
    content = client.get(claim.get_absolute_url()).content.decode()
    assert f'href="{METHODOLOGY}#verdict-misleading"' in content
    assert f'href="{METHODOLOGY}#scale-heading"' in client.get("/claims/").content.decode()


@pytest.mark.parametrize("url", [METHODOLOGY, ABOUT])
def test_the_pages_are_cheap_and_cached(client, url):
    count, _ = count_queries(client, url)
    assert count <= 10
    warm(client, url)


def test_the_sitemap_lists_both_pages(client):
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert f"<loc>http://testserver{METHODOLOGY}</loc>" in pages
    assert f"<loc>http://testserver{ABOUT}</loc>" in pages
