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


def record_move(
    obj, *, actor: AbstractBaseUser | None, comment: str, note: str, audit_model, **audit_fields
) -> None:
    """Save a revision of ``obj`` whose comment is ``comment`` then ``note``, with the move's
    audit row (``audit_model(revision=…, actor=…, note=…, **audit_fields)``) as the revision's
    meta, so the audit row exists exactly when its revision does and points at it. Joins an
    open revision, whose meta it then is."""
    with reversion.create_revision():
        if actor is not None:
            reversion.set_user(actor)
        reversion.set_comment(" ".join(part for part in (comment, note) if part))
        reversion.add_to_revision(obj)
        reversion.add_meta(audit_model, actor=actor, note=note, **audit_fields)
