"""/api/popolo.json is valid Popolo (checked against the official schemas, vendored in
popolo_schemas/ and resolved locally), keeps dates to their known precision, gives each object
its sources, and names nothing readers may not see."""

import datetime as dt
import json
from pathlib import Path

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource

from tests.support.content import make_public_claim
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "popolo_schemas"


def _validators() -> dict[str, Draft3Validator]:
    schemas = {path.stem: json.loads(path.read_text()) for path in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return {name: Draft3Validator(schema, registry=registry) for name, schema in schemas.items()}


VALIDATORS = _validators()


def assert_valid(kind: str, obj: dict) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATORS[kind].iter_errors(obj)]
    assert not errors, (kind, obj.get("id"), errors)


@pytest.fixture
def popolo(client, editor):
    cai = PersonFactory(
        full_name="Cai Qi",
        given_name="Qi",
        family_name="Cai",
        slug="cai-qi",
        native_name="蔡奇",
        birth_date=dt.date(1955, 12, 1),
        birth_date_precision="month",
        wikidata_id="Q1059458",
    )
    central = OrganizationFactory(name="Central Committee", slug="central-committee")
    office = OrganizationFactory(
        name="General Office", slug="general-office", acronym="GO", parent=central
    )
    hidden = OrganizationFactory(name="Hidden Bureau", slug="hidden-bureau", is_published=False)
    orphan = OrganizationFactory(name="Sub Office", slug="sub-office", parent=hidden)
    pbsc = OrganizationFactory(name="Politburo Standing Committee", slug="pbsc", seats=7)
    MembershipFactory(
        person=cai, organization=office, role="Director",
        start_date=dt.date(2022, 10, 1), start_precision="month",
    )  # fmt: skip
    MembershipFactory(
        person=cai, organization=pbsc, role="Member", rank=5,
        start_date=dt.date(2017, 1, 1), start_precision="year",
        end_date=dt.date(2022, 10, 23),
    )  # fmt: skip
    MembershipFactory(person=cai, organization=hidden, role="Chief")
    MembershipFactory(person=PersonFactory(slug="secret", is_published=False), organization=pbsc)
    make_public_claim(editor, slug="cai-director", about_people=[cai])
    response = client.get("/api/popolo.json")
    assert response.status_code == 200
    return response.json(), orphan


def test_the_document_validates_against_the_popolo_schemas(popolo):
    data, _ = popolo
    kinds = {"persons": "person", "organizations": "organization", "posts": "post",
             "memberships": "membership"}  # fmt: skip
    for key, kind in kinds.items():
        assert data[key], key
        for obj in data[key]:
            assert_valid(kind, obj)
            assert obj["sources"] and all(s["url"].startswith("http") for s in obj["sources"])


def test_a_schema_violation_would_fail_the_check(popolo):
    data, _ = popolo
    broken = dict(data["persons"][0], birth_date="December 1955")
    with pytest.raises(AssertionError):
        assert_valid("person", broken)
    with pytest.raises(AssertionError):
        assert_valid("membership", {"id": "m", "sources": [{"note": "no url"}]})


def test_dates_are_reduced_to_their_precision(popolo):
    data, _ = popolo
    (cai,) = data["persons"]
    assert cai["birth_date"] == "1955-12"
    dates = {m["role"]: (m.get("start_date"), m.get("end_date")) for m in data["memberships"]}
    assert dates == {"Director": ("2022-10", None), "Member": ("2017", "2022-10-23")}


def test_people_organizations_posts_and_memberships_link_up(popolo):
    data, orphan = popolo
    (cai,) = data["persons"]
    assert cai["id"] == "person/cai-qi"
    assert {"name": "蔡奇", "note": "Native script"} in cai["other_names"]
    assert cai["identifiers"] == [{"scheme": "wikidata", "identifier": "Q1059458"}]
    # The claim about him cites a source: it is one of his sources.
    assert any(s["url"].startswith("https://example.org/report-") for s in cai["sources"])
    orgs = {o["id"]: o for o in data["organizations"]}
    assert orgs["organization/general-office"]["parent_id"] == "organization/central-committee"
    assert "parent_id" not in orgs[f"organization/{orphan.slug}"]  # its parent is hidden
    posts = {p["id"]: p for p in data["posts"]}
    for membership in data["memberships"]:
        assert membership["person_id"] == "person/cai-qi"
        assert membership["organization_id"] in orgs
        assert posts[membership["post_id"]]["organization_id"] == membership["organization_id"]


def test_nothing_unpublished_is_named(client, popolo):
    text = client.get("/api/popolo.json").content.decode()
    assert "hidden-bureau" not in text and "Hidden Bureau" not in text
    assert "secret" not in text and "Chief" not in text
