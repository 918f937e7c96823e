"""Merging a duplicate person or organization into another, and undoing a merge.

A merge is an identity fix, not an edit of what was said: the duplicate and the survivor are
the same person (or body), so what pointed at one now points at the other —

- memberships, participations, claims (as claimant and as subject), and for an organization
  the sources it published, the events it organised and its sub-bodies, move to the survivor
  with ``update()`` (no claim is reopened: the claims' checked and rated content is translated
  to the survivor's id in the same step, so a verdict keeps standing);
- every article whose body or pending draft says ``[[person:duplicate-slug]]`` is rewritten to
  name the survivor, as a new revision by the editor who merged: in place for a draft, and
  through ``save_article_draft`` + ``publish_changes`` (the gate, the audit row, the page
  cache and the stored HTML) for an approved, scheduled or live one; a pending draft of a live
  article is kept, rewritten;
- the duplicate stays as a hidden row with ``merged_into`` set: its slug answers 301 with the
  survivor's address, and the merge can be undone.

One revision records the merge in both records' histories (and in each moved claim's, event's,
source's and participant's); its meta is the ``ProfileMerge`` row that says exactly what moved.
``undo_merge`` moves exactly those rows back. It refuses, and changes nothing, when a part can
no longer be undone exactly — an article rewritten by the merge has been edited since (its text
would be lost), the survivor was itself merged since, or moving a row back would give the
duplicate a second identical current position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Event, Participation
from newsroom.actions.articles import (
    _REFERENCE_FIELDS,
    content_fields,
    draft_of,
    publish_changes,
    save_article_draft,
    sync_article_references,
)
from newsroom.actions.context import editing
from newsroom.actions.rendered_bodies import mark_bodies_stale
from newsroom.exceptions import MergeRefused, WorkflowError
from newsroom.models import Article, Claim, Image, MergeKind, ProfileMerge, Source
from newsroom.references import REFERENCE_RE
from profiles.models import Membership, Organization, Person

# Merging rewrites and republishes articles, so only those who may publish may merge.
MERGE_PERMISSION = "newsroom.publish_article"


@dataclass(frozen=True)
class _Shape:
    """How a kind of profile is pointed at."""

    kind: str  # MergeKind
    reference: str  # the reference kind in article bodies
    model: type[models.Model]
    # (model, foreign key) pairs whose rows move to the survivor.
    foreign_keys: tuple[tuple[type[models.Model], str], ...]
    claimant_field: str
    subjects_field: str


_SHAPES = {
    Person: _Shape(
        kind=MergeKind.PERSON,
        reference="person",
        model=Person,
        foreign_keys=(
            (Membership, "person"),
            (Participation, "person"),
            (Claim, "claimant_person"),
        ),
        claimant_field="claimant_person",
        subjects_field="about_people",
    ),
    Organization: _Shape(
        kind=MergeKind.ORGANIZATION,
        reference="org",
        model=Organization,
        foreign_keys=(
            (Membership, "organization"),
            (Participation, "organization"),
            (Event, "organizer"),
            (Source, "publisher"),
            (Claim, "claimant_organization"),
            (Organization, "parent"),
        ),
        claimant_field="claimant_organization",
        subjects_field="about_organizations",
    ),
}


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


# ---------------------------------------------------------------------------------------------
# Checks


def merge_problem(*, duplicate, survivor, actor: AbstractBaseUser) -> str:
    """Why ``actor`` may not merge ``duplicate`` into ``survivor`` now, or "" if they may."""
    shape = _SHAPES.get(type(duplicate))
    if shape is None or type(survivor) is not type(duplicate):
        return (
            "A person can only be merged into another person, and an organization into another "
            "organization."
        )
    opts = shape.model._meta
    if not (
        actor.has_perm(MERGE_PERMISSION) and actor.has_perm(f"profiles.change_{opts.model_name}")
    ):
        return f"Only editors, who may publish, can merge {opts.verbose_name_plural}."
    if duplicate.pk == survivor.pk:
        return f"“{duplicate}” cannot be merged into itself."
    if duplicate.merged_into_id:
        return f"“{duplicate}” was already merged into another record."
    if survivor.merged_into_id:
        return f"“{survivor}” was itself merged into another record: merge into that one instead."
    if duplicate.is_published and not survivor.is_published:
        return (
            f"“{survivor}” is hidden from readers while “{duplicate}” is public: readers of "
            f"“{duplicate}” would be sent to a page they cannot see. Publish “{survivor}” "
            "first, or merge the other way round."
        )
    if shape.kind == MergeKind.ORGANIZATION and survivor.parent_id == duplicate.pk:
        return (
            f"“{survivor}” is a sub-body of “{duplicate}”: change its parent before merging, "
            "or it would become its own parent."
        )
    clashes = _clashes(shape, duplicate=duplicate, survivor=survivor)
    if clashes:
        return (
            "Both records hold the same current position, which a person can hold only once: "
            + "; ".join(clashes)
            + ". End or delete the duplicate's copy first."
        )
    return ""


def _clashes(shape: _Shape, *, duplicate, survivor) -> list[str]:
    """Current memberships (and participations) that would exist twice after the merge."""
    own, other = (
        ("person", "organization")
        if shape.kind == MergeKind.PERSON
        else (
            "organization",
            "person",
        )
    )
    current = Membership.objects.current().select_related("person", "organization")
    kept = set(current.filter(**{own: survivor}).values_list(f"{other}_id", "role"))
    clashes = [
        str(m)
        for m in current.filter(**{own: duplicate})
        if (getattr(m, f"{other}_id"), m.role) in kept
    ]
    if shape.kind == MergeKind.PERSON:
        taken = set(Participation.objects.filter(person=survivor).values_list("event_id", "role"))
        clashes += [
            str(p)
            for p in Participation.objects.filter(person=duplicate).select_related(
                "person", "event"
            )
            if (p.event_id, p.role) in taken
        ]
    return clashes


# ---------------------------------------------------------------------------------------------
# Merging


def merge_profiles(*, duplicate, survivor, actor: AbstractBaseUser, note: str = "") -> ProfileMerge:
    """Merge ``duplicate`` into ``survivor`` (two people or two organizations); return the merge.

    Runs in one transaction and locks both rows. Raises ``MergeRefused`` (nothing changed)
    when ``merge_problem`` names a reason, or when an article naming the duplicate cannot be
    republished through the gate.
    """
    _refuse_inside_revision()
    shape = _SHAPES.get(type(duplicate))
    with editing(actor=actor), transaction.atomic():
        if shape is not None and type(survivor) is type(duplicate):
            locked = {
                row.pk: row
                for row in shape.model.objects.select_for_update().filter(
                    pk__in=[duplicate.pk, survivor.pk]
                )
            }
            duplicate = locked.get(duplicate.pk, duplicate)
            survivor = locked.get(survivor.pk, survivor)
        problem = merge_problem(duplicate=duplicate, survivor=survivor, actor=actor)
        if problem:
            raise MergeRefused(problem)
        moved = _move(shape, old=duplicate, new=survivor)
        moved["was_published"] = duplicate.is_published
        duplicate.merged_into = survivor
        duplicate.is_published = False
        duplicate.save(update_fields=["merged_into", "is_published", "updated_at"])
        comment = f"Merged “{duplicate}” into “{survivor}”."
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(" ".join(part for part in (comment, note.strip()) if part))
            for obj in [duplicate, survivor, *_moved_objects(shape, moved)]:
                reversion.add_to_revision(obj)
            reversion.add_meta(
                ProfileMerge,
                kind=shape.kind,
                actor=actor,
                note=note.strip(),
                moved=moved,
                **_parties(shape, duplicate=duplicate, survivor=survivor),
            )
        merge = ProfileMerge.objects.filter(
            **_parties(shape, duplicate=duplicate, survivor=survivor)
        ).latest("pk")
        moved["articles"] = _rewrite_articles(
            shape,
            old=duplicate.slug,
            new=survivor.slug,
            actor=actor,
            comment=(
                f"The reference to “{duplicate}” now names “{survivor}”: the two profiles were "
                "merged."
            ),
        )
        ProfileMerge.objects.filter(pk=merge.pk).update(moved=moved)
        merge.moved = moved
        _mark_stale(shape, duplicate, survivor, moved)
    return merge


def _refuse_inside_revision() -> None:
    """A merge records revisions of its own (the merge's, each article's): opened inside
    another revision they would all join it, and the merge's meta would not exist yet."""
    if reversion.is_active():
        raise MergeRefused("A merge records its own revisions: run it outside an open revision.")


def _parties(shape: _Shape, *, duplicate, survivor) -> dict[str, Any]:
    suffix = "person" if shape.kind == MergeKind.PERSON else "organization"
    return {f"duplicate_{suffix}": duplicate, f"survivor_{suffix}": survivor}


def _key(model: type[models.Model], field: str) -> str:
    return f"{_label(model)}.{field}"


def _move(shape: _Shape, *, old, new) -> dict[str, Any]:
    """Point everything at ``new`` instead of ``old``; return what moved."""
    moved: dict[str, Any] = {"rows": {}, "subjects": {}, "portrait": None}
    for model, field in shape.foreign_keys:
        ids = list(model._base_manager.filter(**{field: old}).values_list("pk", flat=True))
        model._base_manager.filter(pk__in=ids).update(**{field: new})
        moved["rows"][_key(model, field)] = ids
    claimant_ids = moved["rows"][_key(Claim, shape.claimant_field)]
    through, column = _subjects_through(shape)
    subject_ids = list(
        through.objects.filter(**{column: old.pk}).values_list("claim_id", flat=True)
    )
    already = set(
        through.objects.filter(**{column: new.pk}, claim_id__in=subject_ids).values_list(
            "claim_id", flat=True
        )
    )
    through.objects.filter(**{column: old.pk}).delete()
    through.objects.bulk_create(
        [
            through(claim_id=claim_id, **{column: new.pk})
            for claim_id in subject_ids
            if claim_id not in already
        ]
    )
    moved["subjects"] = {str(claim_id): claim_id in already for claim_id in subject_ids}
    if shape.kind == MergeKind.PERSON and not Image.objects.filter(portrait_of=new).exists():
        portrait = Image.objects.filter(portrait_of=old).first()
        if portrait is not None:
            Image.objects.filter(pk=portrait.pk).update(portrait_of=new)
            moved["portrait"] = portrait.pk
    _translate_contents(
        shape, claimant_ids=claimant_ids, subjects=moved["subjects"], old=old.pk, new=new.pk
    )
    return moved


def _subjects_through(shape: _Shape) -> tuple[type[models.Model], str]:
    field = Claim._meta.get_field(shape.subjects_field)
    return field.remote_field.through, f"{field.m2m_reverse_field_name()}_id"


def _translate_contents(
    shape: _Shape,
    *,
    claimant_ids: list[int],
    subjects: dict[str, bool],
    old: int,
    new: int,
    restore: bool = False,
) -> None:
    """Rewrite the claims' checked and rated content the way their relations were rewritten,
    so the next check does not read the merge as a change of what was rated.

    ``subjects`` maps each claim id to whether the other record was already a subject (kept
    as it was when a merge is undone: ``restore``)."""
    ids = {*claimant_ids, *(int(key) for key in subjects)}
    for claim in Claim.objects.filter(pk__in=ids).only("pk", "checked_content", "rated_content"):
        updates = {}
        for name in ("checked_content", "rated_content"):
            content = getattr(claim, name)
            if not content:
                continue
            content = dict(content)
            if claim.pk in claimant_ids and content.get(shape.claimant_field) == old:
                content[shape.claimant_field] = new
            if str(claim.pk) in subjects and shape.subjects_field in content:
                listed = set(content[shape.subjects_field])
                if old in listed:
                    listed.discard(old)
                    listed.add(new)
                    if restore and subjects[str(claim.pk)]:
                        listed.add(old)
                content[shape.subjects_field] = sorted(listed)
            updates[name] = content
        if updates:
            Claim.objects.filter(pk=claim.pk).update(**updates)


def _moved_objects(shape: _Shape, moved: dict[str, Any]) -> list[models.Model]:
    """The moved rows that have a history of their own (memberships follow their person)."""
    objects: list[models.Model] = []
    for model, field in shape.foreign_keys:
        if model is Membership or not reversion.is_registered(model):
            continue
        objects += list(model._base_manager.filter(pk__in=moved["rows"][_key(model, field)]))
    subject_ids = [int(key) for key in moved["subjects"]]
    known = {obj.pk for obj in objects if isinstance(obj, Claim)}
    objects += list(Claim.objects.filter(pk__in=subject_ids).exclude(pk__in=known))
    return objects


def _mark_stale(shape: _Shape, duplicate, survivor, moved: dict[str, Any]) -> None:
    """The ``update()`` writes skip the receivers: mark the stored HTML they change stale."""
    mark_bodies_stale(label=_label(shape.model), pks=[duplicate.pk, survivor.pk])
    claim_ids = {
        *moved["rows"][_key(Claim, shape.claimant_field)],
        *(int(key) for key in moved["subjects"]),
    }
    if claim_ids:
        mark_bodies_stale(label="newsroom.claim", pks=claim_ids)


# ---------------------------------------------------------------------------------------------
# Article references


def rewrite_reference(body: str, *, kind: str, old: str, new: str) -> str:
    """``body`` with each ``[[kind:old]]`` (labelled or not) naming ``new``; the rest verbatim."""

    def swap(match) -> str:
        if match["kind"] != kind or match["slug"] != old:
            return match.group(0)
        start, end = match.start("slug") - match.start(), match.end("slug") - match.start()
        text = match.group(0)
        return text[:start] + new + text[end:]

    return REFERENCE_RE.sub(swap, body or "")


def _rewrite_articles(
    shape: _Shape, *, old: str, new: str, actor: AbstractBaseUser, comment: str
) -> list[dict[str, Any]]:
    """Rewrite every article (and pending draft) naming ``old``; return what each became."""
    token = f"[[{shape.reference}:{old}"
    ids = list(
        Article.objects.filter(
            Q(body__contains=token) | Q(draft_version__serialized_data__contains=token)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rewritten = []
    for article_id in ids:
        article = Article.objects.select_for_update().get(pk=article_id)
        pending = draft_of(article)
        live = rewrite_reference(article.body, kind=shape.reference, old=old, new=new)
        draft = (
            rewrite_reference(pending.body, kind=shape.reference, old=old, new=new)
            if pending is not None
            else None
        )
        if live == article.body and (pending is None or draft == pending.body):
            continue  # only a longer slug that starts the same
        record = {
            "id": article.pk,
            "live": [article.body, live],
            "draft": [pending.body, draft] if pending is not None else None,
        }
        _set_bodies(article, live=live, draft=draft, actor=actor, comment=comment)
        rewritten.append(record)
    return rewritten


def _set_bodies(
    article: Article, *, live: str, draft: str | None, actor: AbstractBaseUser, comment: str
) -> None:
    """Give the locked ``article`` the body ``live`` and its pending draft the body ``draft``,
    through the publishing actions: what readers see changes only by a publication."""
    pending = draft_of(article)
    if not article.is_frozen:
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(comment)
            article.body = live
            article.save()
            sync_article_references(article=article)
            reversion.add_to_revision(article)
        return
    if live != article.body:
        copy = Article.objects.get(pk=article.pk)
        copy.body = live
        save_article_draft(article=copy, actor=actor, m2m={}, comment=f"Draft: {comment}")
        try:
            publish_changes(article=article, actor=actor, note=comment)
        except WorkflowError as problem:
            raise MergeRefused(
                f"“{article}” names the merged profile but cannot be republished: {problem}"
            ) from problem
    if pending is not None and draft is not None:
        pending.body = draft
        m2m = {
            field.name: list(
                field.related_model._default_manager.filter(pk__in=pending.draft_m2m[field.name])
            )
            for field in content_fields()
            if field.many_to_many and field.name not in _REFERENCE_FIELDS.values()
        }
        save_article_draft(article=pending, actor=actor, m2m=m2m, comment=f"Draft: {comment}")


# ---------------------------------------------------------------------------------------------
# Undoing


def merge_of_revision(revision_id: int) -> ProfileMerge | None:
    """The merge whose revision ``revision_id`` is, if any."""
    return ProfileMerge.objects.filter(revision_id=revision_id).first()


def undo_merge(*, merge: ProfileMerge, actor: AbstractBaseUser, reason: str = "") -> ProfileMerge:
    """Move back exactly what ``merge`` moved, show the duplicate as it was, and restore the
    article texts the merge rewrote; return the merge, marked undone.

    Raises ``MergeRefused`` (nothing changed) if the actor may not merge, the merge was
    already undone, the survivor was merged into a third record since, an article the merge
    rewrote has been edited since (undoing would lose that edit: fix its references by hand),
    or a moved row cannot go back without duplicating a current position.
    """
    _refuse_inside_revision()
    with editing(actor=actor), transaction.atomic():
        merge = ProfileMerge.objects.select_for_update().get(pk=merge.pk)
        shape = _SHAPES[Person if merge.kind == MergeKind.PERSON else Organization]
        opts = shape.model._meta
        if not (
            actor.has_perm(MERGE_PERMISSION)
            and actor.has_perm(f"profiles.change_{opts.model_name}")
        ):
            raise MergeRefused(
                f"Only editors, who may publish, can undo a merge of {opts.verbose_name_plural}."
            )
        if merge.is_undone:
            raise MergeRefused(f"The merge of “{merge.duplicate}” was already undone.")
        rows = {
            row.pk: row
            for row in shape.model.objects.select_for_update().filter(
                pk__in=[merge.duplicate.pk, merge.survivor.pk]
            )
        }
        duplicate, survivor = rows[merge.duplicate.pk], rows[merge.survivor.pk]
        if survivor.merged_into_id:
            raise MergeRefused(
                f"“{survivor}” was merged into another record since: undo that merge first."
            )
        moved = merge.moved
        edited = _edited_since(moved.get("articles", []))
        if edited:
            raise MergeRefused(
                "The merge cannot be undone exactly: these articles were edited after it "
                "rewrote their references, and undoing would lose those edits — change "
                f"their references by hand: {'; '.join(edited)}."
            )
        try:
            with transaction.atomic():
                _move_back(shape, moved, duplicate=duplicate, survivor=survivor)
        except IntegrityError:
            raise MergeRefused(
                f"“{duplicate}” has been given positions since the merge that the moved ones "
                "would duplicate: delete those first."
            ) from None
        duplicate.merged_into = None
        duplicate.is_published = bool(moved.get("was_published"))
        duplicate.save(update_fields=["merged_into", "is_published", "updated_at"])
        comment = f"Undid the merge of “{duplicate}” into “{survivor}”."
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(" ".join(part for part in (comment, reason.strip()) if part))
            for obj in [duplicate, survivor, *_moved_objects(shape, moved)]:
                reversion.add_to_revision(obj)
        for record in reversed(moved.get("articles", [])):
            article = Article.objects.select_for_update().filter(pk=record["id"]).first()
            if article is None:
                continue  # deleted since: its deletion log keeps the rewritten text
            _set_bodies(
                article,
                live=record["live"][0],
                draft=record["draft"][0] if record["draft"] else None,
                actor=actor,
                comment=(
                    f"The reference to “{duplicate}” is restored: the merge into “{survivor}” "
                    "was undone."
                ),
            )
        merge.undone_at = timezone.now()
        merge.undone_by = actor
        merge.save(update_fields=["undone_at", "undone_by"])
        _mark_stale(shape, duplicate, survivor, moved)
    return merge


def _edited_since(records: list[dict[str, Any]]) -> list[str]:
    """The articles whose live text or pending draft is no longer what the merge made it."""
    edited = []
    for article in Article.objects.filter(pk__in=[record["id"] for record in records]):
        record = next(r for r in records if r["id"] == article.pk)
        pending = draft_of(article)
        draft_now = pending.body if pending is not None else None
        draft_then = record["draft"][1] if record["draft"] else None
        if article.body != record["live"][1] or draft_now != draft_then:
            edited.append(f"“{article}”")
    return edited


def _move_back(shape: _Shape, moved: dict[str, Any], *, duplicate, survivor) -> None:
    for model, field in shape.foreign_keys:
        ids = moved["rows"].get(_key(model, field), [])
        model._base_manager.filter(pk__in=ids, **{field: survivor}).update(**{field: duplicate})
    through, column = _subjects_through(shape)
    # A claim deleted since has no subjects to restore (and a row for it would break the
    # foreign key at commit).
    existing = set(
        Claim.objects.filter(pk__in=[int(key) for key in moved["subjects"]]).values_list(
            "pk", flat=True
        )
    )
    for key, survivor_was_there in moved["subjects"].items():
        claim_id = int(key)
        if claim_id not in existing:
            continue
        if not survivor_was_there:
            through.objects.filter(claim_id=claim_id, **{column: survivor.pk}).delete()
        if not through.objects.filter(claim_id=claim_id, **{column: duplicate.pk}).exists():
            through.objects.create(claim_id=claim_id, **{column: duplicate.pk})
    if moved.get("portrait"):
        Image.objects.filter(pk=moved["portrait"], portrait_of=survivor).update(
            portrait_of=duplicate
        )
    _translate_contents(
        shape,
        claimant_ids=moved["rows"].get(_key(Claim, shape.claimant_field), []),
        subjects=moved["subjects"],
        old=survivor.pk,
        new=duplicate.pk,
        restore=True,
    )


def refuse_partial_unmerge(record: Person | Organization) -> None:
    """Refuse a raw save (reversion's revert) that would restore a merged duplicate to a version
    from before its merge: it would show the duplicate again while everything it had stays with
    the survivor. Undoing the merge is the way back."""
    current = (
        type(record)._base_manager.filter(pk=record.pk).values_list("merged_into_id", flat=True)
    ).first()
    if current is not None and record.merged_into_id != current:
        raise MergeRefused(
            f"“{record}” was merged into another record: restoring a version from before the "
            "merge would bring back only part of it. Undo the merge instead (revert the merge's "
            "own revision, or use “Undo the selected merges” under Profile merges)."
        )
