"""Mark the existing citations that are where their claim was made as appearances.

The rule, for what was stored before citations had a role: a citation is an appearance when
its claim is one somebody made (a quote or an attribution, with a claimant) and

- the source's publisher is the claimant organization (the MEA's statement for "according to
  the MEA …", the report whose own wording is checked), or
- the source's author is the claimant person (a briefing transcript credited to the speaker), or
- the claim quotes words (in “…” or "…" quotation marks) and the excerpt contains all of them.

Everything else stays evidence, the field's default: a report that retells someone's words is
evidence that they said them, not the place where they said them. Editors correct the rest in
the claim's form.

A verdict holds for the content it rated, and a citation's role is part of that content from
now on (``newsroom.actions.evidence.claim_content``): the stored ``rated_content`` and
``checked_content`` get each citation's role, so no reviewed claim is reopened by the new
field alone.

Only the historical models (``apps.get_model``) are used, nothing from ``newsroom.*``: the real
models' signal receivers must not run, or be imported, at migrate time.
"""

import re

from django.db import migrations

APPEARANCE, EVIDENCE = "appearance", "evidence"
MADE_BY_SOMEBODY = ("quote", "attribution")
QUOTED = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")


def _fold(text: str) -> str:
    return " ".join((text or "").replace("’", "'").split()).casefold()


def _is_appearance(citation) -> bool:
    claim, source = citation.claim, citation.source
    if claim.kind not in MADE_BY_SOMEBODY:
        return False
    if claim.claimant_organization_id and source.publisher_id == claim.claimant_organization_id:
        return True
    person = claim.claimant_person
    if person is not None and source.author and _fold(source.author) == _fold(person.full_name):
        return True
    quoted = [a or b for a, b in QUOTED.findall(claim.statement)]
    excerpt = _fold(citation.excerpt)
    return bool(quoted) and all(_fold(words) in excerpt for words in quoted)


def _with_roles(content, roles):
    """``content`` (a stored claim content, or None) with a role on each citation row."""
    if not isinstance(content, dict) or not isinstance(content.get("citations"), list):
        return content
    rows = []
    for row in content["citations"]:
        if isinstance(row, dict) and "role" not in row:
            key = (row.get("source"), row.get("excerpt"), row.get("locator"), row.get("stance"))
            row = {**row, "role": roles.get(key, EVIDENCE)}
        rows.append(row)
    return {**content, "citations": rows}


def mark_appearances(apps, schema_editor):
    Citation = apps.get_model("newsroom", "Citation")
    Claim = apps.get_model("newsroom", "Claim")
    citations = Citation.objects.filter(claim__kind__in=MADE_BY_SOMEBODY).select_related(
        "claim", "claim__claimant_person", "source"
    )
    appearances = [c.pk for c in citations.iterator(chunk_size=2000) if _is_appearance(c)]
    for start in range(0, len(appearances), 500):
        Citation.objects.filter(pk__in=appearances[start : start + 500]).update(role=APPEARANCE)

    roles_by_claim: dict[int, dict] = {}
    for claim_id, source_id, excerpt, locator, stance, role in Citation.objects.values_list(
        "claim_id", "source_id", "excerpt", "locator", "stance", "role"
    ).iterator(chunk_size=2000):
        roles_by_claim.setdefault(claim_id, {})[(source_id, excerpt, locator, stance)] = role
    stored = Claim.objects.exclude(rated_content__isnull=True, checked_content__isnull=True)
    for claim in stored.only("pk", "rated_content", "checked_content").iterator(chunk_size=500):
        roles = roles_by_claim.get(claim.pk, {})
        Claim.objects.filter(pk=claim.pk).update(
            rated_content=_with_roles(claim.rated_content, roles),
            checked_content=_with_roles(claim.checked_content, roles),
        )


def forget_roles(apps, schema_editor):
    """Back to 0014: the field stays until that migration is undone; drop it from stored
    content so the earlier code's comparisons match again."""
    Claim = apps.get_model("newsroom", "Claim")

    def without(content):
        if not isinstance(content, dict) or not isinstance(content.get("citations"), list):
            return content
        rows = [
            {k: v for k, v in row.items() if k != "role"} if isinstance(row, dict) else row
            for row in content["citations"]
        ]
        return {**content, "citations": rows}

    stored = Claim.objects.exclude(rated_content__isnull=True, checked_content__isnull=True)
    for claim in stored.only("pk", "rated_content", "checked_content").iterator(chunk_size=500):
        Claim.objects.filter(pk=claim.pk).update(
            rated_content=without(claim.rated_content),
            checked_content=without(claim.checked_content),
        )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0014_citation_role")]

    operations = [migrations.RunPython(mark_appearances, forget_roles)]
