"""The claims changelist as CSV, for reviewers: exactly the rows the list shows now.

``ClaimExportMixin`` adds ``export.csv`` under the claims admin and an "Export CSV" link on the
changelist that carries the list's query string, so the search, filters and ordering the
reviewer set are the export's. The rows come from the changelist's own queryset (one query,
read in chunks) and are written as they are read (``StreamingHttpResponse``), so a large export
neither holds every row in memory nor runs a query per row.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (tab and
carriage return too, in some); such cells are written with a leading apostrophe, as OWASP's
CSV-injection guidance advises, so a claim's statement can never run on a reviewer's machine.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone

from newsroom.models import CLAIM_RATED_STATUSES, Claim
from newsroom.models.claims import citation_count

EXPORT_PERMISSION = "newsroom.review_claim"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = (
    "statement",
    "kind",
    "claimant",
    "verdict",
    "status",
    "reviewer",
    "reviewed_at",
    "sources",
    "citations",
    "public_url",
)


def safe_cell(value: object) -> str:
    """``value`` as text a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object that hands back what is written, for ``csv.writer`` to stream."""

    def write(self, value: str) -> str:
        return value


def claim_rows(claims: Iterable[Claim], request: HttpRequest) -> Iterator[list[str]]:
    """The header, then one row per claim (loaded with claimant, reviewer and the counts)."""
    yield list(HEADER)
    for claim in claims:
        claimant = claim.claimant_person or claim.claimant_organization
        reviewer = claim.reviewer
        public = claim.status in CLAIM_RATED_STATUSES and bool(claim.verdict)
        yield [
            safe_cell(value)
            for value in (
                claim.statement,
                claim.get_kind_display(),
                claimant or "",
                claim.get_verdict_display() if claim.verdict else "",
                claim.get_status_display(),
                (reviewer.get_full_name() or reviewer.get_username()) if reviewer else "",
                timezone.localtime(claim.reviewed_at).isoformat(timespec="seconds")
                if claim.reviewed_at
                else "",
                claim.independent_sources,
                claim.sources_cited,
                request.build_absolute_uri(claim.get_absolute_url()) if public else "",
            )
        ]


class ClaimExportMixin:
    """For ``ClaimAdmin``: ``export.csv`` of the changelist as filtered, for reviewers."""

    change_list_template = "admin/newsroom/claim/change_list.html"

    def has_export_permission(self, request: HttpRequest) -> bool:
        """Reviewers export (``newsroom.review_claim``: fact-checkers and editors)."""
        return request.user.has_perm(EXPORT_PERMISSION)

    def get_urls(self):
        """Add ``export.csv`` before the admin's own addresses (which would read it as an id)."""
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """The list, with the export link carrying its query string when the user may export."""
        extra_context = dict(extra_context or {})
        if self.has_export_permission(request):
            url = reverse(f"{self.admin_site.name}:newsroom_claim_export")
            query = request.GET.urlencode()
            extra_context["export_url"] = f"{url}?{query}" if query else url
        return super().changelist_view(request, extra_context)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """Stream the claims the changelist shows for this query string, all pages of it."""
        if not (self.has_view_permission(request) and self.has_export_permission(request)):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(
                "These filters are not ones the claims list offers; export from the list.",
                content_type="text/plain; charset=utf-8",
            )
        claims = (
            changelist.get_queryset(request)
            .select_related("claimant_person", "claimant_organization", "reviewer")
            .annotate(sources_cited=citation_count(counted=Count("source", distinct=True)))
        )
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in claim_rows(claims.iterator(chunk_size=500), request)),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
        return response
