"""``manage.py merge_profiles``: the same merge and undo as the admin, refusals as errors."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsroom.models import ProfileMerge
from profiles.models import Organization, Person
from tests.support.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_merge_and_undo(editor):
    survivor = PersonFactory(slug="cai-qi")
    duplicate = PersonFactory(slug="cai-qi-2")
    MembershipFactory(person=duplicate)
    out = StringIO()

    call_command("merge_profiles", "cai-qi-2", "cai-qi", user="editor", stdout=out)

    assert "0 article(s) rewritten" in out.getvalue()
    assert Person.objects.get(pk=duplicate.pk).merged_into == survivor
    assert survivor.memberships.count() == 1
    merge = ProfileMerge.objects.get()
    call_command("merge_profiles", undo=merge.pk, user="editor", stdout=out)
    assert Person.objects.get(pk=duplicate.pk).merged_into is None
    assert duplicate.memberships.count() == 1


def test_organizations(editor):
    OrganizationFactory(slug="mea")
    OrganizationFactory(slug="mea-india")
    call_command(
        "merge_profiles", "mea-india", "mea", organizations=True, user="editor", stdout=StringIO()
    )
    assert Organization.objects.get(slug="mea-india").merged_into.slug == "mea"


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (["cai-qi", "cai-qi"], {"user": "editor"}, "cannot be merged into itself"),
        (["cai-qi", "nobody"], {"user": "editor"}, "No person has the slug “nobody”"),
        (["cai-qi", "li-qiang"], {"user": "writer"}, "Only editors"),
        (["cai-qi", "li-qiang"], {"user": "ghost"}, "No user is called “ghost”"),
        ([], {"user": "editor", "undo": 999}, "There is no merge with id 999"),
    ],
)
def test_refusals_are_errors(editor, writer, args, options, message):
    PersonFactory(slug="cai-qi")
    PersonFactory(slug="li-qiang")
    with pytest.raises(CommandError, match=message):
        call_command("merge_profiles", *args, **options, stdout=StringIO())
    assert not Person.objects.filter(merged_into__isnull=False).exists()
