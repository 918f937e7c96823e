"""Admin for imports: "Import a report" (the add page) and the review of an import's candidates
(its change page).

The pages only read forms and call ``newsroom.actions.imports``; a refusal (``ImportRefused``)
comes back as the form's error or a message, and nothing was created. Editors and writers import
and decide candidates; fact-checkers see the review screen without its buttons.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from newsroom.actions import imports
from newsroom.exceptions import DuplicateImport, ImportRefused
from newsroom.history.admin import HistoryAdmin
from newsroom.models import (
    CandidateStatus,
    Claim,
    ImportCandidate,
    Source,
    SourceImport,
    SourceKind,
)
from profiles.models import Organization, Person


class ImportForm(forms.Form):
    """One report, given one of three ways, and what the report may not say about itself."""

    file = forms.FileField(
        required=False,
        help_text="A .txt or .html file (at most 2 MB).",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )
    text = forms.CharField(
        label="or paste its text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
    )
    fetch_url = forms.CharField(
        label="or its address",
        required=False,
        max_length=500,
        help_text="An http(s) address the server fetches (10 seconds, 2 MB at most).",
    )
    title = forms.CharField(
        required=False, max_length=300, help_text="Leave empty to use the report's headline."
    )
    publisher = forms.ModelChoiceField(
        queryset=Organization.objects.all(),
        required=False,
        widget=AutocompleteSelect(Source._meta.get_field("publisher"), admin.site),
    )
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.NEWS_REPORT)
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Where the report is published, if not the address above.",
    )
    published_on = forms.DateField(
        label="published on",
        required=False,
        widget=AdminDateWidget,
        help_text="Leave empty to use the date the report gives.",
    )

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("file", "text", "fetch_url") if cleaned.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                "Give the report one way: a file, its pasted text, or its address."
            )
        return cleaned


class CandidateForm(forms.Form):
    """A candidate's decision: accept (with the statement and claimant as edited), merge into
    another pending candidate, or discard."""

    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 70}))
    claimant_person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        label="said by (person)",
        widget=AutocompleteSelect(Claim._meta.get_field("claimant_person"), admin.site),
    )
    claimant_organization = forms.ModelChoiceField(
        queryset=Organization.objects.all(),
        required=False,
        label="said by (organization)",
        widget=AutocompleteSelect(Claim._meta.get_field("claimant_organization"), admin.site),
    )
    into = forms.ModelChoiceField(
        queryset=ImportCandidate.objects.none(), required=False, label="merge into"
    )

    def __init__(self, *args, candidate: ImportCandidate, others: list, **kwargs):
        claim = candidate.claim
        kwargs.setdefault(
            "initial",
            {
                "statement": claim.statement if claim else candidate.quotation,
                "claimant_person": claim.claimant_person_id if claim else None,
                "claimant_organization": claim.claimant_organization_id if claim else None,
            },
        )
        super().__init__(*args, prefix=f"c{candidate.pk}", **kwargs)
        self.fields["into"].queryset = ImportCandidate.objects.filter(
            pk__in=[other.pk for other in others]
        )
        self.fields["into"].label_from_instance = lambda c: f"#{c.position} {c}"


MOVES = ("accept", "merge", "discard")


@admin.register(SourceImport)
class SourceImportAdmin(HistoryAdmin):
    """Imports: the list, "Import a report" as the add page, the candidates' review as the
    change page."""

    import_template = "admin/newsroom/sourceimport/import_form.html"
    review_template = "admin/newsroom/sourceimport/review.html"
    list_display = ("__str__", "origin", "created_by", "created_at", "pending_count")
    list_filter = ("created_at",)
    list_select_related = ("source", "created_by")
    search_fields = ("source__title", "origin")
    date_hierarchy = "created_at"
    fieldsets = ((None, {"fields": ("source", "origin")}),)

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceImport]:
        """Count pending candidates in the list query itself, not once per row."""
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_total=Count(
                    "candidates", filter=Q(candidates__status=CandidateStatus.PENDING)
                )
            )
        )

    @admin.display(description="pending", ordering="pending_total")
    def pending_count(self, obj: SourceImport) -> int:
        return obj.pending_total

    def get_urls(self):
        """Add ``<id>/candidate/<candidate id>/``, the decisions' POST target."""
        return [
            path(
                "<path:object_id>/candidate/<int:candidate_id>/",
                self.admin_site.admin_view(self.decide_view),
                name="newsroom_sourceimport_decide",
            ),
            *super().get_urls(),
        ]

    # -- Import a report

    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        """The import form; on success, the new import's review page."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = self._import(request, form.cleaned_data)
            except DuplicateImport as duplicate:
                link = reverse("admin:newsroom_source_change", args=[duplicate.source.pk])
                form.add_error(None, format_html('{} <a href="{}">Open it</a>.', duplicate, link))
            except ImportRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                found = len(result.candidates)
                self.message_user(
                    request,
                    f"Imported “{result.source}”: {found} candidate claim"
                    f"{'' if found == 1 else 's'} to review.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:newsroom_sourceimport_change", args=[result.source_import.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a report",
            "subtitle": None,
            "opts": self.model._meta,
            "form": form,
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.import_template, context)

    def _import(self, request: HttpRequest, data: dict) -> imports.ImportResult:
        upload = data.get("file")
        if upload is not None:
            if upload.size > imports.max_bytes():
                raise imports.too_large(upload.size)
            report = imports.read_upload(
                upload.read(), name=upload.name, content_type=upload.content_type or ""
            )
        elif data.get("text"):
            report = imports.read_text(data["text"])
        else:
            report = imports.fetch_url(data["fetch_url"].strip())
        return imports.import_report(
            report=report,
            actor=request.user,
            publisher=data.get("publisher"),
            url=data.get("url") or "",
            published_on=data.get("published_on"),
            kind=data.get("kind") or SourceKind.NEWS_REPORT,
            title=data.get("title") or "",
        )

    # -- Reviewing the candidates

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        """The import's candidates, each with its claim, evidence and — for those who may decide
        — its accept / merge / discard form."""
        source_import = self._get_import(request, object_id)
        if not self.has_view_or_change_permission(request, source_import):
            raise PermissionDenied
        may_decide = self.has_change_permission(request, source_import)
        candidates = list(
            source_import.candidates.select_related(
                "claim__claimant_person", "claim__claimant_organization", "merged_into"
            ).prefetch_related(
                "claim__about_people", "claim__about_organizations", "claim__citations"
            )
        )
        pending = [c for c in candidates if c.status == CandidateStatus.PENDING]
        rows = []
        for candidate in candidates:
            form = None
            if may_decide and candidate in pending:
                others = [other for other in pending if other.pk != candidate.pk]
                form = CandidateForm(candidate=candidate, others=others)
            rows.append({"candidate": candidate, "form": form})
        media = self.media
        for row in rows:
            if row["form"] is not None:
                media += row["form"].media
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review the import of “{source_import.source}”",
            "subtitle": None,
            "opts": self.model._meta,
            "object": source_import,
            "original": source_import,
            "source": source_import.source,
            "rows": rows,
            "pending_count": len(pending),
            "may_decide": may_decide,
            "media": media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.review_template, context)

    def decide_view(self, request: HttpRequest, object_id: str, candidate_id: int) -> HttpResponse:
        """Accept, merge or discard one candidate (POST only); back to the review page."""
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        source_import = self._get_import(request, object_id)
        if not self.has_change_permission(request, source_import):
            raise PermissionDenied
        review_url = reverse("admin:newsroom_sourceimport_change", args=[source_import.pk])
        candidate = source_import.candidates.select_related("claim").filter(pk=candidate_id).first()
        if candidate is None:
            raise Http404("No such candidate in this import.")
        move = request.POST.get("move", "")
        others = list(
            imports.pending_candidates(source_import)
            .exclude(pk=candidate.pk)
            .select_related("claim")
        )
        form = CandidateForm(request.POST, candidate=candidate, others=others)
        if move not in MOVES:
            self.message_user(request, "Choose accept, merge or discard.", messages.ERROR)
            return HttpResponseRedirect(review_url)
        if move != "discard" and not form.is_valid():
            problems = "; ".join(
                f"{form.fields[name].label or name}: {' '.join(errors)}"
                if name in form.fields
                else " ".join(errors)
                for name, errors in form.errors.items()
            )
            self.message_user(request, f"{candidate}: {problems}", messages.ERROR)
            return HttpResponseRedirect(review_url)
        try:
            if move == "accept":
                data = form.cleaned_data
                imports.accept_candidate(
                    candidate=candidate,
                    actor=request.user,
                    statement=data["statement"],
                    claimant_person=data.get("claimant_person"),
                    claimant_organization=data.get("claimant_organization"),
                    set_claimant=True,
                )
                done = f"Accepted {candidate}: its draft claim is ready to submit for review."
            elif move == "merge":
                into = form.cleaned_data.get("into")
                if into is None:
                    raise ImportRefused("Choose the candidate to merge it into.")
                imports.merge_candidates(candidate=candidate, into=into, actor=request.user)
                done = f"Merged {candidate} into {into}."
            else:
                imports.discard_candidate(candidate=candidate, actor=request.user)
                done = f"Discarded {candidate}."
        except ImportRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(review_url)

    def _get_import(self, request: HttpRequest, object_id) -> SourceImport:
        source_import = self.get_object(request, unquote(str(object_id)))
        if source_import is None:
            raise Http404("No such import.")
        return source_import
