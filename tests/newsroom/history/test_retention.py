"""Planning a prune: keep-days and keep-last per record, and a plan that leaves alone a revision
an audit row came to point at after it was made."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from reversion.models import Revision, Version

from newsroom.history.retention import plan_prune, prune
from newsroom.models import ReviewEvent
from tests.support.factories import ClaimFactory, PersonFactory
from tests.support.revisions import age_everything, edit

pytestmark = pytest.mark.django_db


def test_age_rule_keeps_young_revisions_and_the_latest(editor):
    person = PersonFactory(is_published=False)
    edit(person, editor, summary="old")
    edit(person, editor, summary="older but latest")
    age_everything()
    edit(PersonFactory(is_published=False), editor, summary="young")
    call_command("prune_revisions", "--keep-days", "30")
    assert [v.field_dict["summary"] for v in Version.objects.get_for_object(person)] == [
        "older but latest"
    ]
    assert Version.objects.filter(object_repr__isnull=False).count() == 2


def test_prune_leaves_a_revision_an_audit_row_came_to_point_at_after_the_plan(writer):
    claim = ClaimFactory(created_by=writer)
    old = edit(claim, writer, statement="First wording.").revision
    edit(claim, writer, statement="Second wording.")
    age_everything()
    plan = plan_prune(keep_days=None, keep_last=1)
    assert plan.revisions == [old.pk]
    ReviewEvent.objects.create(
        claim=claim, actor=writer, from_status="submitted", to_status="draft", revision=old
    )
    assert prune(plan) == 0
    assert Revision.objects.filter(pk=old.pk).exists()
