"""/api/claimreview/: every public ClaimReview as a schema.org DataFeed, paginated, with
``since=``; each item is exactly the ClaimReview on the claim's own page."""

import datetime as dt

import pytest
import time_machine

from newsroom import actions
from tests.support.content import json_ld, make_public_claim

pytestmark = pytest.mark.django_db


def test_the_feed_is_a_datafeed_of_the_pages_claimreviews(client, editor):
    claim = make_public_claim(editor, slug="cai-fifth", verdict="misleading")
    data = client.get("/api/claimreview/").json()
    assert data["@context"] == "https://schema.org" and data["@type"] == "DataFeed"
    assert data["count"] == 1
    (element,) = data["dataFeedElement"]
    assert element["@type"] == "DataFeedItem"
    review = element["item"]
    assert review["@type"] == "ClaimReview"
    on_the_page = next(
        d for d in json_ld(client.get(claim.get_absolute_url()).content)
        if d.get("@type") == "ClaimReview"
    )  # fmt: skip
    on_the_page.pop("@context")
    assert review == on_the_page


def test_reopened_and_unrated_claims_are_left_out(client, editor):
    make_public_claim(editor, slug="rated")
    reopened = make_public_claim(editor, slug="reopened")
    actions.reopen_claim(claim=reopened, actor=editor, note="New evidence.")
    data = client.get("/api/claimreview/").json()
    assert [e["item"]["url"].rsplit("/", 2)[-2] for e in data["dataFeedElement"]] == ["rated"]


def test_pages_and_since(client, editor):
    with time_machine.travel(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), tick=False):
        make_public_claim(editor, slug="old")
    with time_machine.travel(dt.datetime(2025, 9, 1, tzinfo=dt.UTC), tick=False):
        make_public_claim(editor, slug="new")
    first = client.get("/api/claimreview/?page_size=1").json()
    assert first["count"] == 2 and first["next"].endswith("page_size=1&page=2")
    assert client.get(first["next"]).json()["dataFeedElement"][0]["item"]["url"].endswith("/old/")
    recent = client.get("/api/claimreview/?since=2025-06-01T00:00:00Z").json()
    assert [e["item"]["url"].rsplit("/", 2)[-2] for e in recent["dataFeedElement"]] == ["new"]
    assert client.get("/api/claimreview/?since=2026-01-01").json()["count"] == 0


@pytest.mark.parametrize("since", ["yesterday", "2025-13-01", "2025-06-01T25:00"])
def test_a_bad_since_is_a_400_naming_it(client, since):
    response = client.get("/api/claimreview/", {"since": since})
    assert response.status_code == 400
    assert "since" in response.json()["detail"]
