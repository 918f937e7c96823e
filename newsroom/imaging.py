"""Uploaded images: what we accept, what we strip, and the renditions we serve.

Only real JPEG, PNG, WebP and GIF files pass — decided by decoding them with Pillow, never by
their name. On the way in the EXIF orientation is applied and then every metadata block
(EXIF with its GPS position, XMP, comments) is dropped by re-encoding the pixels, so neither
the stored original nor any rendition can leak where or on what a photo was taken.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps

ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Bigger than any newsroom photo needs; protects the servers from a decompression bomb.
MAX_PIXELS = 40_000_000
MAX_BYTES = 20 * 1024 * 1024
RENDITION_WIDTHS = (320, 640, 1024, 1600)
RENDITION_FORMATS = ("webp", "jpeg")


def _open_checked(data: bytes) -> PILImage.Image:
    """Decode ``data`` fully or raise ValidationError saying what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            "This file is larger than 20 MB; export a smaller image.", code="too_large"
        )
    with warnings.catch_warnings():
        # Pillow warns at half the bomb limit; treat that as refusal too.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            probe = PILImage.open(io.BytesIO(data))
            kind = probe.format
            width, height = probe.size
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ValidationError(
                "This image has too many pixels to be processed safely.", code="bomb"
            ) from exc
        except Exception as exc:  # Pillow raises several types for "not an image"
            raise ValidationError(
                "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF "
                "(SVG is not accepted).",
                code="not_an_image",
            ) from exc
        if kind not in ACCEPTED_FORMATS:
            raise ValidationError(
                f"{kind} images are not accepted. Upload a JPEG, PNG, WebP or GIF.",
                code="format",
            )
        if width * height > MAX_PIXELS:
            raise ValidationError(
                f"This image is {width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} "
                "megapixels.",
                code="too_many_pixels",
            )
        try:
            image = PILImage.open(io.BytesIO(data))
            image.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ValidationError(
                "This image has too many pixels to be processed safely.", code="bomb"
            ) from exc
        except Exception as exc:
            raise ValidationError(
                "This image file is damaged or incomplete; export it again.", code="truncated"
            ) from exc
    return image


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
    upright = ImageOps.exif_transpose(image)
    # A fresh image with only the pixels: no EXIF, XMP, ICC comments or text chunks survive.
    pixels = PILImage.new(upright.mode, upright.size)
    pixels.paste(upright)
    if kind == "jpeg":
        pixels.convert("RGB").save(output, format="JPEG", quality=90, optimize=True)
    elif kind == "png":
        pixels.save(output, format="PNG", optimize=True)
    else:
        pixels.save(output, format="WEBP", quality=90)
    return output.getvalue(), kind


def cleaned_upload(file, name: str) -> ContentFile:
    """The upload as we store it: upright, stripped, with an extension matching its format."""
    file.seek(0)
    data, extension = clean_image(file.read())
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image"
    return ContentFile(data, name=f"{stem}.{extension}")


def render(data: bytes, width: int, kind: str) -> tuple[bytes, int, int]:
    """One rendition: ``width`` wide (never upscaled), as ``kind`` (webp or jpeg)."""
    image = _open_checked(data)
    if getattr(image, "is_animated", False):
        image.seek(0)
    image = image.convert("RGBA" if kind == "webp" and image.mode in ("RGBA", "LA", "P") else "RGB")
    if image.width > width:
        height = round(image.height * width / image.width)
        image = image.resize((width, height), PILImage.Resampling.LANCZOS)
    output = io.BytesIO()
    if kind == "webp":
        image.save(output, format="WEBP", quality=80, method=4)
    else:
        image.convert("RGB").save(
            output, format="JPEG", quality=82, optimize=True, progressive=True
        )
    return output.getvalue(), image.width, image.height
