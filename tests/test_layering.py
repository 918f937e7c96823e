"""Profile and event templates never reach into newsroom (dependencies run profiles ← events ←
newsroom); the pages that add claims and articles are newsroom's templates extending them.

import-linter checks the Python side (`lint-imports`, run by `make test`); this checks the
templates, which it cannot see.
"""

from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
NEWSROOM_LIBRARIES = {
    path.stem
    for path in (ROOT / "newsroom" / "templatetags").glob("*.py")
    if path.stem != "__init__"
}
# Templates of an app live in the project's templates/<app>/ (and would in <app>/templates/).
LOWER_APPS = ("profiles", "events")


def newsroom_uses(source: str) -> list[str]:
    """The tags in a template that load one of newsroom's tag libraries, or include, extend
    or embed one of newsroom's templates."""
    found = []
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        name, *args = token.split_contents()
        if name == "load":
            libraries = args[args.index("from") + 1 :] if "from" in args else args
            if NEWSROOM_LIBRARIES.intersection(libraries):
                found.append(token.contents)
        elif (
            name in ("include", "extends") and args and args[0].strip("\"'").startswith("newsroom/")
        ):
            found.append(token.contents)
    return found


def lower_app_templates() -> list[Path]:
    return sorted(
        path
        for app in LOWER_APPS
        for folder in (ROOT / "templates" / app, ROOT / app / "templates")
        for path in folder.rglob("*")
        if path.is_file()
    )


def test_newsroom_has_the_public_site_library_this_test_looks_for():
    assert "public_site" in NEWSROOM_LIBRARIES


@pytest.mark.parametrize(
    "source",
    [
        "{% extends 'base.html' %}{% load public_site %}",
        "{% load tz public_site %}",
        "{% load markdown from public_site %}",
        '{% include "newsroom/partials/claim_card.html" %}',
        '{% extends "newsroom/article_detail.html" %}',
    ],
)
def test_a_template_reaching_into_newsroom_is_caught(source):
    assert newsroom_uses(source)


def test_shared_partials_and_their_own_partials_are_allowed():
    source = (
        '{% extends "base.html" %}{% load tz %}{% include "partials/head_meta.html" %}'
        '{% include "events/partials/event_item.html" %}{# {% load public_site %} #}'
    )
    assert newsroom_uses(source) == []


def test_profile_and_event_templates_do_not_use_newsroom_tags_or_templates():
    templates = lower_app_templates()
    assert len(templates) >= 7  # person/organization list and detail, card, event list/detail…
    offending = {
        str(path.relative_to(ROOT)): uses
        for path in templates
        if (uses := newsroom_uses(path.read_text()))
    }
    assert offending == {}
