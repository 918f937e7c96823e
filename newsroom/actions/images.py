"""Storing uploaded images safely and making their renditions once."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from newsroom import imaging
from newsroom.models import Image, Rendition


@transaction.atomic
def store_image(*, image: Image, upload=None) -> Image:
    """Save ``image``; when ``upload`` is given, store it upright and with metadata stripped.

    The upload must already have passed ``imaging.validate_image_file`` (the form does this);
    a new file replaces the renditions of the old one.
    """
    if upload is not None:
        image.file = imaging.cleaned_upload(upload, upload.name)
        if image.pk:
            for rendition in image.renditions.all():
                rendition.file.delete(save=False)
            image.renditions.all().delete()
    image.save()
    return image


def ensure_renditions(*, image: Image) -> list[Rendition]:
    """The image's renditions at every standard width up to its own, in WebP and JPEG.

    Made on first call and reused after; an image narrower than the smallest width gets one
    rendition at its own width.
    """
    existing = {(r.width, r.format): r for r in image.renditions.all()}
    widths = [w for w in imaging.RENDITION_WIDTHS if w < (image.width or 0)] or []
    widths.append(min(image.width or imaging.RENDITION_WIDTHS[0], imaging.RENDITION_WIDTHS[-1]))
    wanted = [(w, kind) for w in sorted(set(widths)) for kind in imaging.RENDITION_FORMATS]
    missing = [key for key in wanted if key not in existing]
    if missing:
        image.file.open("rb")
        try:
            data = image.file.read()
        finally:
            image.file.close()
        for width, kind in missing:
            content, real_width, real_height = imaging.render(data, width, kind)
            rendition = Rendition(image=image, width=width, height=real_height, format=kind)
            rendition.file.save(
                f"{image.pk}-{real_width}.{'jpg' if kind == 'jpeg' else kind}",
                ContentFile(content),
                save=False,
            )
            rendition.save()
            existing[(width, kind)] = rendition
    return [existing[key] for key in wanted]
