"""The three roles: created by migrate, kept to exactly their permissions by ensure_roles."""

import pytest
from django.contrib.auth.models import Group

from newsroom.roles import ensure_roles

pytestmark = pytest.mark.django_db


def test_roles_exist_after_migrate_and_setup_is_idempotent():
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert set(before) == {"editor", "writer", "fact-checker"}
    ensure_roles()
    ensure_roles()
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert before == after


def test_each_role_has_exactly_its_powers(editor, writer, fact_checker):
    assert editor.has_perms(
        ["newsroom.publish_article", "newsroom.review_claim", "profiles.delete_person"]
    )
    assert writer.has_perms(["newsroom.add_article", "newsroom.add_claim", "newsroom.add_source"])
    assert not writer.has_perm("newsroom.publish_article")
    assert not writer.has_perm("newsroom.review_claim")
    assert fact_checker.has_perm("newsroom.review_claim")
    assert not fact_checker.has_perm("newsroom.publish_article")
    assert not fact_checker.has_perm("newsroom.add_article")
    # Nobody edits the audit trail by hand.
    assert not editor.has_perm("newsroom.change_reviewevent")
    # Editors see sign-in attempts and unlock a locked-out pair; nobody edits the logs.
    assert editor.has_perms(["axes.view_accessattempt", "axes.delete_accessattempt"])
    assert not editor.has_perm("axes.change_accesslog")
    assert not writer.has_perm("axes.view_accessattempt")
    assert not fact_checker.has_perm("axes.delete_accessattempt")


def test_a_permission_granted_by_hand_is_taken_back(writer):
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="writer")
    group.permissions.add(Permission.objects.get(codename="publish_article"))
    ensure_roles()
    assert not group.permissions.filter(codename="publish_article").exists()
