"""The prune_revisions command: it refuses without a rule, and its dry run says what would go,
per record, and why the rest stays, deleting nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from newsroom import actions
from newsroom.models import ReviewEvent
from tests.support.content import rated_claim
from tests.support.factories import ClaimFactory, PersonFactory
from tests.support.revisions import age_everything, edit

pytestmark = pytest.mark.django_db


def test_dry_run_says_what_it_would_delete_and_deletes_nothing(editor, capsys):
    person = PersonFactory(is_published=False)  # never public: only keep-last keeps its versions
    for number in range(5):
        edit(person, editor, summary=f"take {number}")
    age_everything()
    call_command("prune_revisions", "--keep-last", "2", "--dry-run")
    assert "Would delete 3 revision(s)" in capsys.readouterr().out
    assert Version.objects.get_for_object(person).count() == 5
    call_command("prune_revisions", "--keep-last", "2")
    remaining = [v.field_dict["summary"] for v in Version.objects.get_for_object(person)]
    assert remaining == ["take 4", "take 3"]


def test_refuses_without_a_rule():
    with pytest.raises(CommandError, match="Say how much to keep"):
        call_command("prune_revisions")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_revisions", "--keep-last", "0")


def test_dry_run_lists_each_record_with_the_reasons_it_keeps_versions(
    writer, editor, fact_checker, capsys
):
    person = PersonFactory(is_published=False, full_name="Cai Qi")
    edit(person, editor, summary="Unpublished.")
    edit(person, editor, is_published=True, summary="Member of the Standing Committee.")
    edit(person, editor, summary="Fifth of seven.")
    audited = edit(person, editor, is_published=False, summary="Withdrawn.").revision
    ReviewEvent.objects.create(
        claim=ClaimFactory(), actor=editor, from_status="submitted", to_status="draft",
        revision=audited,
    )  # fmt: skip
    edit(person, editor, summary="Withdrawn, reworked.")
    claim = rated_claim(writer, fact_checker, "Cai Qi ranks fifth.")
    edit(claim, editor, statement="Cai Qi ranks fifth of seven.")  # reopens it
    actions.rate_claim(claim=claim, actor=fact_checker, verdict="accurate", rationale="Still so.")
    age_everything()
    before = Version.objects.count()

    call_command("prune_revisions", "--keep-last", "1", "--dry-run")
    out = capsys.readouterr().out
    assert Version.objects.count() == before
    # The person's unpublished first version goes; every claim version is kept, since each
    # workflow move's audit row points at its revision.
    assert "Would delete 1 revision(s) holding 1 version(s)." in out
    assert (
        f"profiles.person “Cai Qi” (id {person.pk}): delete 1, "
        "kept 4: newest 1, seen by readers 2, audit row 1\n"
    ) in out
    assert f"newsroom.claim “Cai Qi ranks fifth of seven.” (id {claim.pk}): delete 0" in out
    assert "Total: delete 1 version(s), kept 14: newest 3, seen by readers 4, audit row 7.\n" in out

    call_command("prune_revisions", "--keep-last", "1")
    done = capsys.readouterr().out
    assert done.replace("Deleting", "Would delete").startswith(out)
    assert done.endswith("Deleted 1 revision(s).\n")
    assert Version.objects.count() == before - 1
