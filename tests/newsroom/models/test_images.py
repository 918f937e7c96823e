"""Images need alt text, record their size, and refuse a bad file in model validation."""

import pytest
from django.core.exceptions import ValidationError

from newsroom.models import Image
from tests.support.factories import ImageFactory
from tests.support.images import upload

pytestmark = pytest.mark.django_db


def test_image_requires_alt_text_and_records_its_size():
    image = ImageFactory()
    assert (image.width, image.height) == (64, 48)
    image.alt_text = ""
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "alt_text" in excinfo.value.message_dict


def test_a_bad_upload_through_model_validation_names_the_file_field():
    image = Image(alt_text="x", file=upload(b"not an image", "x.jpg"))
    with pytest.raises(ValidationError) as excinfo:
        image.full_clean()
    assert "file" in excinfo.value.message_dict
