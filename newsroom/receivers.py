"""Every path goes through the rules: the models' signals, connected to ``newsroom.actions``.

The admin, the commands and the API call the actions directly. These receivers are for
everything else that can change a row readers depend on — an inline, the row's own admin page,
a cascade, django-reversion's revert and recover (which save raw, deserialised copies), a
script in the shell — so that no path skips a rule. They only gather what changed and call the
action that owns the rule; the rules themselves live in ``newsroom.actions``:

- a change to a claim's content, subjects or citations, or to a cited source's archived text,
  runs ``check_claim_content`` (reopen what was rated, four-eyes, old slugs);
- a raw save (reversion's revert or recover) of a claim or an article keeps the workflow
  fields the stored version leaves out, instead of resetting them to their defaults;
- the row of an approved, scheduled or live article, and its relations, change only inside
  the publishing actions: anything else is refused with ``InvalidArticleTransition``, pointing
  at the draft that should be saved instead;
- a citation's "excerpt found" flag is recomputed on every save, so it never describes an
  excerpt or a source text it was not checked against;
- a raw save (reversion's revert) of a merged duplicate to a version from before its merge is
  refused: undoing the merge is the way back (``merges.refuse_partial_unmerge``);
- a save or delete of anything an article's stored HTML shows (an article, its relations, a
  claim, citation, old claim slug, source, person, organization, event, place, correction)
  marks the HTML of the articles showing it stale (``mark_bodies_stale``), in the same
  transaction;
- a save, delete or recovery of anything search finds (an article, claim, citation, source,
  person, organization, event, or an event's place) rewrites its search document
  (``search.index.index_records``), in the same transaction.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events.models import Event, Place
from newsroom.actions.articles import (
    content_fields,
    returned_to_review,
    unschedule_articles_citing,
)
from newsroom.actions.claims import check_claim_content
from newsroom.actions.context import current_actor, defer_claim_check, may_change_frozen_article
from newsroom.actions.evidence import reverify_source_citations, verify_citation
from newsroom.actions.merges import refuse_partial_unmerge
from newsroom.actions.rendered_bodies import ensure_rendered_body, mark_bodies_stale
from newsroom.exceptions import InvalidArticleTransition
from newsroom.history.deletions import record_restored
from newsroom.models import (
    ARTICLE_WORKFLOW_FIELDS,
    CLAIM_WORKFLOW_FIELDS,
    FROZEN_STATUSES,
    Article,
    Citation,
    Claim,
    ClaimSlug,
    Correction,
    Source,
)
from newsroom.search.index import index_records
from profiles.models import Membership, Organization, Person


def claim_touched(claim_id: int | None) -> None:
    """Check ``claim_id`` now, or at the end of the open edit (``actions.context.editing``)."""
    if claim_id is None or defer_claim_check(claim_id):
        return
    check_claim_content(claim_id=claim_id, actor=current_actor())


def _keep_workflow_fields(instance, fields: tuple[str, ...]) -> None:
    """On a raw save, copy the workflow fields from the row in the database onto ``instance``."""
    model = type(instance)
    attnames = [
        model._meta.get_field(name).attname
        for name in fields
        if not model._meta.get_field(name).many_to_many
    ]
    current = model._base_manager.filter(pk=instance.pk).values(*attnames).first()
    if current is not None:
        for name, value in current.items():
            setattr(instance, name, value)


# -- claims


@receiver(pre_save, sender=Claim, dispatch_uid="newsroom_claim_pre_save")
def claim_pre_save(sender, instance: Claim, raw: bool, **kwargs) -> None:
    if raw:
        _keep_workflow_fields(instance, CLAIM_WORKFLOW_FIELDS)
    elif instance.pk is None and instance.created_by_id is None:
        actor = current_actor()
        if actor is not None:
            instance.created_by = actor


@receiver(post_save, sender=Claim, dispatch_uid="newsroom_claim_post_save")
def claim_post_save(sender, instance: Claim, update_fields=None, **kwargs) -> None:
    # The workflow's own saves name only workflow fields: nothing the verdict rests on.
    if update_fields and set(update_fields) <= {*CLAIM_WORKFLOW_FIELDS, "updated_at"}:
        return
    claim_touched(instance.pk)


def _claim_subjects_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        claim_touched(instance.pk)
    elif action == "post_clear":
        return  # pre_clear below collected the claims
    else:
        for claim_id in pk_set or ():
            claim_touched(claim_id)


for _name in ("about_people", "about_organizations", "about_events", "about_memberships"):
    m2m_changed.connect(
        _claim_subjects_changed,
        sender=getattr(Claim, _name).through,
        dispatch_uid=f"newsroom_claim_{_name}",
    )


# Claims being deleted: their citations go first, and must not reopen them on the way out.
_deleting_claims: ContextVar[frozenset[int]] = ContextVar("deleting_claims", default=frozenset())


@receiver(pre_delete, sender=Claim, dispatch_uid="newsroom_claim_pre_delete")
def claim_pre_delete(sender, instance: Claim, **kwargs) -> None:
    """A deleted claim can no longer back a scheduled article's reference."""
    _deleting_claims.set(_deleting_claims.get() | {instance.pk})
    unschedule_articles_citing(claim=instance, why=f"“{instance}” was deleted")


@receiver(post_delete, sender=Claim, dispatch_uid="newsroom_claim_post_delete")
def claim_post_delete(sender, instance: Claim, **kwargs) -> None:
    _deleting_claims.set(_deleting_claims.get() - {instance.pk})


# -- citations and sources


@receiver(pre_save, sender=Citation, dispatch_uid="newsroom_citation_pre_save")
def citation_pre_save(sender, instance: Citation, **kwargs) -> None:
    verify_citation(citation=instance, save=False)


@receiver(post_save, sender=Citation, dispatch_uid="newsroom_citation_post_save")
def citation_post_save(sender, instance: Citation, **kwargs) -> None:
    claim_touched(instance.claim_id)


@receiver(post_delete, sender=Citation, dispatch_uid="newsroom_citation_post_delete")
def citation_post_delete(sender, instance: Citation, **kwargs) -> None:
    if instance.claim_id not in _deleting_claims.get():
        claim_touched(instance.claim_id)


@receiver(pre_save, sender=Source, dispatch_uid="newsroom_source_pre_save")
def source_pre_save(sender, instance: Source, **kwargs) -> None:
    if instance.pk is None:
        return
    before = Source.objects.filter(pk=instance.pk).values_list("archived_text", flat=True).first()
    instance._archived_text_changed = before is not None and before != instance.archived_text


@receiver(post_save, sender=Source, dispatch_uid="newsroom_source_post_save")
def source_post_save(sender, instance: Source, **kwargs) -> None:
    """New archived text: re-check its excerpts; the claims citing it changed with it."""
    if not getattr(instance, "_archived_text_changed", False):
        return
    reverify_source_citations(source=instance)
    for claim_id in set(instance.citations.values_list("claim_id", flat=True)):
        claim_touched(claim_id)


# -- subjects deleted under a claim: the cascade removes the link without an m2m signal


def _remember_claims(sender, instance, **kwargs) -> None:
    instance._newsroom_claim_ids = list(instance.claims.values_list("pk", flat=True))


def _check_remembered_claims(sender, instance, **kwargs) -> None:
    for claim_id in getattr(instance, "_newsroom_claim_ids", ()):
        claim_touched(claim_id)


for _model in (Person, Organization, Event, Membership):
    pre_delete.connect(_remember_claims, sender=_model, dispatch_uid=f"nr_pre_{_model.__name__}")
    post_delete.connect(
        _check_remembered_claims, sender=_model, dispatch_uid=f"nr_post_{_model.__name__}"
    )


# -- articles

FROZEN_MESSAGE = (
    "“{article}” is {status}: readers see what an editor approved or published. Save the change "
    "as a draft (newsroom.actions.save_article_draft, or revert_to_version) and have an editor "
    "publish it."
)


def _refuse_frozen(article: Article) -> None:
    raise InvalidArticleTransition(
        FROZEN_MESSAGE.format(article=article, status=article.get_status_display().lower())
    )


@receiver(pre_save, sender=Article, dispatch_uid="newsroom_article_pre_save")
def article_pre_save(sender, instance: Article, raw: bool, **kwargs) -> None:
    if raw:
        _keep_workflow_fields(instance, ARTICLE_WORKFLOW_FIELDS)
    if instance.pk is None or may_change_frozen_article():
        return
    names = [field.attname for field in content_fields() if not field.many_to_many]
    current = Article._base_manager.filter(pk=instance.pk).values("status", *names).first()
    if current is None or current["status"] not in FROZEN_STATUSES:
        return
    if any(current[name] != getattr(instance, name) for name in names):
        instance.status = current["status"]
        _refuse_frozen(instance)


def _article_relations_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear") or may_change_frozen_article():
        return
    if not reverse:
        if instance.is_frozen and (pk_set or action == "pre_clear"):
            _refuse_frozen(instance)
        return
    # From the other side (``person.articles.add(article)``): ``pk_set`` holds article ids.
    frozen = Article._base_manager.filter(pk__in=pk_set or (), status__in=FROZEN_STATUSES)
    if frozen.exists():
        _refuse_frozen(frozen.first())


for _field in Article._meta.many_to_many:
    m2m_changed.connect(
        _article_relations_changed,
        sender=_field.remote_field.through,
        dispatch_uid=f"newsroom_article_{_field.name}",
    )


# -- recovered records get their workflow fields back last: apply the rules then


@receiver(record_restored, sender=Claim, dispatch_uid="newsroom_claim_restored")
def claim_restored(sender, instance: Claim, actor=None, **kwargs) -> None:
    """A recovered rated claim is checked against what was rated, its links now back."""
    claim_touched(instance.pk)


@receiver(record_restored, sender=Article, dispatch_uid="newsroom_article_restored")
def article_restored(sender, instance: Article, actor=None, **kwargs) -> None:
    """A recovered article never goes straight back to readers: an editor publishes it again
    through the gate, which reads the claims as they are now."""
    returned_to_review(article=instance, actor=actor)


# -- stored article HTML: anything it shows changed


def _stale_shown(sender, instance, **kwargs) -> None:
    mark_bodies_stale(label=sender._meta.label_lower, pks=[instance.pk])


# Deletes are caught before the cascade takes the relations that lead to the articles.
for _model in (Claim, Source, Person, Organization, Event, Place):
    post_save.connect(_stale_shown, sender=_model, dispatch_uid=f"nr_body_{_model.__name__}")
    pre_delete.connect(_stale_shown, sender=_model, dispatch_uid=f"nr_body_del_{_model.__name__}")


def _stale_claim_of(sender, instance, **kwargs) -> None:
    """A citation or an old slug shows under its claim; a citation moved to another claim
    changes the footnotes of both."""
    claim_ids = {instance.claim_id, getattr(instance, "_newsroom_claim_before", None)}
    mark_bodies_stale(label="newsroom.claim", pks=claim_ids)


@receiver(pre_save, sender=Citation, dispatch_uid="newsroom_citation_pre_save_body")
def citation_remember_claim(sender, instance: Citation, **kwargs) -> None:
    if instance.pk is not None:
        instance._newsroom_claim_before = (
            Citation.objects.filter(pk=instance.pk).values_list("claim_id", flat=True).first()
        )


for _model in (Citation, ClaimSlug):
    post_save.connect(_stale_claim_of, sender=_model, dispatch_uid=f"nr_body_{_model.__name__}")
    post_delete.connect(
        _stale_claim_of, sender=_model, dispatch_uid=f"nr_body_del_{_model.__name__}"
    )


@receiver(post_save, sender=Article, dispatch_uid="newsroom_article_post_save_body")
def article_post_save_body(sender, instance: Article, created: bool, **kwargs) -> None:
    """Published again, or changed by any other path: its HTML is rendered again."""
    if created:
        ensure_rendered_body(article=instance)
    else:
        mark_bodies_stale(label="newsroom.article", pks=[instance.pk])


@receiver(post_save, sender=Correction, dispatch_uid="newsroom_correction_post_save_body")
def correction_post_save_body(sender, instance: Correction, **kwargs) -> None:
    mark_bodies_stale(label="newsroom.article", pks=[instance.article_id])


def _article_relations_changed_body(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            mark_bodies_stale(label="newsroom.article", pks=[instance.pk])
    elif action in ("post_add", "post_remove"):
        # From the other side (``person.articles.add(article)``): ``pk_set`` holds article ids.
        mark_bodies_stale(label="newsroom.article", pks=pk_set or ())
    elif action == "pre_clear":
        # Before the links go: the articles showing the record are still found through them.
        mark_bodies_stale(label=instance._meta.label_lower, pks=[instance.pk])


for _field in Article._meta.many_to_many:
    m2m_changed.connect(
        _article_relations_changed_body,
        sender=_field.remote_field.through,
        dispatch_uid=f"newsroom_article_body_{_field.name}",
    )


# -- the search index: rewritten with every save, delete and recovery of what it shows


def _index_saved(sender, instance, **kwargs) -> None:
    index_records(sender._meta.label_lower, [instance.pk])


def _index_deleted(sender, instance, **kwargs) -> None:
    # A deleted citation's source may no longer be cited by any public claim.
    also = {"newsroom.source": [instance.source_id]} if sender is Citation else None
    index_records(sender._meta.label_lower, [instance.pk], also=also)


for _model in (Article, Claim, Citation, Source, Person, Organization, Event, Place):
    post_save.connect(_index_saved, sender=_model, dispatch_uid=f"nr_search_{_model.__name__}")
    post_delete.connect(
        _index_deleted, sender=_model, dispatch_uid=f"nr_search_del_{_model.__name__}"
    )
    # Recovery restores workflow fields with update() after the save: index what it ends as.
    record_restored.connect(
        _index_saved, sender=_model, dispatch_uid=f"nr_search_restored_{_model.__name__}"
    )


# -- profile merges


def _profile_pre_save(sender, instance, raw: bool, **kwargs) -> None:
    if raw:
        refuse_partial_unmerge(instance)


for _model in (Person, Organization):
    pre_save.connect(_profile_pre_save, sender=_model, dispatch_uid=f"nr_merge_{_model.__name__}")
