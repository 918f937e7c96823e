"""Image files for upload tests: real encodings, and a JPEG carrying GPS and rotation EXIF; an
upload through the image admin, a stored image with its renditions, and the ``<source>``s of a
rendered ``<picture>``."""

from __future__ import annotations

import io
import re

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
