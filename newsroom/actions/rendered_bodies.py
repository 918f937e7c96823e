"""Stored article bodies: when the HTML readers get is stale, and rendering it again.

An article's body, footnotes and "In this article" list are rendered once and stored
(``RenderedBody``). Anything they show can change: a cited claim (verdict, wording, status,
slug, claimant), its citations and their sources and publishers, a linked person, organization,
event or the event's place, a correction, the article itself. ``mark_bodies_stale`` marks the
stored HTML of every article showing the changed record stale, in the caller's transaction, so
no reader is served HTML older than a committed change; ``newsroom.receivers`` calls it for
every save and delete, and the workflow actions for their ``update()`` writes.

Stale HTML is rendered again by the next reader (``stored_body``) or by
``refresh_rendered_bodies(article_ids)``, which is safe to run any number of times, at any
moment (a task after the commit, a command). Both store a render only if no invalidation came
between reading the row and writing it (``generation``): a render that read a claim before a
reviewer's change committed cannot store itself over the stale mark. Since a stale row's
in-flight render may depend on a record not yet in any index, every invalidation bumps the
generation of every stale row too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from newsroom import tasks
from newsroom.article_body import (
    BodyInputs,
    BodyParts,
    body_sha256,
    load_body_inputs,
    load_body_inputs_of,
    render_body_parts,
)
from newsroom.models import Article, RenderedBody

# Articles whose render inputs ``refresh_rendered_bodies`` loads together.
REFRESH_BATCH = 200

# What ``articles_showing`` follows, per model label: the relations the render reads.
_SHOWN_THROUGH: dict[str, tuple[str, ...]] = {
    "newsroom.article": ("pk",),
    "newsroom.claim": ("claims",),
    "newsroom.source": ("claims__citations__source",),
    "profiles.person": ("related_people", "claims__claimant_person"),
    "profiles.organization": (
        "related_organizations",
        "claims__claimant_organization",
        "claims__citations__source__publisher",
    ),
    "events.event": ("related_events",),
    "events.place": ("related_events__place",),
}


def articles_showing(label: str, pks: Iterable[int]) -> QuerySet[Article]:
    """Articles whose stored HTML may show one of the ``label`` records ``pks``, shown or
    hidden: the relations the render reads, so a record becoming public counts too."""
    pks = [pk for pk in pks if pk is not None]
    paths = _SHOWN_THROUGH.get(label)
    if not pks or not paths:
        return Article.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(pk__in=Article.objects.filter(**{f"{path}__in": pks}).values("pk"))
    return Article.objects.filter(condition)


def mark_bodies_stale(*, label: str, pks: Iterable[int]) -> list[int]:
    """Mark stale the stored HTML of every article showing one of the ``label`` records
    ``pks`` (e.g. ``"newsroom.claim"``); return those articles' ids, for a task that renders
    them again after the commit (``refresh_rendered_bodies``).

    Runs in the caller's transaction: the change and the stale mark commit together. Bumps the
    generation of the rows marked and of every row already stale (see the module docstring).
    """
    articles = articles_showing(label, pks)
    ids = list(
        RenderedBody.objects.filter(article__in=articles, is_stale=False).values_list(
            "pk", flat=True
        )
    )
    RenderedBody.objects.filter(Q(article__in=articles) | Q(is_stale=True)).update(
        is_stale=True, generation=F("generation") + 1
    )
    if ids:
        # Rendered again by the worker once the change commits, so the next reader need not
        # wait for it; a reader who comes first renders it, and the task then finds it fresh.
        # robust: a queue that cannot be written loses only that head start, not the save.
        transaction.on_commit(lambda: tasks.refresh_article_bodies.enqueue(ids), robust=True)
    return ids


def ensure_rendered_body(*, article: Article) -> None:
    """Give a new article its (stale) row, so invalidations reach it before its first render."""
    RenderedBody.objects.get_or_create(article=article)


def _is_fresh(row: RenderedBody | None, article: Article) -> bool:
    return row is not None and not row.is_stale and row.body_sha256 == body_sha256(article.body)


def _apply(row: RenderedBody, parts: BodyParts) -> RenderedBody:
    row.body_html = parts.body_html
    row.footnotes_html = parts.footnotes_html
    row.related_html = parts.related_html
    row.body_sha256 = parts.body_sha256
    row.shown = parts.shown
    row.rendered_at = timezone.now()
    row.is_stale = False
    return row


def _render_and_store(
    article: Article, row: RenderedBody, inputs: BodyInputs | None = None
) -> RenderedBody:
    """Render ``article`` now; store it unless an invalidation came after ``row`` was read."""
    generation = row.generation
    _apply(row, render_body_parts(article, inputs or load_body_inputs(article)))
    RenderedBody.objects.filter(pk=article.pk, generation=generation).update(
        body_html=row.body_html,
        footnotes_html=row.footnotes_html,
        related_html=row.related_html,
        body_sha256=row.body_sha256,
        shown=row.shown,
        rendered_at=row.rendered_at,
        is_stale=False,
    )
    return row


def stored_body(article: Article) -> RenderedBody:
    """The article's body as readers get it: the stored HTML when fresh, else rendered now
    (and stored for the next reader). Load the article with ``select_related("rendered_body")``
    so a fresh body costs no query."""
    try:
        row = article.rendered_body
    except RenderedBody.DoesNotExist:
        row = None
    if _is_fresh(row, article):
        return row
    if row is None:
        # An article that missed its row (made outside the ORM): give it one, stale, and
        # leave storing to the next reader, whose render starts after the row exists.
        ensure_rendered_body(article=article)
        parts = render_body_parts(article, load_body_inputs(article))
        return _apply(RenderedBody(article=article), parts)
    return _render_and_store(article, row)


def refresh_rendered_bodies(article_ids: Iterable[int], *, batch: int = REFRESH_BATCH) -> int:
    """Render again the stale (or missing) stored bodies of ``article_ids``; return how many
    were rendered. Fresh ones are left alone and unknown ids skipped, so running it twice, or
    for ids that another refresh or a reader already rendered, does no harm.

    What the renders read is loaded ``batch`` articles at a time (``load_body_inputs_of``),
    so refreshing thousands of bodies (a claim cited everywhere, ``generate_scale_data``)
    costs a few queries per batch and one write per body, not five queries per body."""
    ids = list(dict.fromkeys(article_ids))
    done = 0
    for begin in range(0, len(ids), batch):
        stale = []
        articles = Article.objects.filter(pk__in=ids[begin : begin + batch]).select_related(
            "rendered_body"
        )
        for article in articles:
            try:
                row = article.rendered_body
            except RenderedBody.DoesNotExist:
                row, _ = RenderedBody.objects.get_or_create(article=article)
            if not _is_fresh(row, article):
                stale.append((article, row))
        if not stale:
            continue
        inputs = load_body_inputs_of(article for article, _ in stale)
        for article, row in stale:
            _render_and_store(article, row, inputs[article.pk])
            done += 1
    return done
