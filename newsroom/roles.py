"""The newsroom's roles as Django groups, with exactly the permissions DESIGN.md gives them.

``ensure_roles()`` is idempotent: it runs after every ``migrate`` and from ``setup_roles``, and
it resets each group to this table, so a permission granted by hand is taken back.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITOR = "editor"
WRITER = "writer"
FACT_CHECKER = "fact-checker"

# The editorial apps; every model in them is viewable by every role.
EDITORIAL_APPS = ("profiles", "events", "newsroom")

# The audit trail is written by the workflow, never by hand, even by an editor (merges too:
# only the merge action makes and undoes them).
READ_ONLY_MODELS = {"reviewevent", "articleevent", "profilemerge"}

ROLE_GRANTS: dict[str, dict[str, tuple[str, ...]]] = {
    # codename prefix ("add", "change", "delete") → model names; "*" = every editorial model
    EDITOR: {
        "add": ("*",),
        "change": ("*",),
        "delete": ("*",),
        "custom": ("review_claim", "publish_article", "override_publish_gate"),
    },
    WRITER: {
        "add": ("article", "claim", "citation", "source", "image", "tag", "sourceimport"),
        "change": (
            "article",
            "claim",
            "citation",
            "source",
            "image",
            "tag",
            "sourceimport",
            "importcandidate",
        ),
        "delete": ("citation",),
        "custom": (),
    },
    FACT_CHECKER: {
        "add": ("citation", "source"),
        "change": ("claim", "citation", "source"),
        "delete": ("citation",),
        "custom": ("review_claim",),
    },
}


# Sign-in throttling (django-axes): editors see failed and locked-out sign-ins, and unlock a
# username + address pair by deleting its access attempt. Nobody edits the logs.
LOGIN_GRANTS: dict[str, tuple[str, ...]] = {
    EDITOR: (
        "view_accessattempt",
        "delete_accessattempt",
        "view_accesslog",
        "view_accessfailurelog",
    ),
}


def lands_on_review_queue(user) -> bool:
    """A fact-checker (and not an editor, whose work starts from the admin's index): the
    review queue is where their admin opens."""
    roles = {group.name for group in user.groups.all()} if user.is_authenticated else set()
    return FACT_CHECKER in roles and EDITOR not in roles


def role_permissions(role: str) -> list[Permission]:
    """The permissions ``role`` should have, read from the permission table."""
    grants = ROLE_GRANTS[role]
    wanted = Q(codename__startswith="view_")
    for action in ("add", "change", "delete"):
        models = grants[action]
        if "*" in models:
            wanted |= Q(codename__startswith=f"{action}_") & ~Q(
                content_type__model__in=READ_ONLY_MODELS
            )
        else:
            wanted |= Q(codename__in=[f"{action}_{model}" for model in models])
    wanted |= Q(codename__in=grants["custom"])
    logins = Q(content_type__app_label="axes", codename__in=LOGIN_GRANTS.get(role, ()))
    return list(
        Permission.objects.filter(
            (Q(content_type__app_label__in=EDITORIAL_APPS) & wanted) | logins
        ).select_related("content_type")
    )


def ensure_roles() -> dict[str, Group]:
    """Create or reset the three role groups; safe to call any number of times."""
    groups = {}
    for role in ROLE_GRANTS:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))
        groups[role] = group
    return groups


def ensure_roles_after_migrate(*, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: keep the groups in step once permissions exist."""
    if Permission.objects.using(using).filter(content_type__app_label="newsroom").exists():
        ensure_roles()
