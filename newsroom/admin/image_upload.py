"""The image admin's upload field and the "where is this image used" warning."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse

from newsroom import imaging
from newsroom.models import Image


class ImageUploadField(forms.ImageField):
    """An image field whose errors say what is wrong with the file, in the newsroom's words.

    Django's own check would answer a bomb, a truncated file or an SVG with one generic
    message (or a message about the file's extension); ours decodes the file fully first.
    """

    def to_python(self, data):
        if data not in self.empty_values:
            imaging.validate_image_file(data)
        return super().to_python(data)


class ImageAdminForm(forms.ModelForm):
    """The image form. A new upload is prepared here — decoded and cleaned, in memory — so
    that whatever the image limits refuse is an error on the file field, and ``save_model``
    only writes (``prepared_upload``, for ``actions.store_image``)."""

    prepared_upload: imaging.PreparedUpload | None = None

    class Meta:
        model = Image
        fields = "__all__"  # noqa: DJ007  (the admin passes the fieldsets' fields)
        field_classes = {"file": ImageUploadField}

    def clean_file(self):
        """Prepare a new upload; an unchanged file is the stored one and needs nothing."""
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            self.prepared_upload = imaging.prepare_upload(file)
        return file


@dataclass(frozen=True)
class ImageUse:
    """One place an image appears: what, a link to it in the admin, and whether it blocks."""

    what: str
    label: str
    admin_url: str
    blocks_delete: bool


def image_uses(image: Image) -> list[ImageUse]:
    """Where ``image`` is used: articles leading with it (blocks deletion), a portrait."""
    uses = [
        ImageUse(
            what=f"Lead image of the article ({article.get_status_display().lower()})",
            label=article.headline,
            admin_url=reverse("admin:newsroom_article_change", args=[article.pk]),
            blocks_delete=True,
        )
        for article in image.lead_of_articles.order_by("headline")
    ]
    if image.portrait_of_id:
        person = image.portrait_of
        uses.append(
            ImageUse(
                what="Portrait on the profile of",
                label=str(person),
                admin_url=reverse("admin:profiles_person_change", args=[person.pk]),
                blocks_delete=False,
            )
        )
    return uses
