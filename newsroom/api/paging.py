"""Query parameters and pages: what every list endpoint shares.

Each list endpoint takes its filters as one schema (a subclass of ``ListParams``, itself
Ninja's ``FilterSchema``): each field says the lookup it filters by (``FilterLookup``, or a
``filter_<name>`` method for a subquery), and ``filters.filter(queryset)`` applies those given.
Ninja validates the values (a bad one is a 400 naming it, ``newsroom/api/__init__.py``); a name
the schema does not declare is refused here, so a misspelt filter never silently returns
everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import FilterSchema
from ninja.errors import HttpError
from ninja.filter_schema import FilterConfigDict
from pydantic import BeforeValidator, Field


def _iso(parse):
    """Only ISO 8601 text: pydantic alone would also read ``0.5`` as a Unix timestamp."""

    def check(value):
        if isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                raise ValueError(f"not an ISO 8601 value: {value!r}") from None
        return value

    return BeforeValidator(check)


def _utc_datetime(text: str) -> dt.datetime:
    """An ISO 8601 datetime as UTC (one without an offset is in the site's time zone): the
    databases take any instant, not any offset (PostgreSQL refuses ``+20:50``)."""
    value = dt.datetime.fromisoformat(text)
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise ValueError("out of range") from None


IsoDate = Annotated[dt.date, _iso(dt.date.fromisoformat)]
IsoDateTime = Annotated[dt.datetime, _iso(_utc_datetime)]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50


class ListParams(FilterSchema):
    """Paging, which every list takes; its subclasses add the filters."""

    model_config = FilterConfigDict(extra="forbid")

    page: int = Field(1, ge=1, description="Which page, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page (at most 100)."
    )

    # Which page is no filter.
    def filter_page(self, value: int) -> Q:
        return Q()

    def filter_page_size(self, value: int) -> Q:
        return Q()


def refuse_unknown(request: HttpRequest, allowed: Iterable[str] = ()) -> None:
    """A 400 for any query parameter not in ``allowed``."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        names = ", ".join(unknown)
        raise HttpError(400, f"Unknown query parameter: {names}.")


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    params: ListParams,
    render: Callable[[HttpRequest, Any], dict],
) -> dict[str, Any]:
    """One page of ``queryset`` as ``{count, next, previous, results}`` with absolute links;
    a page past the last is a 404."""
    refuse_unknown(request, type(params).model_fields)
    paginator = Paginator(queryset, params.page_size)
    try:
        page = paginator.page(params.page)
    except EmptyPage as error:
        raise Http404(f"No such page: {error}") from error

    def link(number: int | None) -> str | None:
        if number is None:
            return None
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "next": link(page.next_page_number() if page.has_next() else None),
        "previous": link(page.previous_page_number() if page.has_previous() else None),
        "results": [render(request, obj) for obj in page.object_list],
    }
