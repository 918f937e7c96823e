"""Two-factor sign-in (TOTP, django-otp): starting and confirming an authenticator app.

Opt-in for now: a user without a confirmed device signs in with a password alone (and the admin
reminds them). A confirmed device makes its code part of every admin sign-in
(``newsroom.logins.site``). django-otp throttles wrong codes per device (a delay doubling with
each failure) and refuses a code used before, here as at sign-in.
"""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.exceptions import TwoFactorError

DEVICE_NAME = "Authenticator app"


def check_totp_token(*, device: TOTPDevice, token: str) -> None:
    """Verify ``token`` against ``device``, keeping django-otp's throttle and reuse guard.

    Runs in its own transaction and raises after it has committed: a refused code must still
    count towards the device's throttle. Raises ``TwoFactorError`` when the code is refused.
    """
    token = "".join(token.split())
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        matched = allowed and device.verify_token(token)
    if not allowed:
        raise TwoFactorError("Too many wrong codes: wait a few seconds, then enter a new code.")
    if not matched:
        raise TwoFactorError(
            "That code is not right, or it was already used. Enter the code your "
            "authenticator app shows now."
        )


@transaction.atomic
def start_totp_setup(*, user) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator, created with a fresh secret if needed.

    Raises ``TwoFactorError`` if the user already has a confirmed one.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise TwoFactorError("Two-factor sign-in is already on for this account.")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm_totp_device(*, user, token: str) -> TOTPDevice:
    """Confirm the user's pending authenticator with a code it shows; from then on every admin
    sign-in asks for a code. The caller marks the current session as verified.

    Raises ``TwoFactorError`` if there is nothing to confirm or the code is refused.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise TwoFactorError("There is no setup to confirm: start again from the QR code.")
    check_totp_token(device=device, token=token)
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device.refresh_from_db()
    return device
