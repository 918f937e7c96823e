"""The fact-checker's side of the claim admin: the review queue, the evidence and the moves.

``ClaimReviewMixin`` gives ``ClaimAdmin`` a change page that shows each citation's excerpt
highlighted in its source's archived text, the evidence flags, and one small form per workflow
move the user may make now, each posting to ``claim_move_view``. The moves themselves, and the
reopening of a reviewed claim whose content changed, are ``newsroom.actions``; this module only
collects input, shows results and turns ``WorkflowError`` into messages.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from newsroom import actions
from newsroom.admin.review_moves import MOVES, claim_moves, move_form
from newsroom.exceptions import WorkflowError
from newsroom.models import MIN_INDEPENDENT_SOURCES, Citation, Claim, ClaimStatus
from newsroom.verification import find_excerpt

WAITING_STATUSES = (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, ClaimStatus.REOPENED)

# The condition of ClaimQuerySet.flagged(), on a queryset already carrying
# with_evidence_flags() (annotating twice would join the citations twice).
FLAGGED_Q = Q(independent_sources__lt=MIN_INDEPENDENT_SOURCES) | Q(contradictions__gt=0)


# ---------------------------------------------------------------------------------------------
# The queue: list filters and the flag


class ReviewQueueFilter(admin.SimpleListFilter):
    """Claims waiting for a reviewer: mine, nobody's yet, or all of them."""

    title = "review queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return (
            ("mine", "Assigned to me"),
            ("unassigned", "Unassigned"),
            ("waiting", "All waiting for review"),
        )

    def queryset(self, request, queryset):
        waiting = queryset.filter(status__in=WAITING_STATUSES)
        if self.value() == "mine":
            return waiting.filter(assignee=request.user)
        if self.value() == "unassigned":
            return waiting.filter(assignee__isnull=True)
        if self.value() == "waiting":
            return waiting
        return queryset


class EvidenceFilter(admin.SimpleListFilter):
    """Claims on thin or contested evidence (needs ``with_evidence_flags`` on the queryset)."""

    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return (
            ("flagged", "Flagged"),
            ("few_sources", f"Fewer than {MIN_INDEPENDENT_SOURCES} independent sources"),
            ("contested", "Contested"),
            ("sound", "Not flagged"),
        )

    def queryset(self, request, queryset):
        conditions = {
            "flagged": FLAGGED_Q,
            "few_sources": Q(independent_sources__lt=MIN_INDEPENDENT_SOURCES),
            "contested": Q(contradictions__gt=0),
            "sound": ~FLAGGED_Q,
        }
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


class AgeFilter(admin.SimpleListFilter):
    """Claims nobody has touched for a while (by ``updated_at``): the queue's stale end."""

    title = "unchanged for"
    parameter_name = "age"
    AGES = {"day": dt.timedelta(days=1), "week": dt.timedelta(weeks=1)}

    def lookups(self, request, model_admin):
        return (("day", "More than a day"), ("week", "More than a week"))

    def queryset(self, request, queryset):
        if self.value() in self.AGES:
            return queryset.filter(updated_at__lt=timezone.now() - self.AGES[self.value()])
        return queryset


def evidence_flags(claim: Claim) -> list[str]:
    """Why ``claim`` is flagged, from its ``with_evidence_flags`` annotations; [] if it is not."""
    flags = []
    sources = getattr(claim, "independent_sources", None)
    if sources is not None and sources < MIN_INDEPENDENT_SOURCES:
        flags.append("No supporting source" if sources == 0 else "Only one independent source")
    if getattr(claim, "contradictions", 0):
        flags.append("Contested: a source contradicts this claim")
    return flags


# ---------------------------------------------------------------------------------------------
# Evidence: excerpts highlighted in their sources' archived text


def highlight(text: str, spans, *, css_class: str = "") -> SafeString:
    """``text`` escaped, with each (start, end) span wrapped in ``<mark>``."""
    parts: list[str] = []
    position = 0
    attrs = format_html(' class="{}"', css_class) if css_class else ""
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        parts.append(escape(text[position:start]))
        parts.append(format_html("<mark{}>{}</mark>", attrs, text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    # Safe: every piece was escaped above.
    return mark_safe("".join(parts))


def mark_passage(text: str, spans, omitted) -> SafeString:
    """``text`` from the first span to the last, escaped: each span in ``<mark>``, and the
    words left out between two spans (``omitted``, one per gap) greyed and labelled."""
    parts = [format_html("<mark>{}</mark>", text[spans[0][0] : spans[0][1]])]
    for (_, end), (start, stop), left_out in zip(spans, spans[1:], omitted, strict=False):
        if left_out:
            parts.append(
                format_html(
                    ' <span class="evidence__omitted"><span class="evidence__omitted-label">'
                    "left out by the ellipsis:</span> {}</span> ",
                    left_out,
                )
            )
        else:
            # No words between the two, perhaps the text's own "...": show it as it is.
            parts.append(escape(text[end:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:stop]))
    # Safe: every piece was escaped above.
    return mark_safe("".join(parts))


@dataclass
class Evidence:
    """One citation as the reviewer sees it: its excerpt located in its source's text.

    ``passage_html`` is the passage the fragments of an excerpt with an ellipsis were found in
    (or located in, when a rule rejects them), with what the ellipsis left out; ``reason`` says
    why an excerpt was not found.
    """

    citation: Citation
    source_html: SafeString
    found: bool | None
    closest_passage: str
    passage_html: SafeString = mark_safe("")
    reason: str = ""


def claim_evidence(claim: Claim) -> list[Evidence]:
    """Each citation of ``claim`` with its source's archived text, the excerpt marked in it.

    The stored ``excerpt_verified`` is what the workflow acts on; the spans are found again
    here because only the text offsets tell where to draw the marks, and the reason for a
    failure is not stored.
    """
    evidence = []
    for citation in claim.citations.select_related("source__publisher"):
        text = citation.source.archived_text
        if not text:
            evidence.append(Evidence(citation, mark_safe(""), None, ""))
            continue
        match = find_excerpt(citation.excerpt, text)
        # Without an ellipsis the passage is the excerpt itself, already marked in the text.
        passage = len(match.spans) > 1 and bool(match.passage)
        evidence.append(
            Evidence(
                citation,
                highlight(text, match.spans, css_class="" if match.found else "closest"),
                match.found,
                ""
                if match.found or passage
                else (match.closest_passage or citation.closest_passage),
                mark_passage(text, match.spans, match.omitted) if passage else mark_safe(""),
                match.reason,
            )
        )
    return evidence


# ---------------------------------------------------------------------------------------------
# The admin


_MOVE_FORMS_ATTR = "_newsroom_claim_move_forms"


class ClaimReviewMixin:
    """For ``ClaimAdmin``: the review panel on the change page and the move view behind it."""

    def get_urls(self):
        """Add ``<id>/move/<status>/``, ahead of the admin's catch-all object URL."""
        info = (self.model._meta.app_label, self.model._meta.model_name)
        return [
            path(
                "<path:object_id>/move/<str:to_status>/",
                self.admin_site.admin_view(self.claim_move_view),
                name="{}_{}_move".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Add the review panel: flags, evidence side by side and the moves this user may make."""
        if obj is not None and not add:
            context.update(self.review_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(self, request: HttpRequest, claim: Claim) -> dict:
        """What the review panel of ``templates/admin/newsroom/claim/change_form.html`` shows."""
        bound = getattr(request, _MOVE_FORMS_ATTR, {})
        moves = []
        if self.has_change_permission(request, claim):
            for to_status in claim_moves(claim, request.user):
                move = MOVES[(claim.status, to_status)]
                moves.append(
                    {
                        "to_status": to_status,
                        "label": move.label,
                        "backwards": move.backwards,
                        "form": bound.get(to_status) or move_form(claim, request.user, to_status),
                        "url": reverse(
                            f"{self.admin_site.name}:newsroom_claim_move",
                            args=[claim.pk, to_status],
                        ),
                    }
                )
        return {
            "claim_flags": evidence_flags(claim),
            "claim_evidence": claim_evidence(claim),
            "claim_moves": moves,
        }

    def claim_move_view(self, request: HttpRequest, object_id: str, to_status: str) -> HttpResponse:
        """Make one workflow move from the change page's buttons (POST only).

        Refused moves (not offered to this user, or refused by the action) come back as error
        messages; a form with errors, or refused after the user typed a rationale or note, is
        shown again with what was typed.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404("No such claim.")
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        change_url = reverse(f"{self.admin_site.name}:newsroom_claim_change", args=[claim.pk])
        if to_status not in claim_moves(claim, request.user):
            problem = (
                actions.claim_move_problem(claim, request.user, to_status)
                if to_status in ClaimStatus.values
                else ""
            ) or "You cannot make that move on this claim now."
            self.message_user(request, problem, messages.ERROR)
            return HttpResponseRedirect(change_url)

        form = move_form(claim, request.user, to_status, request.POST)
        if form.is_valid():
            try:
                moved = actions.transition_claim(
                    claim=claim, to_status=to_status, actor=request.user, **form.action_kwargs()
                )
            except WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
                typed = [
                    form.cleaned_data.get(name)
                    for name, field in form.fields.items()
                    if isinstance(field.widget, forms.Textarea)
                ]
                if not any(typed):
                    return HttpResponseRedirect(change_url)
            else:
                self.message_user(request, self._done_message(moved), messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        # Show the change page again, this form bound to what was typed.
        page_request = copy.copy(request)
        page_request.method = "GET"
        setattr(page_request, _MOVE_FORMS_ATTR, {to_status: form})
        return self.change_view(page_request, str(claim.pk))

    @staticmethod
    def _done_message(claim: Claim) -> str:
        if claim.status == ClaimStatus.REVIEWED:
            return f"Rated “{claim}” {claim.get_verdict_display().lower()}."
        if claim.status == ClaimStatus.IN_REVIEW:
            return f"“{claim}” is in review, assigned to {claim.assignee}."
        return f"“{claim}” is now {claim.get_status_display().lower()}."

    @admin.display(description="sources", ordering="independent_sources")
    def source_count(self, obj: Claim) -> int:
        return obj.independent_sources

    @admin.display(description="flag")
    def flag(self, obj: Claim) -> str:
        flags = evidence_flags(obj)
        if not flags:
            return ""
        words = []
        if obj.independent_sources < MIN_INDEPENDENT_SOURCES:
            words.append("no source" if obj.independent_sources == 0 else "one source")
        if obj.contradictions:
            words.append("contested")
        return format_html(
            '<span class="claim-flag" title="{}">⚑ {}</span>',
            "; ".join(flags),
            ", ".join(words),
        )
