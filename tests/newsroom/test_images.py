"""Uploads: only real images pass; what is stored and served carries no EXIF; renditions are
made once."""


import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from newsroom import actions, imaging
from newsroom.models import Image, Rendition
from tests.support.images import encoded, jpeg_with_gps_and_rotation, upload

pytestmark = pytest.mark.django_db



@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_images_pass(kind):
    imaging.validate_image_file(upload(encoded(kind), f"x.{kind.lower()}"))


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4 not a picture at all", "photo.jpg", "not an image we can read"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "SVG is not accepted",
        ),
        (encoded("JPEG", (400, 300))[:-400], "cut.jpg", "damaged or incomplete"),
        (encoded("BMP"), "old.bmp", "BMP images are not accepted"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data, name, message):
    with pytest.raises(ValidationError) as excinfo:
        imaging.validate_image_file(upload(data, name))
    assert message in " ".join(excinfo.value.messages)


def test_too_many_pixels_and_decompression_bombs_are_refused(monkeypatch):
    monkeypatch.setattr(imaging, "MAX_PIXELS", 1000)
    with pytest.raises(ValidationError, match="limit is"):
        imaging.validate_image_file(upload(encoded("PNG", (100, 100)), "big.png"))
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 2000)
    with pytest.raises(ValidationError, match="too many pixels"):
        imaging.validate_image_file(upload(encoded("PNG", (100, 100)), "bomb.png"))


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


def test_a_bad_upload_through_model_validation_names_the_file_field():
    image = Image(alt_text="x", file=upload(b"not an image", "x.jpg"))
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "file" in excinfo.value.message_dict
