"""Signing in through the admin's login form, and fresh two-factor codes, for the login tests."""

from __future__ import annotations

import time

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def sign_in(client, username: str, password: str = "pw", code: str = "", ip: str = "127.0.0.1"):
    """POST the admin login form as a browser at ``ip`` would."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": code, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def code_for(device: TOTPDevice) -> str:
    """A code ``device`` accepts now and has not seen: the current step's, or, when that was
    used (a code is refused once used), the next step's, which it accepts within its tolerance
    of one step."""
    device.refresh_from_db()
    now = int((time.time() - device.t0) // device.step)
    offset = max(now + device.drift, device.last_t + 1) - now
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


def confirmed_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
