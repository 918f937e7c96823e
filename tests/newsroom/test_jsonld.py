"""JSON-LD that machine readers can trust, on every public page type.

Each page's blocks are read from the HTML by extruct and expanded by pyld against a local
schema.org context (``tests/support/structured_data.py``); ClaimReview and NewsArticle carry
the fields Google requires. The demo newsroom is the content: Report B's misleading claim, the
cancelled banquet, the month-precision Kazan talks.
"""

from __future__ import annotations

import pytest

from newsroom.models import Article, Claim, Source
from tests.support.content import json_ld
from tests.support.structured_data import (
    ISO_PARTIAL_DATE,
    assert_google_claim_review,
    assert_google_news_article,
    assert_image_object,
    page_blocks,
)

pytestmark = pytest.mark.django_db

MISLEADING = "report-b-cai-promised-exchanges-with-xi"


def page(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    blocks = page_blocks(response.content)
    # extruct reads what the page serves, the same blocks a plain parse finds.
    assert blocks == json_ld(response.content)
    return blocks


def demo_urls() -> dict[str, str]:
    article = Article.objects.published().order_by("published_at").first()
    source = Source.objects.public().get(title__startswith="Report B")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "person": "/people/cai-qi/",
        "organization": "/organizations/mea/",
        "event": "/events/modi-xi-talks-kazan-2024/",
        "claim": f"/claims/{MISLEADING}/",
        "source": source.get_absolute_url(),
        "article list": "/articles/",
        "claim list": "/claims/",
        "person list": "/people/",
        "organization list": "/organizations/",
        "event list": "/events/",
        "section": article.section.get_absolute_url(),
        "tag": article.tags.first().get_absolute_url(),
        "author": article.bylines.first().get_absolute_url(),
    }


EXPECTED_TYPES = {
    "home": "WebSite",
    "article": "NewsArticle",
    "person": "Person",
    "organization": "Organization",
    "event": "Event",
    "claim": "ClaimReview",
    "source": "CreativeWork",
}


def test_every_public_page_type_has_valid_json_ld(client, demo):
    for kind, url in demo_urls().items():
        blocks = page(client, url)
        expected = EXPECTED_TYPES.get(kind, "CollectionPage")
        assert [block["@type"] for block in blocks] == [expected], (kind, url)
        if expected == "CollectionPage":
            items = blocks[0]["mainEntity"]["itemListElement"]
            assert items and [item["position"] for item in items] == list(range(1, len(items) + 1))
            for item in items:
                assert client.get(item["url"].removeprefix("http://testserver")).status_code == 200


def test_report_b_misleading_claim_appeared_in_report_b_only(client, demo):
    (data,) = page(client, f"/claims/{MISLEADING}/")
    assert_google_claim_review(data)
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert data["reviewRating"]["ratingValue"] == 2
    item = data["itemReviewed"]
    assert [work["headline"] for work in item["appearance"]] == [
        "Report B: Who is Cai Qi, the CCP leader Modi met in Tianjin?"
    ]
    assert item["firstAppearance"] == item["appearance"][0]
    # Report B has no address of its own: the appearance is our archived copy of it.
    source = Source.objects.get(title__startswith="Report B")
    assert item["appearance"][0]["url"] == f"http://testserver{source.get_absolute_url()}"
    assert "Report A" not in str(item) and "briefing" not in str(item)
    assert item["author"]["name"] == source.publisher.name
    # Report A and the briefing are evidence against it: the page still shows them.
    html = client.get(f"/claims/{MISLEADING}/").content.decode()
    assert "Report A" in html and "Foreign Secretary" in html


def test_unverifiable_has_a_name_and_no_number(client, demo):
    claim = Claim.objects.get(slug="cai-ties-let-him-influence-india-policy")
    assert claim.verdict == "unverifiable"
    (data,) = page(client, claim.get_absolute_url())
    assert_google_claim_review(data)
    assert data["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


def test_every_demo_claim_review_has_googles_fields(client, demo):
    claims = Claim.objects.public().filter(status="reviewed")
    assert claims.count() > 10
    for claim in claims:
        (data,) = page(client, claim.get_absolute_url())
        assert_google_claim_review(data)


def test_dates_come_at_their_precision(client, demo):
    (kazan,) = page(client, "/events/modi-xi-talks-kazan-2024/")
    assert kazan["startDate"] == "2024-10"
    (summit,) = page(client, "/events/sco-summit-tianjin-2025/")
    assert (summit["startDate"], summit["endDate"]) == ("2025-08-31", "2025-09-01")
    (cai,) = page(client, "/people/cai-qi/")
    assert cai["birthDate"] == "1955-12-05"
    for role in cai["memberOf"]:
        assert ISO_PARTIAL_DATE.match(role["startDate"]), role


def test_a_cancelled_event_has_no_attendees(client, demo):
    (banquet,) = page(client, "/events/banquet-for-modi-tianjin-2025/")
    assert banquet["eventStatus"] == "https://schema.org/EventCancelled"
    assert "attendee" not in banquet
    # Its page still says who would have been there.
    assert "Cai Qi" in client.get("/events/banquet-for-modi-tianjin-2025/").content.decode()
    (talks,) = page(client, "/events/modi-xi-talks-kazan-2024/")
    assert {a["name"] for a in talks["attendee"]} == {"Narendra Modi", "Xi Jinping"}


def test_demo_articles_have_googles_news_article_fields(client, demo):
    for article in Article.objects.published():
        (data,) = page(client, article.get_absolute_url())
        assert_google_news_article(data)
        # No lead image in the demo: the site's share image stands in.
        assert data["image"][0]["url"] == "http://testserver/static/brand/share.png"
        assert_image_object(data["image"][0])
        assert data["publisher"]["logo"]["url"] == "http://testserver/static/brand/logo.png"


def test_pages_link_the_favicon_and_a_default_share_image(client, demo):
    html = client.get("/people/").content.decode()
    assert '<link rel="icon" href="/static/brand/favicon.ico"' in html
    assert 'href="/static/brand/mark.svg" type="image/svg+xml"' in html
    assert '<link rel="apple-touch-icon" href="/static/brand/apple-touch-icon.png">' in html
    assert '<meta property="og:image" content="http://testserver/static/brand/share.png">' in html
    for path in ("favicon.ico", "mark.svg", "apple-touch-icon.png", "share.png", "logo.png"):
        response = client.get(f"/static/brand/{path}")
        assert response.status_code == 200, path
