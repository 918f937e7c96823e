"""The read-only JSON API at /api/, built on Django Ninja: typed pydantic schemas
(``schemas.py``) from which the OpenAPI 3 document (/api/openapi.json) and its docs page
(/api/docs/) are generated. Ninja is what Wagtail 8's API v3 is built on.

- ``articles.py``, ``claims.py``, ``profiles.py``, ``events.py`` (sharing ``common.py``):
  articles, corrections, claims, sources, people, organizations, memberships and events, each a
  list (filters, pages, ``paging.py``) and a detail, published content only.
- ``popolo.py``: /api/popolo.json, people, organizations and memberships as Popolo.
- ``claimreview.py``: /api/claimreview/, the schema.org DataFeed of every public ClaimReview.

Errors are JSON, ``{"detail": "..."}``, always: 400 for a query parameter the endpoint does not
take or a value it cannot use (named in the message), 404 for an unknown record, page or
address under /api/, 405 for any method but GET and HEAD (HEAD answers like GET). The URL
names live in the ``newsroom`` namespace (``newsroom:api_claim``), so the page cache
(newsroom/pagecache.py) caches them for anonymous readers like every public page.
"""

from __future__ import annotations

import functools
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path, reverse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from newsroom.api import articles, claimreview, claims, common, events, popolo, profiles, schemas
from newsroom.api.paging import refuse_unknown


class JSONRenderer(BaseRenderer):
    """UTF-8 as it is (蔡奇, not escapes)."""

    media_type = "application/json"

    def render(self, request, data, *, response_status):
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description=(
        "Read-only: what the public site shows, as data. Lists take filters as query "
        "parameters and answer a page at a time (count, next, previous, results)."
    ),
    urls_namespace="newsroom",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    renderer=JSONRenderer(),
)


def error(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for item in exc.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("query", "path")]
        # Query[Filters] puts the schema's own name first: keep the parameter's name.
        name = location[-1] if location else "request"
        problems.append(f"{name}: {item.get('msg', 'not valid')}")
    return error(request, 400, "Bad query parameter — " + "; ".join(problems))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, str(exc) or "Not found.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, str(exc))


@api.get("/", response=schemas.Index, url_name="api_index", tags=["index"])
def index(request: HttpRequest):
    """Where everything is."""
    refuse_unknown(request)
    names = [
        "articles", "claims", "people", "organizations", "memberships", "events", "sources",
        "corrections", "popolo", "claimreview",
    ]  # fmt: skip
    return {
        "endpoints": {name: common.api_url(request, name) for name in names},
        "openapi": request.build_absolute_uri(reverse("newsroom:openapi-json")),
        "docs": request.build_absolute_uri(reverse("newsroom:openapi-view")),
    }


for module in (articles, claims, profiles, events):
    api.add_router("", module.router)
api.add_router("", popolo.router)
api.add_router("", claimreview.router)


def read_only(view):
    """GET, and HEAD answered like GET; any other method a JSON 405. Every answer may be read
    from any origin (CORS), as the data is public."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error(
                request, 405, f"Method {request.method} is not allowed: the API only reads."
            )
            response["Allow"] = "GET, HEAD"
        else:
            method, request.method = request.method, "GET"
            try:
                response = view(request, *args, **kwargs)
            finally:
                request.method = method
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapper.csrf_exempt = True
    return wrapper


def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Any other address under /api/: a JSON 404, like the API's other misses."""
    return error(request, 404, f"No API endpoint at /api/{rest}")


def _urlpatterns() -> list:
    patterns = []
    for pattern in api.urls[0]:
        pattern.callback = read_only(pattern.callback)
        patterns.append(pattern)
    # Ends in a slash, so /api/articles still redirects to /api/articles/ (APPEND_SLASH).
    patterns.append(re_path(r"^(?P<rest>(?s:.+)/)$", read_only(not_found), name="api_not_found"))
    return patterns


# Included under api/ in newsroom/public_urls.py, without a namespace of its own.
urlpatterns = _urlpatterns()
