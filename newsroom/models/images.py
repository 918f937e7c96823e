"""Images with required alt text; renditions are made from them with Pillow."""

from __future__ import annotations

import reversion
from django.db import models

from newsroom.imaging import validate_image_file
from profiles.models import Person


@reversion.register()
class Image(models.Model):
    file = models.ImageField(
        upload_to="images/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        help_text="JPEG, PNG, WebP or GIF. Location and camera data are removed on upload.",
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="e.g. “Photo: PIB”")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    portrait_of = models.OneToOneField(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portrait",
        help_text="Use this image as this person's portrait on their profile.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "image"
        indexes = [models.Index(fields=["-uploaded_at"], name="image_uploaded_idx")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="image_alt_text_required")
        ]

    def __str__(self) -> str:
        return self.alt_text[:80]


class Rendition(models.Model):
    """A resized copy of an image, made once per width and format and then reused."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=10, help_text="webp or jpeg")
    file = models.ImageField(upload_to="renditions/%Y/%m/")

    class Meta:
        ordering = ["image", "format", "width"]
        verbose_name = "rendition"
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"], name="rendition_unique_size"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=["webp", "jpeg"]), name="rendition_format_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.image_id} @ {self.width}px {self.format}"
