"""An article's body as readers get it, rendered once and kept until something it shows changes."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import models
from django.utils.safestring import SafeString, mark_safe

from newsroom.models.articles import Article


class RenderedBody(models.Model):
    """The HTML of a live article's body, its claim footnotes and its "In this article" list.

    Rendering them costs more than the rest of the page (a query per kind of related row and
    hundreds of template nodes), and they change only when the article is published again or
    when something they show changes. ``newsroom.actions.rendered_bodies`` owns the rows: it
    marks them stale in the same transaction as such a change, and re-renders them on the next
    read or in ``refresh_rendered_bodies``. ``generation`` grows with every invalidation, so a
    render that read the data before a change cannot store itself over the stale mark.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="rendered_body"
    )
    body_html = models.TextField(blank=True)
    footnotes_html = models.TextField(blank=True)
    related_html = models.TextField(blank=True)
    # The body text the HTML was rendered from: a body changed by any path is never served
    # from HTML of the old one, even if that path skipped the signals.
    body_sha256 = models.CharField(max_length=64, blank=True)
    # [[model label, pk], …]: every record the render read (shown or hidden), for caches that
    # must drop the page when one of them changes.
    shown = models.JSONField(default=list, blank=True)
    is_stale = models.BooleanField(default=True)
    generation = models.PositiveBigIntegerField(default=0)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "rendered article body"
        indexes = [
            models.Index(
                fields=["is_stale"], condition=models.Q(is_stale=True), name="renderedbody_stale"
            )
        ]

    def __str__(self) -> str:
        return f"Rendered body of {self.article_id}{' (stale)' if self.is_stale else ''}"

    @property
    def dependencies(self) -> Iterator[tuple[str, int]]:
        """(model label, pk) of every record this HTML was rendered from, the article included."""
        yield ("newsroom.article", self.article_id)
        yield from (tuple(pair) for pair in self.shown)

    @property
    def body(self) -> SafeString:
        return mark_safe(self.body_html)  # noqa: S308 - sanitised by nh3 when rendered

    @property
    def footnotes(self) -> SafeString:
        return mark_safe(self.footnotes_html)  # noqa: S308 - autoescaped template output

    @property
    def related(self) -> SafeString:
        return mark_safe(self.related_html)  # noqa: S308 - autoescaped template output
