"""Styles live in static stylesheets, and the public one uses its tokens.

No template may carry a ``<style>`` element or a ``style=`` attribute: a Content-Security-Policy
without 'unsafe-inline' would drop them and leave the page unstyled. Admin stylesheets reach
their pages through ``Media``, so a page whose admin forgets it loses its styles. The public
stylesheet defines every colour, space, type size and radius once in ``:root``; a literal copy
of a token's value elsewhere is a colour (or size) that will drift from the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.urls import reverse
from reversion.models import Version

from newsroom.models import Article, Claim
from profiles.models import Person

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
ADMIN_CSS = Path(settings.BASE_DIR) / "static" / "css" / "admin"

COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\([^)]*\)")
# Properties whose values must come from the space, type and radius scales.
SCALED = {
    "space": re.compile(r"^(?:margin|padding)(?:-\w+)*$|^(?:row-|column-)?gap$|^(?:top|left)$"),
    "text": re.compile(r"^font-size$"),
    "radius": re.compile(r"^border(?:-\w+)*-radius$"),
}


def css_without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def split_root(text: str) -> tuple[dict[str, str], str]:
    """The ``:root`` custom properties, and the stylesheet without that block."""
    text = css_without_comments(text)
    match = re.search(r":root\s*\{(.*?)\}", text, flags=re.S)
    assert match, "the stylesheet defines its tokens in :root"
    tokens = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", match.group(1)))
    return {name: " ".join(value.split()) for name, value in tokens.items()}, (
        text[: match.start()] + text[match.end() :]
    )


def declarations(text: str):
    """(property, value) of every declaration outside ``:root``, at-rules included."""
    for block in re.findall(r"\{([^{}]*)\}", text):
        for declaration in block.split(";"):
            if ":" in declaration:
                prop, value = declaration.split(":", 1)
                yield prop.strip(), " ".join(value.split())


def normalized_colour(literal: str) -> str:
    literal = literal.lower().replace(" ", "")
    if re.fullmatch(r"#[0-9a-f]{3}", literal):
        literal = "#" + "".join(2 * ch for ch in literal[1:])
    return literal


# ---------------------------------------------------------------------------------------------
# Templates


def test_no_template_has_a_style_element_or_attribute():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(r"<style[\s>]", line, flags=re.I) or re.search(
                r"\sstyle\s*=", line, flags=re.I
            ):
                offenders.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    assert offenders == [], "move these styles into a stylesheet:\n" + "\n".join(offenders)


def test_no_template_has_an_inline_script_or_event_handler():
    """script-src 'self' refuses them (tests/browser/test_csp.py); JSON data blocks are not
    script, so ``type="application/ld+json"`` and ``type="application/json"`` may stay."""
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for number, line in enumerate(text.splitlines(), start=1):
            for tag in re.findall(r"<script\b[^>]*>", line, flags=re.I):
                if "src=" not in tag and not re.search(r'type="application/(?:ld\+)?json"', tag):
                    offenders.append(f"{path.relative_to(TEMPLATES)}:{number}: {tag}")
            if re.search(r"\son[a-z]+\s*=|javascript:", line, flags=re.I):
                offenders.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    assert offenders == [], "move these scripts into static files:\n" + "\n".join(offenders)


# ---------------------------------------------------------------------------------------------
# The public stylesheet


def test_public_stylesheet_writes_no_colour_outside_its_tokens():
    tokens, rest = split_root(SITE_CSS.read_text())
    token_colours = {
        normalized_colour(colour): name
        for name, value in tokens.items()
        for colour in COLOUR.findall(value)
    }
    assert "--accent" in tokens and token_colours, "the colours are tokens in :root"
    literals = [normalized_colour(colour) for colour in COLOUR.findall(rest)]
    copies = sorted({f"{c} (use var({token_colours[c]}))" for c in literals if c in token_colours})
    assert copies == [], "colour literals that copy a token:\n" + "\n".join(copies)
    assert literals == [], f"colours to add to the tokens in :root: {sorted(set(literals))}"


@pytest.mark.parametrize("scale", sorted(SCALED))
def test_public_stylesheet_uses_its_scales_instead_of_their_values(scale):
    tokens, rest = split_root(SITE_CSS.read_text())
    by_value = {value: name for name, value in tokens.items() if name.startswith(f"--{scale}")}
    assert by_value, f"the stylesheet defines a --{scale}-… scale"
    copies = sorted(
        {
            f"{prop}: {value} (use var({by_value[part]}))"
            for prop, value in declarations(rest)
            if SCALED[scale].match(prop)
            for part in value.split()
            if part in by_value
        }
    )
    assert copies == [], f"values the --{scale} scale defines, written out:\n" + "\n".join(copies)


def test_every_token_the_public_stylesheet_uses_is_defined():
    tokens, rest = split_root(SITE_CSS.read_text())
    used = set(re.findall(r"var\((--[\w-]+)", rest)) | {
        name for value in tokens.values() for name in re.findall(r"var\((--[\w-]+)", value)
    }
    assert sorted(used - set(tokens)) == []


# ---------------------------------------------------------------------------------------------
# Admin stylesheets


def test_admin_stylesheets_take_their_colours_from_the_admin_tokens():
    tokens, _ = split_root((ADMIN_CSS / "tokens.css").read_text())
    defined = {normalized_colour(c) for value in tokens.values() for c in COLOUR.findall(value)}
    for path in sorted(ADMIN_CSS.glob("*.css")):
        if path.name == "tokens.css":
            continue
        text = css_without_comments(path.read_text())
        # A fallback inside var(--django-variable, #colour) is Django's colour, not a copy.
        text = re.sub(r"var\(--[\w-]+,\s*[^)]*\)", "", text)
        assert "<style" not in text
        copies = {normalized_colour(c) for c in COLOUR.findall(text)} & defined
        assert copies == set(), f"{path.name} copies admin tokens: {sorted(copies)}"


@pytest.mark.parametrize(
    "model, stylesheet",
    [
        (Claim, "css/admin/review.css"),
        (Article, "css/admin/publishing.css"),
        (Claim, "css/admin/history.css"),
        (Article, "css/admin/history.css"),
        (Person, "css/admin/history.css"),
    ],
)
def test_each_admin_loads_its_stylesheets_through_media(model, stylesheet):
    media = admin.site._registry[model].media
    assert stylesheet in media._css["all"]
    assert finders.find(stylesheet), f"{stylesheet} is missing from static/"


@pytest.mark.django_db
def test_the_custom_history_pages_link_the_history_stylesheet(admin_client):
    with reversion.create_revision():
        person = Person.objects.create(given_name="Ada", family_name="Ng", slug="ada-ng")
    with reversion.create_revision():
        person.full_name = "Ada Ng"
        person.save()
    newest = Version.objects.get_for_object(person).first()
    pages = {
        "recent changes": reverse("admin_recent_changes"),
        "versions": reverse("admin:profiles_person_history", args=[person.pk]),
        "compare": reverse("admin:profiles_person_history_compare", args=[person.pk])
        + f"?new={newest.pk}",
    }
    for name, url in pages.items():
        html = admin_client.get(url).content.decode()
        assert "css/admin/history.css" in html, f"the {name} page is unstyled"
        assert "css/admin/tokens.css" in html, f"the {name} page has no admin colours"
