"""``newsroom.demo.clock``: a step's writes get its moment; nothing else moves."""

import datetime as dt

import pytest
import reversion
from reversion.models import Version

from newsroom.demo.clock import DemoClock
from newsroom.models import Source

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2025, 8, 31, 17, 0, tzinfo=dt.UTC)


def make_source(title: str) -> Source:
    with reversion.create_revision():
        source = Source.objects.create(title=title, kind="news_report")
    return source


def test_what_a_step_writes_gets_its_moment_and_the_rest_keeps_its_time():
    before = make_source("Saved before the load")
    clock = DemoClock()
    with clock.at(MOMENT):
        inside = make_source("Saved in the step")
    after = make_source("Saved after the step")

    clock.restamp()

    for source in (before, inside, after):
        source.refresh_from_db()
    assert inside.created_at == MOMENT
    assert before.created_at != MOMENT and after.created_at != MOMENT
    version = Version.objects.get_for_object(inside).select_related("revision").get()
    assert version.revision.date_created == MOMENT
    assert version.field_dict["created_at"] == MOMENT
    assert Version.objects.get_for_object(after).get().revision.date_created != MOMENT


def test_a_disabled_clock_dates_nothing():
    clock = DemoClock(enabled=False)
    with clock.at(MOMENT):
        source = make_source("A repair made today")
    clock.restamp()
    source.refresh_from_db()
    assert source.created_at != MOMENT


def test_steps_do_not_nest():
    clock = DemoClock()
    with clock.at(MOMENT), pytest.raises(RuntimeError), clock.at(MOMENT):
        pass
