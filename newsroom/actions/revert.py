"""Reverting a record to one of its stored versions, as an edit like any other.

django-reversion's own revert saves a deserialised copy of the old version, in which every
field the version leaves out (status, verdict, publication times) holds its default. The
receivers in ``newsroom.receivers`` keep those fields whatever path reverts; this action adds
what a revert is in the workflow: the permission check, the audit row, a revision whose
comment says what was restored and why, and — for an approved, scheduled or live article — a
draft instead of a change readers would see.
"""

from __future__ import annotations

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from newsroom.actions.articles import (
    _record_article_move,
    article_as_in,
    content_fields,
    save_article_draft,
    sync_article_references,
)
from newsroom.actions.claims import revert_claim
from newsroom.actions.context import editing
from newsroom.actions.merges import merge_of_revision, undo_merge
from newsroom.exceptions import WorkflowError
from newsroom.models import Article, Claim


def _describe(version: Version, reason: str) -> str:
    """The revision comment: which version was restored, and why."""
    model = version.content_type.model_class()
    number = (
        Version.objects.get_for_object_reference(model, version.object_id)
        .filter(pk__lte=version.pk)
        .count()
    )
    when = date_format(timezone.localtime(version.revision.date_created), "j M Y, H:i")
    user = version.revision.user
    who = (user.get_full_name() or user.get_username()) if user else "an unknown user"
    restored = f"Reverted to version #{number} of {when} by {who}"
    return f"{restored}: {reason.strip()}" if reason.strip() else f"{restored}."


def revert_to_version(*, version: Version, actor: AbstractBaseUser, reason: str = "") -> Model:
    """Restore the record ``version`` belongs to as that version holds it; return the record.

    - a claim keeps its workflow fields; if its content now differs from what was rated it is
      reopened, and the reverting user counts as having edited its evidence (four-eyes);
    - an approved, scheduled or live article gets the old content as a draft for an editor to
      publish; any other article is reverted in place with an ArticleEvent saying so;
    - any other record is reverted with its followed rows (memberships, participants);
    - the revision of a profile merge (of any record in it) undoes the merge
      (``merges.undo_merge``).

    Raises ``WorkflowError`` when ``actor`` may not change the record.
    """
    model = version.content_type.model_class()
    opts = model._meta
    merge = merge_of_revision(version.revision_id)
    if merge is not None:
        # The merge's own revision: reverting it undoes the merge, whichever record it is of.
        undo_merge(merge=merge, actor=actor, reason=reason)
        return model._default_manager.get(pk=version.object_id)
    if not actor.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise WorkflowError(f"You do not have permission to change {opts.verbose_name_plural}.")
    if model is Claim:
        return revert_claim(version=version, actor=actor, reason=_describe(version, reason))
    if model is Article:
        return _revert_article(version=version, actor=actor, reason=reason)
    with editing(actor=actor), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(_describe(version, reason))
        version.revision.revert(delete=True)
        obj = model._default_manager.get(pk=version.object_id)
        reversion.add_to_revision(obj)
    return obj


@transaction.atomic
def _revert_article(*, version: Version, actor: AbstractBaseUser, reason: str) -> Article:
    article = Article.objects.select_for_update().get(pk=version.object_id)
    comment = _describe(version, reason)
    if article.is_frozen:
        old = article_as_in(version)
        m2m = {
            field.name: list(
                field.related_model._default_manager.filter(pk__in=old.draft_m2m[field.name])
            )
            for field in content_fields()
            if field.many_to_many
        }
        save_article_draft(article=old, actor=actor, m2m=m2m, comment=f"Draft: {comment}")
        return Article.objects.get(pk=article.pk)
    with editing(actor=actor):
        version.revert()
        article = Article.objects.get(pk=article.pk)
        sync_article_references(article=article)
        _record_article_move(
            article,
            actor=actor,
            from_status=article.status,
            note=reason.strip(),
            comment=comment,
        )
    return article
