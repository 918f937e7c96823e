"""Who is acting, and which rule checks wait for the end of an edit.

The rules in ``newsroom.actions`` react to saves whatever made them (``newsroom.receivers``
connects them to the models' signals), so they need to know who acted even when the caller is
the admin's form machinery or django-reversion's revert. ``editing(actor=...)`` says so for a
block of code and, because one edit often saves a claim, its subjects and several citations one
after another, collects the claims it touched and checks each once, at the end of the block and
inside its transaction, so a reopening describes the whole edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction


@dataclass
class _Edit:
    actor: AbstractBaseUser | None
    claim_ids: dict[int, None] = field(default_factory=dict)
    # Claims the edit reopened, for the caller to tell the user.
    reopened: list = field(default_factory=list)


_edit: ContextVar[_Edit | None] = ContextVar("newsroom_edit", default=None)
_applying_article: ContextVar[bool] = ContextVar("newsroom_applying_article", default=False)


@contextmanager
def editing(*, actor: AbstractBaseUser | None) -> Iterator[_Edit]:
    """Run the block as one edit by ``actor``, in one transaction, checking claims at its end.

    Nested blocks join the outermost one. The checks run before the transaction commits, so a
    claim whose rated content changed is reopened in the same transaction as the change.
    """
    if _edit.get() is not None:
        yield _edit.get()
        return
    edit = _Edit(actor if actor is not None and actor.is_authenticated else None)
    token = _edit.set(edit)
    try:
        with transaction.atomic():
            yield edit
            # Imported here: claims.py imports this module.
            from newsroom.actions.claims import check_claim_content

            while edit.claim_ids:
                claim_id = next(iter(edit.claim_ids))
                check_claim_content(claim_id=claim_id, actor=edit.actor)
                edit.claim_ids.pop(claim_id, None)
    finally:
        _edit.reset(token)


def current_actor() -> AbstractBaseUser | None:
    """Who is acting: the open ``editing`` block's actor, else the open revision's user."""
    edit = _edit.get()
    if edit is not None:
        return edit.actor
    if reversion.is_active():
        return reversion.get_user()
    return None


def note_reopened(claim) -> None:
    """Remember that the open edit reopened ``claim`` (nothing happens outside an edit)."""
    edit = _edit.get()
    if edit is not None:
        edit.reopened.append(claim)


def defer_claim_check(claim_id: int) -> bool:
    """Queue ``claim_id`` for the end of the open edit; False when no edit is open."""
    edit = _edit.get()
    if edit is None:
        return False
    edit.claim_ids[claim_id] = None
    return True


@contextmanager
def applying_article_changes() -> Iterator[None]:
    """Allow the block to change the row of an approved, scheduled or live article.

    Only the publishing actions open it: everywhere else such a row is read-only and edits go
    to a draft revision.
    """
    token = _applying_article.set(True)
    try:
        yield
    finally:
        _applying_article.reset(token)


def may_change_frozen_article() -> bool:
    return _applying_article.get()
