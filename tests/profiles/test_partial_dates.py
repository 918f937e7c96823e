"""Partial dates: shown, truncated and ranged only as precisely as they are known."""

import datetime as dt

import pytest

from profiles.partial_dates import format_partial_date, format_partial_range, truncate_date


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (dt.date(2017, 5, 27), "year", "2017"),
        (dt.date(2022, 10, 1), "month", "Oct 2022"),
        (dt.date(2025, 8, 31), "day", "31 Aug 2025"),
        (dt.date(2025, 9, 1), "day", "1 Sep 2025"),
        (dt.datetime(2025, 8, 31, 15, 30), "minute", "31 Aug 2025, 15:30"),
        (None, "day", ""),
    ],
)
def test_dates_render_only_as_precisely_as_known(value, precision, expected):
    assert format_partial_date(value, precision) == expected


def test_truncate_moves_a_date_to_the_start_of_its_period():
    assert truncate_date(dt.date(2022, 10, 23), "month") == dt.date(2022, 10, 1)
    assert truncate_date(dt.date(2022, 10, 23), "year") == dt.date(2022, 1, 1)
    assert truncate_date(dt.date(2022, 10, 23), "day") == dt.date(2022, 10, 23)


def test_ranges_read_naturally():
    assert (
        format_partial_range(dt.date(2007, 1, 1), "year", dt.date(2010, 1, 1), "year")
        == "2007 – 2010"
    )
    assert format_partial_range(dt.date(2022, 10, 23), "day", None, "day") == "since 23 Oct 2022"
    assert format_partial_range(None, "day", dt.date(2010, 1, 1), "year") == "until 2010"
    assert format_partial_range(None, "day", None, "day") == ""
