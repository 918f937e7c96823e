"""Upload checks: only real images in an accepted format and within the pixel limit pass."""

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from newsroom import imaging
from tests.support.images import encoded, upload


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
