"""Dates and times for machines, in HTML: every app's templates load it (profiles is the
lowest layer, and this knows nothing of any of them)."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def machine_time(value: dt.date | dt.datetime | None) -> str:
    """``value`` for a ``<time datetime>`` (or a meta tag): ISO 8601 to the second, with its
    ``+00:00`` offset. The HTML standard allows at most three fractional digits, and
    ``|date:"c"`` gives a saved timestamp's six. Like ``|date``, it shows aware times in the
    current time zone (or as they are, inside ``{% localtime off %}``)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""
