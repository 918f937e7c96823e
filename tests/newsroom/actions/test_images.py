"""Storing an image upright and without EXIF, and making its renditions once, never upscaled."""

import pytest
from PIL import Image as PILImage

from newsroom import actions
from newsroom.models import Image, Rendition
from tests.support.images import encoded, jpeg_with_gps_and_rotation, upload

pytestmark = pytest.mark.django_db


def test_stored_image_is_upright_and_has_no_exif():
    image = Image(alt_text="The meeting room")
    actions.store_image(image=image, upload=upload(jpeg_with_gps_and_rotation(), "room.jpg"))
    image.refresh_from_db()
    # Orientation 6 means the stored pixels are rotated: 1200×800 becomes 800×1200.
    assert (image.width, image.height) == (800, 1200)
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info


def test_renditions_are_made_once_without_exif_and_never_upscaled():
    image = Image(alt_text="The meeting room")
    actions.store_image(image=image, upload=upload(jpeg_with_gps_and_rotation(), "room.jpg"))
    renditions = actions.ensure_renditions(image=image)
    widths = sorted({r.width for r in renditions})
    assert widths == [320, 640, 800]
    assert {r.format for r in renditions} == {"webp", "jpeg"}
    for rendition in renditions:
        with PILImage.open(rendition.file.path) as made:
            assert made.width == rendition.width
            assert not made.getexif()
    paths = {r.file.name for r in renditions}
    again = actions.ensure_renditions(image=image)
    assert {r.file.name for r in again} == paths
    assert Rendition.objects.filter(image=image).count() == len(renditions)


def test_a_small_image_gets_one_rendition_per_format_at_its_own_width():
    image = Image(alt_text="Icon")
    actions.store_image(image=image, upload=upload(encoded("PNG", (100, 50)), "icon.png"))
    renditions = actions.ensure_renditions(image=image)
    assert sorted((r.width, r.format) for r in renditions) == [(100, "jpeg"), (100, "webp")]
