"""Image files for upload tests: real encodings, and a JPEG carrying GPS and rotation EXIF."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

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
