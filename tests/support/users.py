"""Staff users with a newsroom role, as the tests need them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsroom.roles import ensure_roles


def make_user(username: str, role: str | None = None):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.org", is_staff=True
    )
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


def role_users() -> dict:
    """One staff user per role, a staff user without one (``nobody``), and a claims' ``author``:
    a separate writer, so four-eyes never hides a role's own rights."""
    return {
        "author": make_user("author", "writer"),
        "editor": make_user("ed", "editor"),
        "writer": make_user("wr", "writer"),
        "fact-checker": make_user("fc", "fact-checker"),
        "nobody": make_user("staff-without-role"),
    }
