"""The evidence behind a claim: citations checked against their sources' archived text, and
the claim's content as a verdict rates it.

``verify_citation`` finds an excerpt in its source's archived text (``newsroom.verification``)
and stores whether it was found; ``reverify_source_citations`` does it again for every citation
of a source whose text changed. ``claim_content`` is what a verdict holds for — wording, kind,
claimant, subjects and every citation with its source's text hash — and
``describe_content_changes`` says in words what differs between two of them, for the note of a
claim reopened because its rated content changed (``claims.check_claim_content``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from newsroom.actions.rendered_bodies import mark_bodies_stale
from newsroom.models import Citation, CitationRole, Claim
from newsroom.verification import find_excerpt


def verify_citation(*, citation: Citation, save: bool = True) -> Citation:
    """Check the excerpt against the source's archived text and store the result.

    ``excerpt_verified`` is None when the source has no archived text (nothing to check
    against), else whether the excerpt was found; when not found, ``closest_passage`` holds
    what the source says nearest to it. Pass ``save=False`` to only set the fields.
    """
    archived = citation.source.archived_text
    match = find_excerpt(citation.excerpt, archived) if archived else None
    citation.excerpt_verified = match.found if match else None
    citation.closest_passage = match.closest_passage if match and not match.found else ""
    if save and citation.pk:
        Citation.objects.filter(pk=citation.pk).update(
            excerpt_verified=citation.excerpt_verified, closest_passage=citation.closest_passage
        )
        # Footnotes say whether the excerpt was found; update() sends no signal.
        mark_bodies_stale(label="newsroom.claim", pks=[citation.claim_id])
    return citation


def reverify_source_citations(*, source) -> int:
    """Re-check every citation of ``source`` after its archived text changed; return how many.

    Their claims' content changed with the text (its hash is part of what was rated), so the
    caller's edit reopens any reviewed claim among them.
    """
    citations = list(source.citations.select_related("source"))
    for citation in citations:
        verify_citation(citation=citation, save=False)
    Citation.objects.bulk_update(citations, ["excerpt_verified", "closest_passage"])
    return len(citations)


# ---------------------------------------------------------------------------------------------
# What a verdict rates


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""


def claim_content(claim: Claim) -> dict[str, Any]:
    """What a verdict rates: the claim's wording, kind, claimant, subjects and citations
    (each with its stance and its role: where the claim was made, or evidence).

    Citations carry the hash of their source's archived text as it is now (computed, not the
    stored field, which only the admin's form keeps up to date). Two queries for the relations.
    """
    citations = sorted(
        (
            {
                "source": citation.source_id,
                "source_title": citation.source.title,
                "excerpt": citation.excerpt,
                "locator": citation.locator,
                "stance": citation.stance,
                "role": citation.role,
                "archived_sha256": _text_hash(citation.source.archived_text),
            }
            for citation in Citation.objects.filter(claim_id=claim.pk).select_related("source")
        ),
        key=_citation_key,
    )
    subjects = {
        "about_people": [],
        "about_organizations": [],
        "about_events": [],
        "about_memberships": [],
    }
    for name in subjects:
        through = Claim._meta.get_field(name).remote_field.through
        column = Claim._meta.get_field(name).m2m_reverse_field_name()
        subjects[name] = sorted(
            through.objects.filter(claim_id=claim.pk).values_list(f"{column}_id", flat=True)
        )
    return {
        "statement": claim.statement,
        "kind": claim.kind,
        "claimant_person": claim.claimant_person_id,
        "claimant_organization": claim.claimant_organization_id,
        **subjects,
        "citations": citations,
    }


_SUBJECT_LABELS = {
    "about_people": "people it is about",
    "about_organizations": "organizations it is about",
    "about_events": "events it is about",
    "about_memberships": "positions it is about",
}


def describe_content_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two ``claim_content`` results, in words for a review note."""
    changes = []
    if old.get("statement") != new.get("statement"):
        changes.append(
            f"the statement changed from “{old.get('statement')}” to “{new.get('statement')}”"
        )
    if old.get("kind") != new.get("kind"):
        changes.append(f"the kind changed from {old.get('kind')} to {new.get('kind')}")
    if (old.get("claimant_person"), old.get("claimant_organization")) != (
        new.get("claimant_person"),
        new.get("claimant_organization"),
    ):
        changes.append("the claimant changed")
    for name, label in _SUBJECT_LABELS.items():
        if old.get(name) != new.get(name):
            changes.append(f"the {label} changed")
    old_rows = {_citation_key(row): row for row in old.get("citations", [])}
    new_rows = {_citation_key(row): row for row in new.get("citations", [])}
    removed, added = old_rows.keys() - new_rows.keys(), new_rows.keys() - old_rows.keys()
    # A row that differs only in its role was re-marked, not removed and added.
    for key in sorted(k for k in removed if (*k[:4], _other_role(k[4])) in added):
        removed.discard(key)
        added.discard((*key[:4], _other_role(key[4])))
        role = CitationRole(new_rows[(*key[:4], _other_role(key[4]))]["role"]).label.lower()
        changes.append(f"a citation of “{old_rows[key]['source_title']}” is now marked “{role}”")
    for key in removed:
        changes.append(f"a citation of “{old_rows[key]['source_title']}” was removed or edited")
    for key in added:
        changes.append(f"a citation of “{new_rows[key]['source_title']}” was added or edited")
    for key in old_rows.keys() & new_rows.keys():
        if old_rows[key]["archived_sha256"] != new_rows[key]["archived_sha256"]:
            changes.append(f"the archived text of “{new_rows[key]['source_title']}” changed")
    return changes


def _other_role(role: str) -> str:
    appearance, evidence = CitationRole.APPEARANCE.value, CitationRole.EVIDENCE.value
    return evidence if role == appearance else appearance


def _citation_key(row: dict[str, Any]) -> tuple:
    # Content stored before citations had a role was given one by migration 0015; a row
    # without it reads as evidence, the field's default.
    role = row.get("role", "evidence")
    return (row["source"], row["excerpt"], row["locator"], row["stance"], role)


def rated_part(content: dict[str, Any]) -> dict[str, Any]:
    """``content`` less what a verdict does not rate (the slug ``checked_content`` adds)."""
    return {key: value for key, value in content.items() if key != "slug"}
