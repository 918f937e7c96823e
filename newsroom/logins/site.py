"""The newsroom's default admin site (``admin.site``, through ``NewsroomAdminConfig``).

Like django-otp's ``OTPAdminSite``, but opt-in: a user with a confirmed authenticator app must
sign in with its code (a session signed in without one is not let in), while a user without
one signs in with a password and sees a reminder on every admin page until they turn it on.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import urlencode

from newsroom.actions.two_factor import check_totp_token
from newsroom.exceptions import TwoFactorError
from newsroom.logins.two_factor import confirmed_device, has_two_factor, is_verified
from newsroom.models import CLAIM_WAITING_STATUSES, Claim
from newsroom.roles import lands_on_review_queue


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form with an authentication code, required only from users who have
    confirmed an authenticator app. The password is checked first, so the form says nothing
    about an account's second factor to someone without its password."""

    otp_token = forms.CharField(
        label="Authentication code",
        required=False,
        max_length=12,
        help_text="Only if you have turned on two-factor sign-in: the six digits your "
        "authenticator app shows now.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "token_required": "Two-factor sign-in is on for this account: enter the six-digit "
        "code your authenticator app shows.",
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_device(user)
        if device is None:
            return cleaned_data
        token = cleaned_data.get("otp_token", "")
        try:
            if not token.strip():
                raise TwoFactorError(self.error_messages["token_required"])
            check_totp_token(device=device, token=token)
        except TwoFactorError as error:
            # A wrong code counts as a failed sign-in for axes too, so a stolen password
            # does not buy unlimited guesses at the code.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(str(error), code="invalid_token") from error
        # django-otp's user_logged_in receiver stores this device in the session: verified.
        user.otp_device = device
        return cleaned_data


def review_queue_url(site_name: str = "admin", queue: str = "waiting") -> str:
    """The claims list filtered to the review queue (``admin.filters.ReviewQueueFilter``)."""
    changelist = reverse(f"{site_name}:newsroom_claim_changelist", current_app=site_name)
    return f"{changelist}?{urlencode({'queue': queue})}"


def review_queue(request) -> dict:
    """The queue's counts for the admin's home (one query): waiting, unassigned, mine."""
    counts = Claim.objects.filter(status__in=CLAIM_WAITING_STATUSES).aggregate(
        waiting=Count("pk"),
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
        mine=Count("pk", filter=Q(assignee=request.user)),
    )
    return {
        kind: {"count": counts[kind], "url": review_queue_url(queue=kind)}
        for kind in ("waiting", "unassigned", "mine")
    }


class NewsroomAdminSite(admin.AdminSite):
    """The admin, with two-factor sign-in for the users who have turned it on."""

    login_form = TwoFactorAuthenticationForm
    login_template = "admin/newsroom_login.html"

    def has_permission(self, request) -> bool:
        """Active staff, and, once they have a confirmed device, signed in with its code."""
        if not super().has_permission(request):
            return False
        return is_verified(request.user) or not has_two_factor(request.user)

    def each_context(self, request) -> dict:
        """Adds ``two_factor_reminder`` for staff who have not turned two-factor sign-in on."""
        context = super().each_context(request)
        user = request.user
        context["two_factor_reminder"] = bool(
            getattr(user, "is_active", False)
            and getattr(user, "is_staff", False)
            and not has_two_factor(user)
        )
        return context

    def login(self, request, extra_context=None):
        """Django's login; a fact-checker sent to the admin's home lands on the review queue
        instead (``roles.lands_on_review_queue``)."""
        response = super().login(request, extra_context)
        if (
            response.status_code == 302
            and response["Location"] == reverse("admin:index", current_app=self.name)
            and lands_on_review_queue(request.user)
        ):
            return HttpResponseRedirect(review_queue_url(self.name))
        return response

    def index(self, request, extra_context=None):
        """The admin's home, with the review queue's counts for those who review claims."""
        if request.user.has_perm("newsroom.review_claim"):
            extra_context = {**(extra_context or {}), "review_queue": review_queue(request)}
        return super().index(request, extra_context)

    def get_urls(self):
        from newsroom.logins import views

        return [
            path("two-factor/", self.admin_view(views.two_factor_setup), name="two_factor"),
            path(
                "two-factor/qr.svg",
                self.admin_view(views.two_factor_qr_code),
                name="two_factor_qr_code",
            ),
            *super().get_urls(),
        ]
