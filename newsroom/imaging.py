"""Uploaded images: what we accept, what we strip, and the renditions we serve.

Only real JPEG, PNG, WebP and GIF files pass — decided by decoding them with Pillow, never by
their name. On the way in the EXIF orientation is applied and then every metadata block
(EXIF with its GPS position, XMP, comments) is dropped by re-encoding the pixels, so neither
the stored original nor any rendition can leak where or on what a photo was taken.

Decoding is the expensive part, and what a hostile file inflates: a 785 KB GIF can hold 200
frames of 2000×2000 pixels (32 s of re-encoding). So the limits are read from the header
first (``Image.open`` decodes nothing): the file's size, the pixels of one frame and, for an
animation, frames × width × height, the work a re-encode does — all settings
(``NEWSROOM_MAX_IMAGE_*``, ``NEWSROOM_MAX_ANIMATION_PIXELS``). Pillow's decompression-bomb
warning is a refusal too. Only a file within every limit is decoded.

``prepare_upload`` does all the decoding and encoding an upload needs (the stored original
and every rendition) in memory, before anything is written, so whatever can go wrong with the
image goes wrong while the form can still say so.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin

ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_WIDTHS = (320, 640, 1024, 1600)
RENDITION_FORMATS = ("webp", "jpeg")
BOMB_MESSAGE = "This image has too many pixels to be processed safely."


@dataclass(frozen=True)
class Rendered:
    """One rendition's encoded bytes: ``width`` wide (the standard width it stands for)."""

    width: int
    height: int
    kind: str
    data: bytes

    @property
    def file_name(self) -> str:
        """A name that changes whenever the bytes do, so it can be cached for ever."""
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        return f"{self.width}-{digest}.{'jpg' if self.kind == 'jpeg' else self.kind}"


@dataclass(frozen=True)
class PreparedUpload:
    """An accepted upload as it will be stored (upright, stripped)."""

    name: str
    data: bytes
    width: int
    height: int


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0")


@contextmanager
def _bombs_refused():
    """Pillow warns at its own pixel limit and only raises at twice it; refuse at the warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            yield
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ValidationError(BOMB_MESSAGE, code="bomb") from exc


def _probe(data: bytes) -> PILImage.Image:
    """Open ``data`` reading only its header and refuse it if decoding it would cost too much.

    Nothing is decoded: format, size and frame count all come from the header (a GIF's frames
    are counted by skipping over their compressed data). Returns the opened, unloaded image.
    """
    with _bombs_refused():
        try:
            image = PILImage.open(io.BytesIO(data))
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise
        except Exception as exc:  # Pillow raises several types for "not an image"
            raise ValidationError(
                "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF "
                "(SVG is not accepted).",
                code="not_an_image",
            ) from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            f"{image.format} images are not accepted. Upload a JPEG, PNG, WebP or GIF.",
            code="format",
        )
    width, height = image.size
    limit = settings.NEWSROOM_MAX_IMAGE_PIXELS
    if width * height > limit:
        raise ValidationError(
            f"This image is {width}×{height} pixels ({_megapixels(width * height)} megapixels); "
            f"the limit is {_megapixels(limit)} megapixels. Export a smaller version.",
            code="too_many_pixels",
        )
    try:
        frames = getattr(image, "n_frames", 1)
    except Exception as exc:
        raise ValidationError(
            "This image file is damaged or incomplete; export it again.", code="truncated"
        ) from exc
    limit = settings.NEWSROOM_MAX_ANIMATION_PIXELS
    if frames > 1 and frames * width * height > limit:
        raise ValidationError(
            f"This animation has {frames} frames of {width}×{height} pixels, "
            f"{_megapixels(frames * width * height)} megapixels in all; the limit is "
            f"{_megapixels(limit)} megapixels (frames × width × height). Use fewer or "
            "smaller frames.",
            code="too_many_frames",
        )
    return image


def _load(image: PILImage.Image) -> PILImage.Image:
    with _bombs_refused():
        try:
            image.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise
        except Exception as exc:
            raise ValidationError(
                "This image file is damaged or incomplete; export it again.", code="truncated"
            ) from exc
    return image


def _open_checked(data: bytes) -> PILImage.Image:
    """An upload's first frame decoded, once every limit is known to hold; else ValidationError
    saying what is wrong with it."""
    limit = settings.NEWSROOM_MAX_IMAGE_BYTES
    if len(data) > limit:
        raise ValidationError(
            f"This file is larger than {limit // (1024 * 1024)} MB; export a smaller image.",
            code="too_large",
        )
    return _load(_probe(data))


def validate_image_file(file) -> None:
    """Model/form validator: refuse anything that is not a complete, accepted image."""
    if getattr(file, "_committed", False):
        # Already stored, so it passed on the way in (and was re-encoded); re-checking it on
        # every save of the row would mean reading it back from storage, closed, each time.
        return
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read()
    file.seek(position)
    _open_checked(data)


def clean_image(data: bytes) -> tuple[bytes, str]:
    """Re-encode an accepted image upright and without metadata; return (bytes, extension)."""
    image = _open_checked(data)
    kind = ACCEPTED_FORMATS[image.format]
    output = io.BytesIO()
    if kind == "gif":
        # Keep animation frames; GIF carries no EXIF, and comments are dropped by re-saving.
        image.save(output, format="GIF", save_all=getattr(image, "is_animated", False))
        return output.getvalue(), "gif"
    # Upright in place (a 40 MP copy costs time and 120 MB), then nothing of the file's
    # metadata left for the encoder to write: no EXIF, XMP, ICC, comments or text chunks —
    # only a palette image's transparent colour, which is part of its pixels. (Pasting into a
    # fresh image, as before, also dropped a palette image's palette: its colours went black.)
    tables = getattr(image, "quantization", None)
    ImageOps.exif_transpose(image, in_place=True)
    image.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
    pixels = image
    if kind == "jpeg":
        # The upload's own quantization tables: a fixed quality would store a 17 MB upload
        # as 21 MB, and re-quantizing at another level only loses detail.
        # (Pillow lets a quality given beside them win, so it is one or the other.)
        quality = {"qtables": tables} if tables else {"quality": 90}
        (pixels if pixels.mode == "RGB" else pixels.convert("RGB")).save(
            output,
            format="JPEG",
            optimize=True,
            subsampling=JpegImagePlugin.get_sampling(image),
            **quality,
        )
    elif kind == "png":
        pixels.save(output, format="PNG", optimize=True)
    else:
        pixels.save(output, format="WEBP", quality=90)
    return output.getvalue(), kind


def rendition_widths(width: int | None) -> list[int]:
    """The standard widths narrower than ``width``, and ``width`` itself up to the largest.

    An image narrower than the smallest standard width gets one rendition at its own width.
    """
    widths = [w for w in RENDITION_WIDTHS if w < (width or 0)]
    widths.append(min(width or RENDITION_WIDTHS[0], RENDITION_WIDTHS[-1]))
    return sorted(set(widths))


def render(data: bytes, wanted: list[tuple[int, str]]) -> list[Rendered]:
    """Renditions of ``data``, one per (width, kind) in ``wanted``: that wide (never
    upscaled), as webp or jpeg.

    ``data`` is a stored original (already accepted and re-encoded by us), so the upload's
    byte limit does not apply, the pixel limits still do. It is decoded once, and a JPEG
    straight at the smallest scale (1/2, 1/4, 1/8) still wider than the widest rendition: a
    40-megapixel photo is decoded as 2.5 megapixels, not 40 for each of 8 renditions.
    """
    image = _probe(data)
    if getattr(image, "is_animated", False):
        image.seek(0)
    widest = max(width for width, _ in wanted)
    if image.width > widest:
        image.draft(None, (widest, round(image.height * widest / image.width)))
    decoded = _load(image)
    made = []
    for width, kind in wanted:
        has_alpha = kind == "webp" and decoded.mode in ("RGBA", "LA", "P")
        picture = decoded.convert("RGBA" if has_alpha else "RGB")
        if picture.width > width:
            height = round(picture.height * width / picture.width)
            picture = picture.resize((width, height), PILImage.Resampling.LANCZOS)
        output = io.BytesIO()
        if kind == "webp":
            picture.save(output, format="WEBP", quality=80, method=4)
        else:
            picture.save(output, format="JPEG", quality=82, optimize=True, progressive=True)
        made.append(Rendered(width=width, height=picture.height, kind=kind, data=output.getvalue()))
    return made


def prepare_upload(file) -> PreparedUpload:
    """What storing ``file`` writes, made in memory first: the cleaned original, named with an
    extension matching its format. Its renditions are made after the save, by a task
    (``newsroom.tasks.make_renditions``), since the original has already passed every limit.

    Raises ValidationError, with the reason, for anything the limits refuse.
    """
    file.seek(0)
    data, extension = clean_image(file.read())
    with PILImage.open(io.BytesIO(data)) as stored:
        width, height = stored.size
    stem = file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image"
    return PreparedUpload(name=f"{stem}.{extension}", data=data, width=width, height=height)
