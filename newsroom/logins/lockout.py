"""What a locked-out sign-in sees: 429, Retry-After, and a page saying when to try again.

django-axes calls ``lockout_response`` (``AXES_LOCKOUT_CALLABLE``) for the failure that locks a
username + address pair and for every try while it stays locked. The cool-off runs from the
failure that locked the pair (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so the
time shown stays true however often the form is sent again.
"""

from __future__ import annotations

import math

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The branded 429 page; ``Retry-After`` is the seconds left until the pair is unlocked."""
    now = timezone.now()
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request)
    locked_at = (
        AccessAttempt.objects.filter(
            username=username, ip_address=getattr(request, "axes_ip_address", None)
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    ) or now
    until = locked_at + cool_off
    retry_after = max(1, math.ceil((until - now).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "title": "Signing in is paused",
        "username": username,
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60),
        "until": until,
        "minutes_left": math.ceil(retry_after / 60),
    }
    response: HttpResponse = TemplateResponse(
        request, "admin/lockout.html", context, status=429
    ).render()
    response["Retry-After"] = str(retry_after)
    return response
