"""Request size limits, applied before anything reads the body.

Django caps form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams any file upload to disk
whatever its size, and a view that reads ``request.body`` reads all of it. A request whose
declared length is over ``NEWSROOM_MAX_REQUEST_BYTES`` (images are capped at
``NEWSROOM_MAX_IMAGE_BYTES``, 20 MB, by ``newsroom.imaging``; the default leaves room for the
rest of the form) is refused with 413
before a byte is read. Requests without a length (chunked) are the proxy's to cap: set
nginx's ``client_max_body_size`` to the same value (README, Production).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.NEWSROOM_MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(
                "The request's Content-Length is not a number.\n",
                status=400,
                content_type="text/plain",
            )
        if length > limit:
            return HttpResponse(
                f"This request is {length // (1024 * 1024)} MB; the limit is "
                f"{limit // (1024 * 1024)} MB. Upload a smaller file.\n",
                status=413,
                content_type="text/plain",
            )
        return self.get_response(request)
