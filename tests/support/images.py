"""Image files for upload tests: real encodings, a JPEG carrying GPS and rotation EXIF, noisy
JPEGs (which compress as badly as photos) and the GIF bomb; an upload through the image admin,
a stored image with its renditions, the files in MEDIA_ROOT, and the ``<source>``s of a
rendered ``<picture>``."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from newsroom import actions
from newsroom.models import Image
from tests.support.admin import admin_form_data, admin_url

GPS_TAG = 0x8825
ORIENTATION_TAG = 0x0112


def jpeg_with_gps_and_rotation(width=1200, height=800) -> bytes:
    picture = PILImage.new("RGB", (width, height), "navy")
    exif = PILImage.Exif()
    exif[ORIENTATION_TAG] = 6  # "rotate 90° clockwise to display"
    exif[0x010F] = "SpyCam"  # camera maker
    exif.get_ifd(GPS_TAG)[2] = (39.0, 7.0, 0.0)  # latitude: Tianjin
    output = io.BytesIO()
    picture.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def encoded(kind: str, size=(40, 30)) -> bytes:
    output = io.BytesIO()
    PILImage.new("RGB", size, "red").save(output, format=kind)
    return output.getvalue()


def noisy_jpeg(size=(800, 600), quality=73) -> bytes:
    output = io.BytesIO()
    PILImage.effect_noise(size, 40).convert("RGB").save(output, format="JPEG", quality=quality)
    return output.getvalue()


def _gif_blocks(data: bytes) -> tuple[bytes, list[bytes]]:
    """Split a GIF into its head (header, screen, colours, application extensions) and its
    frames (each a graphic control extension and an image with its compressed data)."""

    def sub_blocks_end(at: int) -> int:
        while data[at]:
            at += data[at] + 1
        return at + 1

    packed = data[10]
    at = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
    head_end, frames, frame_start = None, [], None
    while data[at] != 0x3B:
        if data[at] == 0x21 and data[at + 1] != 0xF9:  # application, comment: head
            at = sub_blocks_end(at + 2)
            continue
        if frame_start is None:
            frame_start = at
            head_end = head_end or at
        if data[at] == 0x21:  # graphic control extension, the start of a frame
            at = sub_blocks_end(at + 2)
        else:  # image descriptor, an optional local colour table, then the LZW data
            local = data[at + 9]
            at += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            at = sub_blocks_end(at)
            frames.append(data[frame_start:at])
            frame_start = None
    return data[:head_end], frames


def gif_bomb(frames: int = 200, size: int = 2000) -> bytes:
    """The issue's GIF: ``frames`` frames of ``size``×``size``, alternating two flat colours,
    which compresses to under 800 KB (the issue's was 785 KB). Two frames are encoded and the
    rest are their bytes repeated: milliseconds, where encoding 200 would take seconds."""
    output = io.BytesIO()
    first, second = (PILImage.new("L", (size, size), shade) for shade in (0, 255))
    first.save(output, format="GIF", save_all=True, append_images=[second], duration=50)
    head, pair = _gif_blocks(output.getvalue())
    assert len(pair) == 2
    return head + b"".join(pair[i % 2] for i in range(frames)) + b"\x3b"


def media_files() -> list[str]:
    """Every file under MEDIA_ROOT, relative to it."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def image_add(client, data: bytes, name: str, **fields):
    """Upload ``data`` as ``name`` through the image admin's add form, as a browser would."""
    form = admin_form_data(client.get(admin_url(Image, "add")))
    form.update({"alt_text": "The meeting room", **fields})
    form["file"] = SimpleUploadedFile(name, data)
    return client.post(admin_url(Image, "add"), form)


def stored_image(data: bytes | None = None, name: str = "photo.jpg", **fields) -> Image:
    """An image stored through the actions (by default a JPEG with GPS and rotation EXIF), with
    its renditions made."""
    image = Image(alt_text=fields.pop("alt_text", "Delegations at the table"), **fields)
    actions.store_image(
        image=image, upload=SimpleUploadedFile(name, data or jpeg_with_gps_and_rotation())
    )
    actions.ensure_renditions(image=image)
    return image


def picture_sources(html: str) -> dict[str, str]:
    """The srcset of each ``<source>`` in ``html``, by image type (``webp``, ``jpeg``)."""
    return dict(re.findall(r'<source type="image/(\w+)" srcset="([^"]+)"', html))
