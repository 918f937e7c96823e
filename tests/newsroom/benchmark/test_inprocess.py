"""``make bench``'s in-process half on the demo (no gunicorn, wrk or nginx): every page it
names answers 200 and every row of the table gets its figures, so the bench cannot rot
between the runs CI makes of it. Times are printed, never asserted."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from reversion.models import Version

from newsroom.benchmark import inprocess, report
from profiles.models import Person


@pytest.fixture
def demo(db):
    call_command("load_demo", "--force", verbosity=0)


def row_cells(table: str, row: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith(f"{row} "))
    return line[len(row) :].split()


def test_the_in_process_bench_fills_every_in_process_row(demo):
    person = Person.objects.get(slug="cai-qi")
    before = Version.objects.get_for_object(person).count()

    figures = inprocess.measure(runs=2, history_revisions=3)
    table = report.render("bench", figures)

    assert Version.objects.get_for_object(person).count() == before + 3
    assert f"{before + 3:,} revisions" in figures["history page"]["note"]
    measured = report.IN_PROCESS + report.ADMIN + report.SEARCH + ["history page"]
    for row in measured:
        queries, p50, p95 = row_cells(table, row)[:3]
        assert queries.isdigit() and float(p50) > 0 and float(p95) >= float(p50), row
    revision_bytes = row_cells(table, "bytes per article revision")
    assert revision_bytes[:6] == ["—"] * 6 and revision_bytes[6].replace(",", "").isdigit()
    # The served rows are the command's (gunicorn + wrk): here they are listed, unmeasured.
    for row in report.SERVED:
        assert row_cells(table, row) == ["—"] * 7 + ["not", "measured"]


def test_a_page_that_does_not_answer_200_stops_the_bench(demo, client):
    with pytest.raises(AssertionError, match="/people/nobody/"):
        inprocess.time_page(client, "/people/nobody/", runs=1)
