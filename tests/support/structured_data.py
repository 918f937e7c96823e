"""Checks for a page's JSON-LD as machine readers see it: extracted from the HTML by extruct,
expanded by pyld against a local copy of the schema.org context (never the network), and the
fields Google requires of ClaimReview and NewsArticle.

``vendor/schemaorg-context.jsonld`` is our own reduced schema.org context: the types and
properties our pages use, each a schema.org term (https://schema.org/docs/full.html), with the
properties whose values are addresses typed ``@id`` as schema.org's own context types them. It
has no ``@vocab``, unlike schema.org's, so a term our pages misspell or invent is dropped by
expansion — which ``expand`` reports as an error instead of passing it silently. Add a term
here only after checking it is schema.org's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import extruct
from pyld import jsonld

CONTEXT_FILE = Path(__file__).parent / "vendor" / "schemaorg-context.jsonld"
SCHEMA = "http://schema.org/"
SCHEMA_CONTEXT_URLS = {"https://schema.org", "https://schema.org/", SCHEMA, SCHEMA.rstrip("/")}
ISO_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")


def load_document(url: str, options: dict | None = None) -> dict[str, Any]:
    """pyld's document loader: the vendored schema.org context, and nothing else."""
    if url not in SCHEMA_CONTEXT_URLS:
        raise AssertionError(f"JSON-LD asked for a context other than schema.org's: {url}")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(CONTEXT_FILE.read_text()),
    }


OPTIONS = {"documentLoader": load_document}


def extract(html: str | bytes, base_url: str = "http://testserver/") -> list[dict[str, Any]]:
    """Every JSON-LD block as extruct reads it from the page's HTML."""
    text = html.decode() if isinstance(html, bytes) else html
    return extruct.extract(text, base_url=base_url, syntaxes=["json-ld"], uniform=False)["json-ld"]


def _flatten_singletons(value: Any) -> Any:
    if isinstance(value, list):
        items = [_flatten_singletons(item) for item in value]
        return items[0] if len(items) == 1 else items
    if isinstance(value, dict):
        return {key: _flatten_singletons(item) for key, item in value.items()}
    return value


def expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The block expanded against schema.org's context; fails if expansion lost anything.

    Expansion drops a term the context does not define, silently. Compacting the expansion back
    with the same context and comparing with the original (lists of one as their item, the way
    compaction writes them) shows any such loss.
    """
    expanded = jsonld.expand(data, OPTIONS)
    assert expanded, f"nothing survived expansion: {data}"
    compacted = jsonld.compact(expanded, {"@context": data["@context"]}, OPTIONS)
    compacted.pop("@context", None)
    original = {key: value for key, value in data.items() if key != "@context"}
    compacted, original = _flatten_singletons(compacted), _flatten_singletons(original)
    assert compacted == original, (
        "expansion dropped or changed terms (not schema.org's, or misspelt): "
        f"{original} became {compacted}"
    )
    for predicate in _predicates(expanded):
        assert predicate.startswith(SCHEMA), predicate
    return expanded


def _predicates(value: Any):
    if isinstance(value, list):
        for item in value:
            yield from _predicates(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("@"):
                yield key
            yield from _predicates(item)


def page_blocks(content: bytes) -> list[dict[str, Any]]:
    """The page's JSON-LD, read by extruct, each block checked by ``expand``."""
    blocks = extract(content)
    assert blocks, "the page has no JSON-LD"
    for block in blocks:
        assert block.get("@context") == "https://schema.org"
        expand(block)
    return blocks


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def assert_image_object(image: dict[str, Any]) -> None:
    assert image["@type"] == "ImageObject"
    assert image["url"].startswith("http")
    assert isinstance(image["width"], int) and isinstance(image["height"], int)


def assert_google_claim_review(data: dict[str, Any]) -> None:
    """Google's required ClaimReview fields, and the ones we promise where known."""
    assert data["@type"] == "ClaimReview"
    assert data["url"].startswith("http")
    assert data["claimReviewed"].strip()
    assert ISO_PARTIAL_DATE.match(data["datePublished"])
    assert data["author"]["name"] and data["author"]["url"].startswith("http")
    rating = data["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"].strip()
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    else:
        assert "bestRating" not in rating and "worstRating" not in rating
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    works = [*_as_list(item.get("appearance", [])), *_as_list(item.get("firstAppearance", []))]
    for work in works:
        assert work["@type"] == "CreativeWork" and work["url"].startswith("http")
        if "datePublished" in work:
            assert ISO_PARTIAL_DATE.match(work["datePublished"])
    if "firstAppearance" in item:
        assert item["firstAppearance"] in _as_list(item["appearance"])


def assert_google_news_article(data: dict[str, Any]) -> None:
    """Google's NewsArticle fields: headline (≤ 110 characters), image, dates, author with a
    name, publisher with a name and a logo no larger than 600×60."""
    assert data["@type"] == "NewsArticle"
    assert data["headline"].strip() and len(data["headline"]) <= 110
    images = _as_list(data["image"])
    assert images
    for image in images:
        assert image["url"].startswith("http")
    assert ISO_DATETIME.match(data["datePublished"]) and ISO_DATETIME.match(data["dateModified"])
    for author in _as_list(data["author"]):
        assert author["@type"] in {"Person", "Organization", "NewsMediaOrganization"}
        assert author["name"].strip() and author["url"].startswith("http")
    publisher = data["publisher"]
    assert publisher["name"].strip()
    assert_image_object(publisher["logo"])
    assert publisher["logo"]["width"] <= 600 and publisher["logo"]["height"] <= 60
