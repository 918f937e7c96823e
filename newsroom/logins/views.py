"""The admin's two-factor setup page: scan a QR code, confirm with a code.

Served by the admin site (``admin:two_factor``), so only signed-in staff reach it. The QR code
is an SVG image of its own (``admin:two_factor_qr_code``): no inline script or style, so the
site's strict Content-Security-Policy holds.
"""

from __future__ import annotations

import io
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.actions.two_factor import confirm_totp_device, start_totp_setup
from newsroom.exceptions import TwoFactorError
from newsroom.logins.two_factor import confirmed_device


def _grouped(secret: str) -> str:
    """The base32 secret in groups of four, as authenticator apps ask for it when typed."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """GET shows the QR code and secret of the user's pending device (or that two-factor
    sign-in is on); POST confirms the device with a code and verifies this session."""
    site = admin.site
    device = confirmed_device(request.user)
    error = ""
    if device is None and request.method == "POST":
        try:
            device = confirm_totp_device(user=request.user, token=request.POST.get("otp_token", ""))
        except TwoFactorError as refused:
            error = str(refused)
        else:
            # The session that confirmed the device counts as signed in with it, or the admin
            # would send the user straight back to the login page.
            django_otp.login(request, device)
            messages.success(
                request,
                "Two-factor sign-in is on. From now on the admin asks for a code from your "
                "authenticator app each time you sign in.",
            )
            return redirect(reverse(f"{site.name}:index"))
    context = {
        **site.each_context(request),
        "title": "Two-factor sign-in",
        "device": device,
        "error": error,
        "two_factor_reminder": False,  # this page is what the reminder points to
    }
    if device is None:
        pending = start_totp_setup(user=request.user)
        context["secret"] = _grouped(b32encode(pending.bin_key).decode())
    return TemplateResponse(request, "admin/two_factor.html", context)


@never_cache
def two_factor_qr_code(request: HttpRequest) -> HttpResponse:
    """The pending device's otpauth:// address as a QR code (SVG); 404 once confirmed."""
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if pending is None:
        raise Http404("No two-factor setup in progress.")
    image = qrcode.make(pending.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    out = io.BytesIO()
    image.save(out)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")
