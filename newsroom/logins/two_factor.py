"""What the admin asks about a user's two-factor devices (reads only; the moves are in
``newsroom.actions.two_factor``)."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

# The admin asks on every request (permission check, reminder); one query per request is enough.
_CACHE_ATTR = "_newsroom_has_two_factor"


def confirmed_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_two_factor(user) -> bool:
    """Whether the user has a confirmed device, so that signing in needs its code."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        setattr(user, _CACHE_ATTR, cached)
    return cached


def is_verified(user) -> bool:
    """Whether this session was signed in with a device's code (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())
