"""The exports serve the demo newsroom: its Popolo document validates against the Popolo
schemas with every date at its row's precision, its ClaimReview feed holds every standing
verdict, its filters find what the demo holds, and schemathesis finds nothing on it."""

import re

import pytest
from hypothesis import HealthCheck, settings

from newsroom.models import Claim, ClaimStatus
from profiles.models import Membership
from tests.newsroom.api.conftest import openapi_schema
from tests.newsroom.api.test_popolo import assert_valid

pytestmark = pytest.mark.django_db

REDUCED = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def test_the_demo_s_popolo_validates_with_dates_at_their_precision(demo, client):
    data = client.get("/api/popolo.json").json()
    kinds = {"persons": "person", "organizations": "organization", "posts": "post",
             "memberships": "membership"}  # fmt: skip
    for key, kind in kinds.items():
        assert data[key], key
        for obj in data[key]:
            assert_valid(kind, obj)
    assert any(p["id"] == "person/cai-qi" for p in data["persons"])
    rows = {f"membership/{m.pk}": m for m in Membership.objects.all()}
    for item in data["memberships"]:
        row = rows[item["id"]]
        for field, precision in (("start_date", row.start_precision),
                                 ("end_date", row.end_precision)):  # fmt: skip
            if field in item:
                assert re.fullmatch(REDUCED[precision], item[field]), (item, precision)


def test_the_demo_s_claimreview_feed_holds_every_standing_verdict(demo, client):
    data = client.get("/api/claimreview/?page_size=100").json()
    standing = Claim.objects.public().filter(status=ClaimStatus.REVIEWED).count()
    assert standing and data["count"] == standing
    assert {e["item"]["@type"] for e in data["dataFeedElement"]} == {"ClaimReview"}


def test_the_demo_s_misleading_claims_filter(demo, client):
    misleading = Claim.objects.public().filter(verdict="misleading")
    data = client.get("/api/claims/?verdict=misleading&page_size=100").json()
    assert misleading.exists()
    assert sorted(c["slug"] for c in data["results"]) == sorted(c.slug for c in misleading)
    assert client.get("/api/claims/?person=cai-qi").json()["count"] > 0


def test_the_demo_s_misleading_claim_says_where_it_was_made_and_what_bears_on_it(demo, client):
    """Report B is where the misleading claim appeared; Report A and the MEA briefing are
    evidence that contradicts it, and the API says which is which."""
    data = client.get("/api/claims/report-b-cai-promised-exchanges-with-xi/").json()
    roles = {c["source"]["title"]: (c["role"], c["stance"]) for c in data["citations"]}
    appearances = [title for title, (role, _) in roles.items() if role == "appearance"]
    assert len(appearances) == 1 and appearances[0].startswith("Report B")
    assert sorted(stance for role, stance in roles.values() if role == "evidence") == [
        "contradicts",
        "contradicts",
    ]


def test_an_unverifiable_claim_has_no_number_on_the_rating_scale(demo, client):
    data = client.get("/api/claims/?verdict=unverifiable").json()
    assert data["count"] > 0
    assert {(c["verdict_label"], c["rating"]) for c in data["results"]} == {("Unverifiable", None)}


schema = openapi_schema()


@pytest.fixture
def on_the_demo(demo, in_the_test_transaction, settings):
    settings.NEWSROOM_PAGE_CACHE = False


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_schemathesis_on_the_demo(case, on_the_demo):
    case.call_and_validate()
