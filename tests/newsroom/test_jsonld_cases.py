"""JSON-LD in the cases the demo does not hold (``test_jsonld.py`` checks the demo's pages):
a lead image, an over-long headline, an article without a byline, several appearances, none,
a proposed event; and that the checks themselves catch a bad term.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsroom import jsonld
from newsroom.models import Claim
from tests.support.content import json_ld, make_public_claim, publish, rerate
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    ParticipationFactory,
    PersonFactory,
    SourceFactory,
)
from tests.support.images import stored_image
from tests.support.structured_data import (
    assert_google_claim_review,
    assert_google_news_article,
    expand,
    extract,
    page_blocks,
)

pytestmark = pytest.mark.django_db


def page(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    blocks = page_blocks(response.content)
    assert blocks == json_ld(response.content)
    return blocks


def test_an_articles_lead_image_is_its_image_with_its_size(client, editor):
    article = publish(ArticleFactory(lead_image=stored_image(), headline="H" * 130), editor)
    (data,) = page(client, article.get_absolute_url())
    assert_google_news_article(data)
    image = data["image"][0]
    assert image["url"].endswith(article.lead_image.file.url)
    lead = article.lead_image
    assert (image["width"], image["height"]) == (lead.width, lead.height)
    assert data["headline"] == "H" * 109 + "…"
    # No byline: the newsroom is the author.
    assert data["author"][0]["@type"] == "NewsMediaOrganization"


def test_first_appearance_is_the_earliest_dated_appearance(rf, editor):
    speaker = PersonFactory(full_name="Wang Yi")
    claim = make_public_claim(editor, kind="quote", claimant_person=speaker)
    later = SourceFactory(title="Later", published_on=dt.date(2025, 9, 2))
    earlier = SourceFactory(title="Earlier", published_on=dt.date(2025, 8, 30))
    undated = SourceFactory(title="Undated", published_on=None)
    for source in (later, earlier, undated):
        CitationFactory(claim=claim, source=source, role="appearance", excerpt="useful")
    claim = rerate(claim, editor, verdict="accurate")
    claim = Claim.objects.for_footnotes().get(pk=claim.pk)
    data = jsonld.claim_review(claim, rf.get("/"))
    expand(data)
    assert_google_claim_review(data)
    item = data["itemReviewed"]
    assert [work["headline"] for work in item["appearance"]] == ["Later", "Earlier", "Undated"]
    assert item["firstAppearance"]["headline"] == "Earlier"
    assert "datePublished" not in item["appearance"][2]


def test_a_claim_with_no_appearance_names_none(rf, editor):
    claim = make_public_claim(editor)  # its citation is evidence only
    claim = Claim.objects.for_footnotes().get(pk=claim.pk)
    data = jsonld.claim_review(claim, rf.get("/"))
    assert "appearance" not in data["itemReviewed"]
    assert "firstAppearance" not in data["itemReviewed"]


def test_a_proposed_event_has_no_attendees_and_a_held_one_does(client):
    person = PersonFactory(full_name="Cai Qi")
    for status in ("proposed", "held"):
        event = EventFactory(slug=f"talks-{status}", status=status)
        ParticipationFactory(event=event, person=person, role="host")
        (data,) = page(client, event.get_absolute_url())
        assert ("attendee" in data) == (status == "held"), status


def test_a_misspelt_term_fails_expansion():
    with pytest.raises(AssertionError, match="dropped"):
        expand({"@context": "https://schema.org", "@type": "Claim", "datePublishd": "2025"})


def test_extruct_reads_the_blocks_on_a_page():
    html = (
        '<html><head><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "WebSite", "name": "N"}'
        "</script></head><body></body></html>"
    )
    assert extract(html) == [{"@context": "https://schema.org", "@type": "WebSite", "name": "N"}]
