"""Storing uploaded images safely and making their renditions once.

A failed save leaves no file behind. Every upload is decoded and encoded in memory before the
first write (``imaging.prepare_upload``), so a refused image writes nothing; what is written
after that — the original, and its renditions (made later, by a task) — is journalled, and
deleted again if a write or a save fails or the transaction that saved the rows does not
commit (``media_kept_only_if_saved``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction

from newsroom import imaging, tasks
from newsroom.models import Image, Rendition


@dataclass
class _Written:
    storage: Storage
    name: str
    committed: bool = False


_journal: ContextVar[list[_Written] | None] = ContextVar("newsroom_media_journal", default=None)


@contextmanager
def media_kept_only_if_saved() -> Iterator[None]:
    """Delete again every file ``store_image`` and ``ensure_renditions`` write in the block
    unless the rows naming them are saved.

    If the block raises, they are deleted at once (the rows are being rolled back with it).
    If it ends outside any transaction, those whose transaction did not commit (one rolled
    back without the exception reaching here) are deleted too; inside an outer transaction
    that is not known yet, so wrap the outermost code that may fail — the admin wraps its
    whole change form. Nested blocks join the outermost one, which decides.
    """
    if _journal.get() is not None:
        yield
        return
    written: list[_Written] = []
    token = _journal.set(written)
    try:
        yield
    except BaseException:
        _delete(written)
        raise
    finally:
        _journal.reset(token)
    if not transaction.get_connection().in_atomic_block:
        _delete([entry for entry in written if not entry.committed])


def _delete(entries: list[_Written]) -> None:
    for entry in entries:
        entry.storage.delete(entry.name)


def _record(field_file) -> None:
    journal = _journal.get()
    if journal is None:  # only reached through the functions below, which open a journal
        raise RuntimeError("files are written only inside media_kept_only_if_saved()")
    entry = _Written(storage=field_file.storage, name=field_file.name)
    journal.append(entry)
    transaction.on_commit(lambda: setattr(entry, "committed", True))


def _save_rendition(image: Image, rendered: imaging.Rendered) -> Rendition:
    rendition = Rendition(
        image=image, width=rendered.width, height=rendered.height, format=rendered.kind
    )
    rendition.file.save(f"{image.pk}-{rendered.file_name}", ContentFile(rendered.data), save=False)
    _record(rendition.file)
    rendition.save()
    return rendition


def store_image(*, image: Image, upload=None) -> Image:
    """Save ``image``; with an ``upload``, store it upright and stripped of metadata, and
    enqueue its renditions (``tasks.make_renditions``: they commit with the save, and pages show
    the original until the worker has made them).

    ``upload`` is a file that passed ``imaging.validate_image_file``, or what
    ``imaging.prepare_upload`` made of one (the admin's form prepares it, so that anything
    the limits refuse is a form error); all decoding is done before the first write. A new
    file replaces the old one's renditions, whose files are deleted once that commits; the
    old original stays, since the image's earlier versions name it. Atomic; raises
    ValidationError for an image the limits refuse, having written nothing.
    """
    if upload is None:
        image.save()
        return image
    prepared = (
        upload if isinstance(upload, imaging.PreparedUpload) else imaging.prepare_upload(upload)
    )
    with media_kept_only_if_saved(), transaction.atomic():
        if image.pk:
            old = list(image.renditions.all())
            Rendition.objects.filter(pk__in=[r.pk for r in old]).delete()
            old_files = [(r.file.storage, r.file.name) for r in old]
            transaction.on_commit(lambda: [storage.delete(name) for storage, name in old_files])
        image.file.save(prepared.name, ContentFile(prepared.data), save=False)
        _record(image.file)
        image.width, image.height = prepared.width, prepared.height
        image.save()
        tasks.make_renditions.enqueue(image.pk)
    return image


def ensure_renditions(*, image: Image) -> list[Rendition]:
    """The image's renditions at every standard width up to its own, in WebP and JPEG.

    Made on first call and reused after; an image narrower than the smallest width gets one
    rendition at its own width. Atomic, and files written are removed if it fails.
    """
    existing = {(r.width, r.format): r for r in image.renditions.all()}
    widths = imaging.rendition_widths(image.width)
    wanted = [(w, kind) for w in widths for kind in imaging.RENDITION_FORMATS]
    missing = [key for key in wanted if key not in existing]
    if missing:
        image.file.open("rb")
        try:
            data = image.file.read()
        finally:
            image.file.close()
        made = imaging.render(data, missing)
        with media_kept_only_if_saved(), transaction.atomic():
            for rendered in made:
                existing[(rendered.width, rendered.kind)] = _save_rendition(image, rendered)
    return [existing[key] for key in wanted]
