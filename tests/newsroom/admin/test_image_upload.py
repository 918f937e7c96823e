"""The image upload field's errors, and the warning when an image in use is deleted."""

from __future__ import annotations

import pytest
from PIL import Image as PILImage

from newsroom import imaging
from newsroom.models import Image, Rendition
from tests.support.admin import admin_url, form_errors
from tests.support.factories import ArticleFactory, PersonFactory
from tests.support.images import encoded, image_add

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("case", "name", "message"),
    [
        ("renamed", "photo.jpg", "not an image we can read"),
        ("truncated", "cut.jpg", "damaged or incomplete"),
        ("bomb", "bomb.png", "too many pixels to be processed safely"),
        ("over_limit", "big.png", "the limit is"),
        ("svg", "logo.svg", "SVG is not accepted"),
        ("bmp", "old.bmp", "BMP images are not accepted"),
    ],
)
def test_bad_uploads_are_form_errors_on_the_file_field(
    editor_client, monkeypatch, case, name, message
):
    data = {
        "renamed": b"%PDF-1.4 not a picture at all",
        "truncated": encoded("JPEG", (400, 300))[:-400],
        "bomb": encoded("PNG", (100, 100)),
        "over_limit": encoded("PNG", (100, 100)),
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "bmp": encoded("BMP"),
    }[case]
    if case == "bomb":
        monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 2000)
    if case == "over_limit":
        monkeypatch.setattr(imaging, "MAX_PIXELS", 1000)
    response = image_add(editor_client, data, name)
    assert response.status_code == 200
    errors = form_errors(response)
    assert list(errors) == ["file"]
    assert message in " ".join(errors["file"])
    assert not Image.objects.exists() and not Rendition.objects.exists()


def test_deleting_a_lead_image_is_blocked_with_a_clear_list(editor_client, editor):
    image_add(editor_client, encoded("PNG", (100, 50)), "lead.png")
    image = Image.objects.get()
    article = ArticleFactory(headline="Leaders meet", lead_image=image)
    response = editor_client.get(admin_url(image, "delete", image.pk))
    html = response.content.decode()
    assert "This image is in use and cannot be deleted" in html
    assert "Lead image of the article (draft)" in html and "Leaders meet" in html
    assert admin_url(article, "change") in html
    assert 'name="post"' not in html  # no confirm button
    editor_client.post(admin_url(image, "delete", image.pk), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_deleting_a_portrait_warns_on_the_confirmation_page(editor_client):
    person = PersonFactory(full_name="Cai Qi")
    image_add(editor_client, encoded("PNG", (100, 50)), "cai.png", portrait_of=str(person.pk))
    image = Image.objects.get()
    assert image.portrait_of == person
    html = editor_client.get(admin_url(image, "delete", image.pk)).content.decode()
    assert "This image is in use" in html
    assert "Portrait on the profile of" in html and "Cai Qi" in html
    assert "their profile will show no portrait" in html
    assert 'name="post"' in html
    response = editor_client.post(admin_url(image, "delete", image.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()


def test_an_unused_image_deletes_without_a_warning(editor_client):
    image_add(editor_client, encoded("PNG", (100, 50)), "unused.png")
    image = Image.objects.get()
    html = editor_client.get(admin_url(image, "delete", image.pk)).content.decode()
    assert "in use" not in html and 'name="post"' in html
