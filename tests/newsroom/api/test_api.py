"""The read-only JSON API shows what readers may see, as data, at a fixed query count; its
filters filter, and anything it cannot use is a JSON error that says what was wrong."""

import datetime as dt
import json

import pytest

from newsroom import actions
from newsroom.actions import merges
from newsroom.api import api
from newsroom.models import Citation
from tests.support.content import count_queries, make_public_claim, publish
from tests.support.factories import (
    ArticleFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cai(db):
    person = PersonFactory(
        full_name="Cai Qi", given_name="Qi", family_name="Cai", slug="cai-qi", native_name="蔡奇"
    )
    pbsc = OrganizationFactory(name="Politburo Standing Committee", slug="pbsc", seats=7)
    MembershipFactory(person=person, organization=pbsc, role="Member", rank=5)
    return person


def test_claim_detail_carries_verdict_citations_with_sources_and_history(client, editor, cai):
    make_public_claim(
        editor, slug="cai-fifth", statement="Cai is fifth.", citations=2, about_people=[cai]
    )
    data = client.get("/api/claims/cai-fifth/").json()
    assert data["verdict"] == "accurate" and data["rating"] == 5
    assert data["verdict_label"] == "Accurate"
    assert len(data["citations"]) == 2
    citation = data["citations"][0]
    assert citation["stance"] == "supports"
    assert citation["excerpt_found_in_source"] is True
    assert citation["source"]["url"].startswith("https://example.org/report-")
    assert citation["source"]["api_url"].startswith("http://testserver/api/sources/")
    assert [h["verdict"] for h in data["verdict_history"]] == ["accurate"]


def test_person_detail_has_positions_with_rank_and_precision(client, cai):
    response = client.get("/api/people/cai-qi/")
    assert response["Content-Type"].startswith("application/json")
    assert "蔡奇".encode() in response.content  # UTF-8 as it is, not escaped
    data = response.json()
    assert data["native_name"] == "蔡奇"
    (position,) = data["current_positions"]
    assert (position["rank"], position["rank_of"]) == (5, 7)
    assert position["start"] == {"date": "2022-10-23", "precision": "day"}


def test_event_detail_in_local_time_with_status(client):
    tianjin = PlaceFactory(name="Tianjin", time_zone="Asia/Shanghai")
    meeting = EventFactory(slug="meeting", place=tianjin, status="held")
    banquet = EventFactory(
        slug="banquet",
        place=tianjin,
        status="cancelled",
        status_reason="A scheduling conflict.",
        replaced_by=meeting,
        starts_at=dt.datetime(2025, 8, 31, 11, 0, tzinfo=dt.UTC),
    )
    ParticipationFactory(event=banquet, role="host")
    data = client.get("/api/events/banquet/").json()
    assert data["status"] == "cancelled"
    assert data["status_reason"] == "A scheduling conflict."
    assert data["replaced_by"]["title"] == meeting.title
    assert data["starts_at"] == "2025-08-31T19:00:00+08:00"
    assert data["participants"][0]["role"] == "host"


def test_unpublished_things_and_unknown_addresses_answer_a_json_404(client, editor):
    PersonFactory(slug="hidden", is_published=False)
    OrganizationFactory(slug="hidden-org", is_published=False)
    ArticleFactory(slug="draft")
    for url in (
        "/api/people/hidden/",
        "/api/organizations/hidden-org/",
        "/api/articles/draft/",
        "/api/sources/999/",
        "/api/no-such-thing/",
        "/api/claims/x/y/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"], url
    assert client.get("/api/articles/").json()["count"] == 0
    assert client.get("/api/organizations/").json()["count"] == 0


def test_lists_paginate_with_absolute_links_and_a_bounded_size(client, editor):
    for number in range(3):
        make_public_claim(editor, slug=f"claim-{number}")
    data = client.get("/api/claims/").json()
    assert data["count"] == 3 and data["next"] is None and data["previous"] is None
    first = client.get("/api/claims/?page_size=2&verdict=accurate").json()
    assert len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/claims/?page_size=2&verdict=accurate&page=2"
    second = client.get(first["next"]).json()
    assert [c["slug"] for c in second["results"]] == ["claim-0"]
    assert second["previous"].endswith("page=1") and second["next"] is None
    assert client.get("/api/claims/?page_size=101").status_code == 400
    for page in ("9", "99999999999999999999"):
        response = client.get(f"/api/claims/?page={page}")
        assert response.status_code == 404 and "detail" in response.json()
    for page in ("x", "0", "-1", "1.5", "%00", "１"):
        response = client.get(f"/api/claims/?page={page}")
        assert response.status_code == 400, page
        assert response.json()["detail"].startswith("Bad query parameter — page:")
    assert client.get("/api/claims").status_code == 301  # still redirected to the slash


def test_verdict_and_kind_filter_and_a_bad_value_is_a_400_naming_it(client, editor):
    make_public_claim(editor, slug="wrong", verdict="misleading", kind="quote")
    make_public_claim(editor, slug="right", verdict="accurate")
    slugs = [c["slug"] for c in client.get("/api/claims/?verdict=misleading").json()["results"]]
    assert slugs == ["wrong"]
    assert client.get("/api/claims/?kind=quote").json()["count"] == 1
    response = client.get("/api/claims/?verdict=dubious")
    assert response.status_code == 400
    assert "verdict" in response.json()["detail"] and "misleading" in response.json()["detail"]
    for bad in ("start_after=last-week", "start_after=0", "updated_since=0.5"):
        response = client.get(f"/api/events/?{bad}")  # ISO 8601 only, not Unix timestamps
        assert response.status_code == 400, bad
        assert bad.split("=")[0] in response.json()["detail"]


def test_an_unknown_query_parameter_is_a_400_naming_it(client, cai):
    for url in ("/api/claims/?verdikt=false", "/api/people/cai-qi/?format=xml", "/api/?x=1"):
        response = client.get(url)
        assert response.status_code == 400, url
        name = url.split("?")[1].split("=")[0]
        assert response.json() == {"detail": f"Unknown query parameter: {name}."}


def test_person_organization_and_event_filters(client, editor, cai):
    modi = PersonFactory(slug="narendra-modi")
    mea = OrganizationFactory(slug="mea")
    MembershipFactory(person=modi, organization=mea, role="Minister")
    talks = EventFactory(slug="talks", organizer=mea)
    ParticipationFactory(event=talks, person=cai)
    EventFactory(slug="other")
    make_public_claim(editor, slug="about-cai", about_people=[cai])
    make_public_claim(editor, slug="by-modi", claimant_person=modi, said_at_event=talks)
    make_public_claim(editor, slug="unrelated")

    def slugs(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return sorted(item.get("slug") or item.get("role") for item in response.json()["results"])

    assert slugs("/api/claims/?person=cai-qi") == ["about-cai"]
    assert slugs("/api/claims/?person=narendra-modi") == ["by-modi"]
    assert slugs("/api/claims/?event=talks") == ["by-modi"]
    assert slugs("/api/claims/?person=nobody") == []
    assert slugs("/api/events/?person=cai-qi") == ["talks"]
    assert slugs("/api/events/?organization=mea") == ["talks"]
    assert slugs("/api/people/?organization=mea") == ["narendra-modi"]
    assert slugs("/api/memberships/?person=cai-qi") == ["Member"]
    assert slugs("/api/memberships/?organization=mea") == ["Minister"]


def test_membership_organization_source_and_correction_filters(client, editor, cai):
    pbsc = cai.memberships.get().organization
    MembershipFactory(
        person=cai, organization=OrganizationFactory(slug="beijing"), role="Party Secretary",
        start_date=dt.date(2017, 5, 27), end_date=dt.date(2022, 11, 1),
    )  # fmt: skip
    OrganizationFactory(slug="general-office", parent=pbsc)
    OrganizationFactory(slug="elsewhere")
    cited = make_public_claim(editor, slug="cited")
    make_public_claim(editor, slug="other")
    source = cited.citations.get().source
    story = publish(ArticleFactory(slug="story", body="[[claim:cited]]"), editor)
    publish(ArticleFactory(slug="quiet", body="[[claim:other]]"), editor)
    actions.add_correction(article=story, actor=editor, kind="correction", text="Fixed.")

    def results(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.json()["results"]

    assert [m["role"] for m in results("/api/memberships/?current=true")] == ["Member"]
    assert [m["role"] for m in results("/api/memberships/?current=false")] == ["Party Secretary"]
    assert [m["role"] for m in results("/api/memberships/?start_before=2020-01-01")] == [
        "Party Secretary"
    ]
    assert [o["slug"] for o in results("/api/organizations/?parent=pbsc")] == ["general-office"]
    assert [s["id"] for s in results("/api/sources/?claim=cited")] == [source.pk]
    publisher = source.publisher.slug
    assert [s["id"] for s in results(f"/api/sources/?organization={publisher}")] == [source.pk]
    assert len(results("/api/corrections/?article=story&kind=correction")) == 1
    assert results("/api/corrections/?article=quiet") == []
    assert results("/api/corrections/?article=story&kind=update") == []


def test_date_ranges_and_updated_since(client, editor):
    EventFactory(slug="early", starts_at=dt.datetime(2024, 10, 22, 8, tzinfo=dt.UTC))
    EventFactory(slug="late", starts_at=dt.datetime(2025, 8, 31, 8, tzinfo=dt.UTC))
    results = client.get("/api/events/?start_after=2025-01-01").json()["results"]
    assert [e["slug"] for e in results] == ["late"]
    results = client.get("/api/events/?start_before=2025-01-01").json()["results"]
    assert [e["slug"] for e in results] == ["early"]
    make_public_claim(editor, slug="said", said_on=dt.date(2025, 8, 31))
    assert client.get("/api/claims/?said_after=2025-09-01").json()["count"] == 0
    assert client.get("/api/claims/?said_before=2025-09-01").json()["count"] == 1
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    past = "2000-01-01T00:00:00Z"
    for name in ("claims", "events", "people", "organizations", "articles"):
        assert client.get(f"/api/{name}/", {"updated_since": future}).json()["count"] == 0
    assert client.get("/api/claims/", {"updated_since": past}).json()["count"] == 1
    # Any offset Python reads is an instant (PostgreSQL takes none beyond ±15:59 as is); one
    # that puts the instant outside any calendar is a 400 (schemathesis found both).
    odd = client.get("/api/claims/", {"updated_since": "1241-12-04T14:57:18+20:50"})
    assert odd.status_code == 200 and odd.json()["count"] == 1
    response = client.get("/api/claims/", {"updated_since": "0001-01-01T00:00+01:00"})
    assert response.status_code == 400 and "updated_since" in response.json()["detail"]
    article = publish(ArticleFactory(slug="story"), editor)
    today = article.published_at.date().isoformat()
    assert client.get(f"/api/articles/?published_after={today}").json()["count"] == 1
    assert client.get("/api/articles/?published_before=2001-01-01").json()["count"] == 0


def test_organizations_memberships_sources_and_corrections(client, editor, cai):
    office = OrganizationFactory(name="General Office", slug="general-office", acronym="GO")
    hidden = OrganizationFactory(slug="hidden-parent", is_published=False)
    office.parent = hidden
    office.save()
    claim = make_public_claim(editor, slug="c", about_people=[cai])
    source = claim.citations.get().source
    article = publish(ArticleFactory(slug="story"), editor)
    actions.add_correction(article=article, actor=editor, kind="correction", text="Fixed.")

    orgs = client.get("/api/organizations/").json()["results"]
    assert {o["slug"] for o in orgs} >= {"pbsc", "general-office"}
    assert next(o for o in orgs if o["slug"] == "general-office")["parent"] is None
    assert client.get("/api/organizations/?kind=nonsense").status_code == 400

    (membership,) = client.get("/api/memberships/").json()["results"]
    assert membership["person"]["name"] == "Cai Qi" and membership["current"] is True
    assert client.get(membership["api_url"]).json()["role"] == "Member"

    sources = client.get("/api/sources/").json()["results"]
    assert [s["id"] for s in sources] == [source.pk]
    detail = client.get(f"/api/sources/{source.pk}/").json()
    assert [c["slug"] for c in detail["cited_by"]] == ["c"]

    (correction,) = client.get("/api/corrections/").json()["results"]
    assert correction["text"] == "Fixed." and correction["article"]["slug"] == "story"
    assert client.get(correction["api_url"]).json()["id"] == correction["id"]


def test_only_get_and_head_and_head_answers_like_get(client, cai):
    get = client.get("/api/people/cai-qi/")
    head = client.head("/api/people/cai-qi/")
    assert head.status_code == 200 and head["Content-Type"] == get["Content-Type"]
    assert client.head("/api/openapi.json").status_code == 200
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/people/cai-qi/")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"
        assert "only reads" in response.json()["detail"]


def test_a_merged_duplicate_answers_301_to_the_survivor_s_api_address(client, editor):
    survivor = PersonFactory(slug="cai-qi")
    duplicate = PersonFactory(slug="cai-qi-2")
    merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)
    response = client.get("/api/people/cai-qi-2/")
    assert response.status_code == 301 and response["Location"] == "/api/people/cai-qi/"
    org, dup_org = OrganizationFactory(slug="mea"), OrganizationFactory(slug="mea-india")
    merges.merge_profiles(duplicate=dup_org, survivor=org, actor=editor)
    response = client.get("/api/organizations/mea-india/")
    assert response.status_code == 301 and response["Location"] == "/api/organizations/mea/"
    assert client.get("/api/people/nobody/").status_code == 404


def test_index_lists_every_endpoint(client):
    data = client.get("/api/").json()
    for name in ("articles", "claims", "people", "organizations", "memberships", "events",
                 "sources", "corrections", "popolo", "claimreview"):  # fmt: skip
        assert client.get(data["endpoints"][name]).status_code == 200, name
    document = client.get(data["openapi"]).json()
    assert document["openapi"].startswith("3.")
    # What test_schemathesis.py tests against is what /api/openapi.json serves.
    assert document == json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
    assert "/api/claims/" in document["paths"] and "/api/popolo.json" in document["paths"]
    verdict = next(
        p for p in document["paths"]["/api/claims/"]["get"]["parameters"] if p["name"] == "verdict"
    )
    assert "Verdict" in json.dumps(verdict["schema"])
    assert "misleading" in document["components"]["schemas"]["Verdict"]["enum"]


def test_api_responses_are_cached_for_anonymous_readers_with_an_etag(client, editor, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    make_public_claim(editor, slug="c")
    first = client.get("/api/claims/?verdict=accurate")
    assert first["X-Page-Cache"] == "miss" and first["ETag"]
    assert "public" in first["Cache-Control"]
    again = client.get("/api/claims/?verdict=accurate")
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert client.get("/api/claims/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code in (200, 304)


@pytest.mark.parametrize("grow", ["claims", "citations"])
def test_endpoints_run_a_fixed_number_of_queries(client, editor, cai, grow):
    claim = make_public_claim(editor, slug="base", about_people=[cai])
    article = publish(ArticleFactory(slug="story", body="[[claim:base]]"), editor)
    source = claim.citations.first().source
    urls = [
        "/api/claims/",
        "/api/claims/base/",
        "/api/people/cai-qi/",
        "/api/articles/story/",
        f"/api/sources/{source.pk}/",
        "/api/sources/",
        "/api/popolo.json",
    ]
    if grow == "claims":  # new citations reopen the claim, which leaves the feed
        urls.append("/api/claimreview/")
    # Twice: the article's first request renders its stored body, once per change.
    before = [(count_queries(client, url)[0], count_queries(client, url)[0]) for url in urls]
    for number in range(10):
        if grow == "claims":
            make_public_claim(editor, slug=f"extra-{number}", about_people=[cai])
        else:
            Citation.objects.create(claim=claim, source=source, excerpt=f"useful {number}")
    article.refresh_from_db()
    after = [(count_queries(client, url)[0], count_queries(client, url)[0]) for url in urls]
    if grow == "claims":  # the article's body shows none of them: still stored
        before[3] = (before[3][1], before[3][1])
    assert after == before


# Each endpoint's query budget, with the page cache off (the article's for a stored body; an
# event's parent, replacement and organizer, and an organization's parent, add one each).
BUDGETS = {
    "/api/": 0,
    "/api/articles/": 3,
    "/api/articles/story/": 5,
    "/api/claims/": 2,
    "/api/claims/base/": 8,
    "/api/people/": 2,
    "/api/people/cai-qi/": 6,
    "/api/organizations/": 3,
    "/api/organizations/pbsc/": 5,
    "/api/memberships/": 2,
    "/api/events/": 5,
    "/api/events/talks/": 10,
    "/api/sources/": 3,
    "/api/corrections/": 2,
    "/api/popolo.json": 6,
    "/api/claimreview/": 3,
}


def test_every_endpoint_stays_within_its_query_budget(
    client, editor, cai, django_assert_max_num_queries, settings
):
    settings.NEWSROOM_PAGE_CACHE = False
    talks = EventFactory(slug="talks")
    for _ in range(4):
        person = PersonFactory()
        MembershipFactory(person=person, organization=OrganizationFactory())
        ParticipationFactory(event=talks, person=person)
        make_public_claim(editor, about_people=[person, cai], said_at_event=talks)
    make_public_claim(editor, slug="base", about_people=[cai], citations=3)
    article = publish(ArticleFactory(slug="story", body="[[claim:base]]"), editor)
    actions.add_correction(article=article, actor=editor, kind="update", text="More.")
    client.get("/api/articles/story/")  # stores the rendered body
    for url, budget in BUDGETS.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


def test_article_detail_gives_rendered_html_never_the_raw_body(client, editor):
    PersonFactory(full_name="Hidden Aide", slug="hidden-aide", is_published=False)
    PersonFactory(full_name="Narendra Modi", slug="narendra-modi")
    article = publish(
        ArticleFactory(slug="talks", body="[[person:narendra-modi]] met [[person:hidden-aide]]."),
        editor,
    )
    data = client.get(f"/api/articles/{article.slug}/").json()
    assert "body_markdown" not in data
    assert data["body_html"] == (
        '<p><a class="ref ref-person" href="/people/narendra-modi/">Narendra Modi</a> met .</p>\n'
    )


def test_people_and_events_name_no_unpublished_organization(client, cai):
    hidden = OrganizationFactory(name="Hidden Bureau", slug="hidden-bureau", is_published=False)
    MembershipFactory(person=cai, organization=hidden, role="Chief")
    MembershipFactory(person=cai, organization=hidden, role="Aide", end_date=dt.date(2023, 1, 1))
    event = EventFactory(slug="talks", organizer=hidden)
    ParticipationFactory(event=event, person=cai, organization=hidden)
    for url in (
        "/api/people/cai-qi/",
        "/people/cai-qi/",
        "/people/",
        "/api/events/talks/",
        "/events/talks/",
        "/api/memberships/",
        "/api/organizations/",
        "/api/popolo.json",
    ):
        content = client.get(url).content.decode()
        assert "Hidden Bureau" not in content and "hidden-bureau" not in content, url
    roles = [p["role"] for p in client.get("/api/people/cai-qi/").json()["current_positions"]]
    assert roles == ["Member"]
