"""Content for the tests: public states reached through newsroom.actions, claims put straight
into a workflow state (``claim_in``), and what the search tests look for."""

from __future__ import annotations

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from newsroom import actions
from newsroom.actions import (
    assign_claim,
    publish_changes,
    rate_claim,
    save_article_draft,
    submit_claim,
    sync_article_references,
    transition_article,
    verify_citation,
)
from newsroom.models import Article, ArticleStatus, Claim, ClaimStatus
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory, PersonFactory


def make_public_claim(
    actor, *, verdict: str = "accurate", citations: int = 1, extra_citations=(), **kwargs
) -> Claim:
    """A claim with ``citations`` verified supporting citations (plus ``extra_citations``, each
    a dict of CitationFactory arguments), submitted, reviewed and rated.

    Evidence is added before the rating: added after, it would reopen the claim. ``actor`` must
    be allowed to review claims (an editor is) and must not have written it.
    """
    claim = ClaimFactory(**kwargs)
    for _ in range(citations):
        verify_citation(citation=CitationFactory(claim=claim))
    for extra in extra_citations:
        CitationFactory(claim=claim, **extra)
    return rate(claim, actor, verdict=verdict)


def rate(claim: Claim, actor, *, verdict: str = "accurate") -> Claim:
    submit_claim(claim=claim, actor=actor)
    assign_claim(claim=claim, actor=actor)
    return rate_claim(
        claim=claim, actor=actor, verdict=verdict, rationale="Checked against sources."
    )


def publish(article: Article, actor, **kwargs) -> Article:
    """Sync the body's references, then take the article from draft to published."""
    sync_article_references(article=article)
    for status in (ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED, ArticleStatus.PUBLISHED):
        article = transition_article(article=article, to_status=status, actor=actor, **kwargs)
    return article


def make_published_article(actor, *, tags=(), bylines=(), **kwargs) -> Article:
    """A published article; its tags and bylines are set first, since a live article's
    relations change only through a published draft."""
    article = ArticleFactory(**kwargs)
    article.tags.add(*tags)
    article.bylines.add(*bylines)
    return publish(article, actor)


def count_queries(client, url: str, *, status: int = 200) -> tuple[int, bytes]:
    """How many SQL queries one anonymous GET of ``url`` runs, and the response body: what
    building the page costs, so the page cache is off (tests/newsroom/test_pagecache.py)."""
    with override_settings(NEWSROOM_PAGE_CACHE=False), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return len(ctx.captured_queries), response.content


def assert_shows(content: bytes, rows) -> None:
    """Every row is on the page: a model instance as a link to its own page (``href="…"``), a
    string verbatim.

    Query-count tests check this after the run with one row of each kind and again with five,
    so a page that stopped loading a kind of row (a dropped prefetch renders nothing, at the
    same count) fails instead of passing."""
    html = content.decode()
    missing = [
        row
        for row in rows
        if (f'href="{row.get_absolute_url()}"' if hasattr(row, "get_absolute_url") else row)
        not in html
    ]
    assert not missing, f"not on the page: {missing}"


def json_ld(content: bytes) -> list[dict]:
    """Every JSON-LD block on a page, parsed."""
    blocks = re.findall(
        rb'<script type="application/ld\+json">(.*?)</script>', content, flags=re.DOTALL
    )
    return [json.loads(block) for block in blocks]


def rerate(claim: Claim, actor, *, verdict: str = "accurate") -> Claim:
    """Rate again a claim that test setup reopened by changing its evidence."""
    claim.refresh_from_db()
    if claim.status == "reopened":
        rate_claim(claim=claim, actor=actor, verdict=verdict, rationale="Checked again.")
        claim.refresh_from_db()
    return claim


def edit_live(article: Article, actor, *, m2m=None, **fields) -> Article:
    """Change a live article the only way there is: a draft, then an editor publishes it."""
    for name, value in fields.items():
        setattr(article, name, value)
    save_article_draft(article=article, actor=actor, m2m=m2m or {})
    return publish_changes(article=article, actor=actor)


def claim_in(status: str, author) -> Claim:
    """A claim by ``author`` with one verified citation, put straight into ``status`` (with a
    verdict when the status has one), for tests of what each state allows."""
    claim = ClaimFactory(created_by=author, statement_edited_by=author)
    actions.verify_citation(citation=CitationFactory(claim=claim))
    fields = {"status": status}
    if status in (ClaimStatus.REVIEWED, ClaimStatus.REOPENED):
        fields["verdict"] = "accurate"
    Claim.objects.filter(pk=claim.pk).update(**fields)
    claim.refresh_from_db()
    return claim


def rated_claim(writer, fact_checker, statement):
    """A claim by ``writer``, rated misleading by ``fact_checker``."""
    claim = ClaimFactory(created_by=writer, statement=statement)
    CitationFactory(claim=claim)
    actions.submit_claim(claim=claim, actor=writer)
    actions.assign_claim(claim=claim, actor=fact_checker)
    actions.rate_claim(claim=claim, actor=fact_checker, verdict="misleading", rationale="Half.")
    return claim


def searchable_content():
    """Cai Qi (published, with a native name and an alias), a hidden person and a draft article
    about the General Office, for the search tests; returns the draft."""
    PersonFactory(
        full_name="Cai Qi",
        slug="cai-qi",
        native_name="蔡奇",
        aliases="Tsai Chi",
        summary="Director of the CCP General Office",
    )
    PersonFactory(full_name="Hidden Person", slug="hidden", is_published=False)
    draft = ArticleFactory(headline="Draft about the General Office")
    return draft
