"""Helpers every workflow shares."""

from __future__ import annotations

import reversion
from django.contrib.auth.models import AbstractBaseUser


def record_revision(obj, *, actor: AbstractBaseUser | None, comment: str) -> None:
    """Save a reversion revision of ``obj`` by ``actor`` with ``comment`` (joins an open one)."""
    with reversion.create_revision():
        if actor is not None:
            reversion.set_user(actor)
        reversion.set_comment(comment)
        reversion.add_to_revision(obj)
