"""The workflow moves a claim's change page offers: one small form per move.

``claim_moves`` says which moves a user may make now, ``move_form`` builds the form that
collects each move's input for ``newsroom.actions.transition_claim``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from newsroom import actions
from newsroom.models import Claim, ClaimStatus, Verdict

REVIEW_PERMISSION = "newsroom.review_claim"


def eligible_reviewers(claim: Claim) -> QuerySet:
    """Active users who may review claims, less the claim's author and those who changed its
    wording or evidence (four-eyes).

    ``claim_move_problem`` is the rule; this only keeps the select's choices to people it
    would accept, without asking each user's permissions one by one.
    """
    permission = Permission.objects.filter(
        codename="review_claim", content_type__app_label="newsroom"
    )
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission),
            is_active=True,
        )
        .exclude(pk__in=[pk for pk in (claim.created_by_id, claim.statement_edited_by_id) if pk])
        .exclude(pk__in=claim.evidence_editors.values("pk"))
        .distinct()
        .order_by("username")
    )


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


class AssignForm(MoveForm):
    assignee = forms.ModelChoiceField(queryset=None, label="Reviewer", empty_label=None)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reviewers = eligible_reviewers(self.claim)
        self.fields["assignee"].queryset = reviewers
        if not self.is_bound:
            me = [user for user in reviewers if user.pk == self.user.pk]
            self.initial["assignee"] = me[0].pk if me else None

    def action_kwargs(self) -> dict:
        return {**super().action_kwargs(), "assignee": self.cleaned_data["assignee"]}


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
class Move:
    label: str
    form_class: type[forms.Form]
    # Moves that give up a step are drawn as secondary buttons, after the others.
    backwards: bool = False


MOVES: dict[tuple[str, str], Move] = {
    (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED): Move("Submit for review", MoveForm),
    (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW): Move("Assign for review", AssignForm),
    (ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED): Move("Rate", RateForm),
    (ClaimStatus.REOPENED, ClaimStatus.REVIEWED): Move("Rate again", RateForm),
    (ClaimStatus.REVIEWED, ClaimStatus.REOPENED): Move("Reopen", ReopenForm),
    (ClaimStatus.SUBMITTED, ClaimStatus.DRAFT): Move("Send back to draft", MoveForm, True),
    (ClaimStatus.IN_REVIEW, ClaimStatus.SUBMITTED): Move("Send back to the queue", MoveForm, True),
}


def claim_moves(claim: Claim, user) -> list[str]:
    """The statuses ``user`` may move ``claim`` to now, forward moves first.

    ``actions.available_claim_moves`` asks whether the user may take the claim into review
    themselves; someone barred by four-eyes (the claim's author, say) may still assign it to
    another fact-checker, so "assign" is offered when anyone eligible is left.
    """
    moves = actions.available_claim_moves(claim, user)
    if (
        ClaimStatus.IN_REVIEW not in moves
        and claim.can_transition_to(ClaimStatus.IN_REVIEW)
        and user.has_perm(REVIEW_PERMISSION)
        and eligible_reviewers(claim).exists()
    ):
        moves.append(ClaimStatus.IN_REVIEW)
    return sorted(moves, key=lambda status: MOVES[(claim.status, status)].backwards)


def move_form(claim: Claim, user, to_status: str, data=None) -> forms.Form:
    """The form for moving ``claim`` to ``to_status``, bound to ``data`` when given."""
    form_class = MOVES[(claim.status, to_status)].form_class
    return form_class(data, claim=claim, user=user, prefix=f"move-{to_status}")
