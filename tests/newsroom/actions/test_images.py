"""Storing an image upright and without EXIF, and making its renditions once, never upscaled."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image as PILImage

from newsroom import actions
from newsroom.models import Image, Rendition
from tests.support.images import (
    encoded,
    gif_bomb,
    jpeg_with_gps_and_rotation,
    media_files,
    upload,
)

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


def test_an_image_the_limits_refuse_writes_nothing():
    with pytest.raises(ValidationError, match="200 frames"):
        actions.store_image(image=Image(alt_text="Party"), upload=upload(gif_bomb(), "party.gif"))
    assert media_files() == [] and not Image.objects.exists()


def test_a_new_file_deletes_the_old_renditions_once_it_commits(django_capture_on_commit_callbacks):
    image = Image(alt_text="Wide")
    actions.store_image(image=image, upload=upload(encoded("PNG", (700, 350)), "wide.png"))
    old = {r.file.name for r in image.renditions.all()}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.store_image(image=image, upload=upload(encoded("PNG", (200, 100)), "small.png"))
    assert old <= set(media_files())  # not before the commit: a rollback would need them
    for callback in callbacks:
        callback()
    assert not old & set(media_files())
    assert {r.file.name for r in image.renditions.all()} <= set(media_files())


@pytest.mark.django_db(transaction=True)
def test_files_stay_only_if_their_transaction_commits():
    # Rolled back without an exception reaching the journal: only the commit can tell.
    with actions.media_kept_only_if_saved(), transaction.atomic():
        actions.store_image(
            image=Image(alt_text="Lost"), upload=upload(encoded("PNG", (700, 350)), "lost.png")
        )
        transaction.set_rollback(True)
    assert media_files() == [] and not Image.objects.exists()

    kept = actions.store_image(
        image=Image(alt_text="Kept"), upload=upload(encoded("PNG", (700, 350)), "kept.png")
    )
    assert len(media_files()) == 1 + kept.renditions.count() == 1 + 6
