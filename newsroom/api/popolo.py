"""/api/popolo.json: the people, organizations, posts and memberships readers may see, in the
Popolo data specification (https://www.popoloproject.com/), for civic-tech tools.

- Ids are the API addresses' slugs, prefixed by kind (``person/cai-qi``, ``organization/pbsc``,
  ``membership/12``, ``post/pbsc/member``), so they are stable and never collide.
- A post is an organization's role ("Member" of the Politburo Standing Committee), shared by
  everyone who holds or held it; each membership names its post.
- Dates keep their precision, as ISO 8601 reduced dates: ``2017`` for a year, ``2022-10`` for
  a month, ``2022-10-23`` for a day.
- ``sources``: the newsroom page the record is published on, and every source that a public
  claim about it cites (its own URL, or its page here when it has none).

Five queries whatever the size (tests/newsroom/api/test_popolo.py validates the document
against the Popolo JSON schemas).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest
from django.utils.text import slugify
from ninja import Router, Schema
from pydantic import ConfigDict

from newsroom.api.paging import refuse_unknown
from newsroom.api.schemas import Error
from newsroom.models import Citation
from newsroom.models.claims import public_q
from profiles.models import Membership, Organization, Person
from profiles.partial_dates import iso_partial_date

router = Router(tags=["popolo"])


class Popolo(Schema):
    model_config = ConfigDict(extra="allow")

    persons: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    memberships: list[dict[str, Any]]


def _cited_sources(request: HttpRequest, relation: str) -> dict[int, list[dict]]:
    """Per record id: the sources public claims about it cite (``relation`` is the claim's
    many-to-many to the record, e.g. ``about_people``)."""
    rows = (
        Citation.objects.filter(public_q("claim__"))
        .filter(**{f"claim__{relation}__isnull": False})
        .values_list(f"claim__{relation}", "source_id", "source__url", "source__title")
        .order_by("source__title", "source_id")
        .distinct()
    )
    sources: dict[int, list[dict]] = defaultdict(list)
    for record, source_id, url, title in rows:
        link = url or request.build_absolute_uri(f"/sources/{source_id}/")
        if all(existing["url"] != link for existing in sources[record]):
            sources[record].append({"url": link, "note": title})
    return sources


def _page(request: HttpRequest, obj, note: str) -> dict:
    return {"url": request.build_absolute_uri(obj.get_absolute_url()), "note": note}


def _person(request: HttpRequest, person: Person, cited: list[dict]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"person/{person.slug}",
        "name": person.full_name,
        "sort_name": person.family_name or person.full_name,
        "other_names": [
            {"name": name, "note": note}
            for name, note in [
                (person.native_name, "Native script"),
                *((alias, "Alias") for alias in person.alias_list),
            ]
            if name
        ],
        "identifiers": [{"scheme": "wikidata", "identifier": person.wikidata_id}]
        if person.wikidata_id
        else [],
        "links": [_page(request, person, "Newsroom profile")],
        "sources": [_page(request, person, "Newsroom profile"), *cited],
    }
    if person.given_name:
        data["given_name"] = person.given_name
    if person.family_name:
        data["family_name"] = person.family_name
    if person.birth_date:
        data["birth_date"] = iso_partial_date(person.birth_date, person.birth_date_precision)
    if person.summary:
        data["summary"] = person.summary
    return data


def _organization(request: HttpRequest, org: Organization, cited: list[dict]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"organization/{org.slug}",
        "name": org.name,
        "classification": org.kind,
        "other_names": [{"name": org.acronym, "note": "Acronym"}] if org.acronym else [],
        "identifiers": [{"scheme": "wikidata", "identifier": org.wikidata_id}]
        if org.wikidata_id
        else [],
        "links": [
            _page(request, org, "Newsroom page"),
            *([{"url": org.website, "note": "Website"}] if org.website else []),
        ],
        "sources": [_page(request, org, "Newsroom page"), *cited],
    }
    if org.parent is not None:  # prefetched as published only
        data["parent_id"] = f"organization/{org.parent.slug}"
    return data


def _post_id(membership: Membership) -> str:
    return f"post/{membership.organization.slug}/{slugify(membership.role) or 'member'}"


@router.get(
    "popolo.json",
    response={200: Popolo, 400: Error},
    url_name="api_popolo",
    exclude_none=True,
)
def popolo(request: HttpRequest):
    """People, organizations, posts and memberships as one Popolo JSON document."""
    refuse_unknown(request)
    people = list(Person.objects.published().order_by("family_name", "full_name", "pk"))
    organizations = list(Organization.objects.published().with_public_parent().order_by("name"))
    memberships = list(
        Membership.objects.of_published_people()
        .filter(organization__is_published=True)
        .order_by("organization__name", "rank", "person__family_name", "pk")
    )
    about_people = _cited_sources(request, "about_people")
    about_orgs = _cited_sources(request, "about_organizations")
    about_memberships = _cited_sources(request, "about_memberships")

    posts: dict[str, dict] = {}
    rows = []
    for m in memberships:
        post_id = _post_id(m)
        posts.setdefault(
            post_id,
            {
                "id": post_id,
                "label": f"{m.role}, {m.organization.name}",
                "role": m.role,
                "organization_id": f"organization/{m.organization.slug}",
                "sources": [_page(request, m.organization, "Newsroom page")],
            },
        )
        row: dict[str, Any] = {
            "id": f"membership/{m.pk}",
            "label": f"{m.role}, {m.organization.name}",
            "role": m.role,
            "person_id": f"person/{m.person.slug}",
            "organization_id": f"organization/{m.organization.slug}",
            "post_id": post_id,
            "sources": [
                _page(request, m.person, "Newsroom profile"),
                *about_memberships.get(m.pk, []),
            ],
        }
        if m.start_date:
            row["start_date"] = iso_partial_date(m.start_date, m.start_precision)
        if m.end_date:
            row["end_date"] = iso_partial_date(m.end_date, m.end_precision)
        rows.append(row)
    return {
        "persons": [_person(request, p, about_people.get(p.pk, [])) for p in people],
        "organizations": [
            _organization(request, o, about_orgs.get(o.pk, [])) for o in organizations
        ],
        "posts": list(posts.values()),
        "memberships": rows,
    }
