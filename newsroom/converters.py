"""Path converters for dated addresses: a year or a month that cannot exist is no match (404),
never a number the database is asked to compare with a date."""

from __future__ import annotations


class YearConverter:
    """A four-digit year, 0001–9999 (the years a date can hold)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if year < 1:
            raise ValueError(value)  # no match: the URL resolver answers 404
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    """A month, 1–12, written with two digits (``08``); one digit is accepted too."""

    regex = "[0-9]{1,2}"

    def to_python(self, value: str) -> int:
        month = int(value)
        if not 1 <= month <= 12:
            raise ValueError(value)
        return month

    def to_url(self, value) -> str:
        return f"{int(value):02d}"
