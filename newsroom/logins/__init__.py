"""Signing in to the admin: throttled by django-axes, with opt-in TOTP two-factor (django-otp).

- ``site``: the default admin site; its login asks for a code once a user has confirmed an
  authenticator app, and every admin page reminds staff without one;
- ``lockout``: the 429 page axes answers with while a username + address pair is locked out;
- ``views``: the two-factor setup page (a QR code and a confirming code);
- ``two_factor``: what the rest ask about a user's devices.

The moves themselves (start and confirm a setup) are ``newsroom.actions.two_factor``.
"""
