"""Serving uploaded images from MEDIA_ROOT when no proxy or object storage does.

``django.views.static.serve`` is for development (its own docstring says so), and WhiteNoise
only serves the files it found at startup, so new uploads would 404 until a restart. This view
serves what the newsroom stores, and nothing else:

- only image files, by their extension (every upload is re-encoded by ``newsroom.imaging`` and
  named for its real format), with a content type from a fixed table, never guessed, and
  ``nosniff``;
- only files inside MEDIA_ROOT once symlinks and ``..`` are resolved; anything else is a 404,
  as is every request while ``NEWSROOM_SERVE_MEDIA`` is off;
- renditions, whose names carry a hash of their bytes, are cached for a year (``immutable``);
  originals, whose names can come back after a deletion, for an hour. ``If-Modified-Since``
  is answered with 304.

Each request holds a worker while the file is sent, so a busy site serves media from the proxy
(deploy/nginx.conf) or object storage instead (README, Production).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# renditions/<year>/<month>/<image id>-<width>-<12 hex digits of the bytes' sha256>, and the
# storage's random suffix when the same bytes were stored twice.
IMMUTABLE = re.compile(r"renditions/\d{4}/\d{2}/\d+-\d+-[0-9a-f]{12}(_[A-Za-z0-9]{7})?\.\w+")
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
ORIGINAL_CACHE = "public, max-age=3600"


def media_file(root: Path, path: str) -> Path:
    """The file ``path`` names inside ``root``, or Http404 for anything that is not one."""
    if PurePosixPath(path).suffix.lower() not in CONTENT_TYPES:
        raise Http404("Not an image.")
    try:
        root = root.resolve(strict=True)
        full = (root / path).resolve(strict=True)
    except (OSError, ValueError) as exc:  # missing, or a NUL byte in the path
        raise Http404("No such file.") from exc
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404("No such file.")
    return full


@require_safe
def serve_media(request: HttpRequest, path: str) -> FileResponse | HttpResponseNotModified:
    """An uploaded image or rendition, with its type, nosniff and how long to cache it."""
    if not settings.NEWSROOM_SERVE_MEDIA:
        raise Http404("Media is served by the proxy.")
    full = media_file(Path(settings.MEDIA_ROOT), path)
    stat = full.stat()
    if not was_modified_since(request.headers.get("if-modified-since"), stat.st_mtime):
        return HttpResponseNotModified()
    response = FileResponse(full.open("rb"), content_type=CONTENT_TYPES[full.suffix.lower()])
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = IMMUTABLE_CACHE if IMMUTABLE.fullmatch(path) else ORIGINAL_CACHE
    return response
