"""The fact-checker's side of the claim admin: the review panel and the moves behind it.

``ClaimReviewMixin`` gives ``ClaimAdmin`` a change page that shows the evidence
(``admin.evidence``) and one small form per workflow move the user may make now, each posting
to ``claim_move_view``. Which moves those are is ``actions.claims.available_moves``; the moves
themselves, and the reopening of a reviewed claim whose content changed, are
``newsroom.actions``. This module only collects input, shows results and turns
``WorkflowError`` into messages — the same shape as ``admin.publishing`` for articles.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.forms.models import ModelChoiceIterator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.utils.html import format_html

from newsroom import actions
from newsroom.actions.claims import ClaimMove
from newsroom.admin.evidence import claim_evidence, evidence_flags
from newsroom.exceptions import WorkflowError
from newsroom.models import MIN_INDEPENDENT_SOURCES, Claim, ClaimStatus, Verdict
from newsroom.names import user_name

# ---------------------------------------------------------------------------------------------
# One small form per move


class MoveForm(forms.Form):
    """A move with an optional note for the review history."""

    required_css_class = "required"

    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 30}),
        help_text="Kept in the review history.",
    )

    def __init__(self, *args, claim: Claim, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.claim, self.user = claim, user

    def action_kwargs(self) -> dict:
        """The keyword arguments ``actions.transition_claim`` takes from this form."""
        return {"note": self.cleaned_data.get("note", "")}


class _OfferedChoices(ModelChoiceIterator):
    """The select's options: the field's ``offered`` users, not its whole queryset."""

    def __init__(self, field) -> None:
        super().__init__(field)
        if field.offered is not None:
            self.queryset = field.offered


class ReviewerChoiceField(forms.ModelChoiceField):
    """Any fact-checker is a valid answer; the select offers only ``offered`` (those eligible).

    Whether the one chosen may take the claim is the workflow's question (four-eyes, in
    ``newsroom.actions``): a fact-checker the claim's author picks, or one who became
    ineligible since the page was drawn, gets the action's plain refusal, not "Select a valid
    choice".
    """

    iterator = _OfferedChoices
    offered = None

    def label_from_instance(self, obj) -> str:
        return user_name(obj)


class AssignForm(MoveForm):
    assignee = ReviewerChoiceField(queryset=None, label="Reviewer", empty_label=None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        eligible = actions.claims.eligible_reviewers(self.claim)
        field = self.fields["assignee"]
        field.queryset, field.offered = actions.claims.reviewers(), eligible
        field.widget.choices = field.choices
        if not self.is_bound:
            me = [user for user in eligible if user.pk == self.user.pk]
            self.initial["assignee"] = me[0].pk if me else None

    def action_kwargs(self) -> dict:
        return {**super().action_kwargs(), "assignee": self.cleaned_data["assignee"]}


class BulkAssignForm(forms.Form):
    """The changelist's "Assign selected claims to a reviewer…": one reviewer for them all.

    Offers every fact-checker who may take at least one of the claims (four-eyes, per claim:
    one query each), saying how many; the workflow refuses the rest, claim by claim.
    """

    required_css_class = "required"

    assignee = ReviewerChoiceField(queryset=None, label="Reviewer", empty_label=None)
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text="Kept in each claim's review history.",
    )

    def __init__(self, *args, claims: list[Claim], user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        takes: dict[int, int] = {}
        for claim in claims:
            for pk in actions.claims.eligible_reviewers(claim).values_list("pk", flat=True):
                takes[pk] = takes.get(pk, 0) + 1
        self.takes, self.total = takes, len(claims)
        field = self.fields["assignee"]
        field.queryset = actions.claims.reviewers()
        field.offered = field.queryset.filter(pk__in=takes)
        field.label_from_instance = self.label_for
        field.widget.choices = field.choices
        if user.pk in takes:
            self.initial.setdefault("assignee", user.pk)

    def label_for(self, user) -> str:
        taken = self.takes.get(user.pk, 0)
        if taken == self.total:
            return user_name(user)
        return f"{user_name(user)} (may take {taken} of the {self.total})"


class RateForm(forms.Form):
    required_css_class = "required"
    verdict = forms.ChoiceField(choices=[("", "Choose a verdict…"), *Verdict.choices])
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 40}),
        error_messages={"required": "Explain the verdict: a rationale is required."},
        help_text="Shown to readers with the verdict.",
    )

    def __init__(self, *args, claim: Claim, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.claim, self.user = claim, user

    def action_kwargs(self) -> dict:
        return {
            "verdict": self.cleaned_data["verdict"],
            "rationale": self.cleaned_data["rationale"],
        }


class ReopenForm(MoveForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        note.required, note.label = True, "What changed?"
        note.error_messages["required"] = "Say what changed: reopening a claim needs a note."


@dataclass(frozen=True)
class Button:
    """How the review panel draws a move of ``actions.claims.CLAIM_MOVES``."""

    label: str
    form_class: type[forms.Form]


BUTTONS: dict[str, Button] = {
    "submit": Button("Submit for review", MoveForm),
    "withdraw": Button("Send back to draft", MoveForm),
    "assign": Button("Assign for review", AssignForm),
    "unassign": Button("Send back to the queue", MoveForm),
    "rate": Button("Rate", RateForm),
    "reopen": Button("Reopen", ReopenForm),
}


def button_label(move: ClaimMove, claim: Claim) -> str:
    """What the move's button says: a reopened claim is rated again."""
    if move.name == "rate" and claim.status == ClaimStatus.REOPENED:
        return "Rate again"
    return BUTTONS[move.name].label


def move_form(claim: Claim, user, move: ClaimMove, data=None) -> forms.Form:
    """The form for making ``move`` on ``claim``, bound to ``data`` when given."""
    form_class = BUTTONS[move.name].form_class
    return form_class(data, claim=claim, user=user, prefix=f"move-{move.target}")


# ---------------------------------------------------------------------------------------------
# The admin


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
        """Add the review panel: flags, evidence side by side and the moves this user may make.

        ``claim_move_view`` passes the form it is showing again (bound to what was typed) in
        the context as ``bound_move_form``.
        """
        if obj is not None and not add:
            context.update(self.review_context(request, obj, context.get("bound_move_form")))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_context(
        self, request: HttpRequest, claim: Claim, bound: forms.Form | None = None
    ) -> dict:
        """What the review panel of ``templates/admin/newsroom/claim/change_form.html`` shows:
        one entry per move ``actions.claims.available_moves`` offers this user."""
        moves = []
        if self.has_change_permission(request, claim):
            for move in actions.claims.available_moves(claim, request.user):
                is_bound = bound is not None and bound.prefix == f"move-{move.target}"
                moves.append(
                    {
                        "to_status": move.target,
                        "label": button_label(move, claim),
                        "backwards": move.backwards,
                        "form": bound if is_bound else move_form(claim, request.user, move),
                        "url": reverse(
                            f"{self.admin_site.name}:newsroom_claim_move",
                            args=[claim.pk, move.target],
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
        offered = {
            move.target: move for move in actions.claims.available_moves(claim, request.user)
        }
        if to_status not in offered:
            problem = (
                actions.claim_move_problem(claim, request.user, to_status)
                if to_status in ClaimStatus.values
                else ""
            ) or "You cannot make that move on this claim now."
            self.message_user(request, problem, messages.ERROR)
            return HttpResponseRedirect(change_url)

        form = move_form(claim, request.user, offered[to_status], request.POST)
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
        return self.change_view(
            page_request, str(claim.pk), extra_context={"bound_move_form": form}
        )

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
