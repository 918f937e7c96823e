"""Dates known only to a year, a month or a day.

Biographies rarely know everything to the day: Cai Qi became mayor of Hangzhou "in 2007" and
director of the General Office "in late 2022". We store such a date as an ordinary ``DateField``
holding the first day of the period, plus a precision, and show it only as precisely as it is
known ("2007", "Oct 2022", "31 Aug 2025"). Events and claims reuse this, so it lives in the
lowest app.
"""

from __future__ import annotations

import datetime as dt

from django.db import models


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"
    # Only events use MINUTE: a meeting "at 15:30 local time".
    MINUTE = "minute", "Time of day"


DATE_ONLY_PRECISIONS = [c for c in DatePrecision.choices if c[0] != DatePrecision.MINUTE]


def truncate_date(value: dt.date, precision: str) -> dt.date:
    """Return ``value`` moved to the first day of its period, so equal facts compare equal."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def period_bounds(value: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the period ``value`` stands for: all of 2010 for "2010", all
    of October 2022 for "Oct 2022", the day itself at day precision."""
    first = truncate_date(value, precision)
    if precision == DatePrecision.YEAR:
        return first, first.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    return first, first


def format_partial_date(value: dt.date | dt.datetime | None, precision: str) -> str:
    """Render ``value`` no more precisely than it is known: "2017", "Oct 2022", "31 Aug 2025"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return f"{value:%b} {value.year}"
    if precision == DatePrecision.MINUTE and isinstance(value, dt.datetime):
        return f"{value.day} {value:%b} {value.year}, {value:%H:%M}"
    return f"{value.day} {value:%b} {value.year}"


def iso_partial_date(value: dt.date | dt.datetime | None, precision: str) -> str:
    """ISO 8601 no more precise than known: "2017", "2024-10", "2025-09-01", or for a time of
    day "2025-08-31T18:30:00+08:00" (pass an aware datetime in the place's time zone). A
    day-precision datetime gives its date: midnight would be a time nobody knows."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    if precision == DatePrecision.MINUTE and isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()


def format_partial_range(
    start: dt.date | None, start_precision: str, end: dt.date | None, end_precision: str
) -> str:
    """Render a span such as "Oct 2016 – May 2017" or "since 23 Oct 2022"."""
    first = format_partial_date(start, start_precision)
    last = format_partial_date(end, end_precision)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"since {first}"
    if last:
        return f"until {last}"
    return ""
