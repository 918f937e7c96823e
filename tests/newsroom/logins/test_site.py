"""Two-factor sign-in (django-otp TOTP), opt-in: staff set up an authenticator app on the admin's
setup page; from then on the admin's login asks for its code; until then, every admin page
reminds them."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.logins import code_for, confirmed_device_for, sign_in

pytestmark = pytest.mark.django_db

REMINDER = 'id="two-factor-reminder"'


def admin_home(client):
    return client.get(reverse("admin:index"))


def test_without_a_device_a_password_is_enough_and_every_admin_page_reminds(client, editor):
    assert sign_in(client, "editor").status_code == 302
    for url in (
        reverse("admin:index"),
        reverse("admin:newsroom_claim_changelist"),
        reverse("admin_recent_changes"),
    ):
        page = client.get(url)
        assert page.status_code == 200 and REMINDER in page.content.decode(), url
        assert reverse("admin:two_factor") in page.content.decode()


def test_setup_shows_a_qr_code_and_a_right_code_turns_it_on(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:two_factor"))
    html = page.content.decode()
    assert page.status_code == 200 and reverse("admin:two_factor_qr_code") in html
    assert REMINDER not in html  # the page the reminder leads to does not repeat it
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # The key shown for typing is the device's secret, and the QR code its otpauth:// address.
    secret = html.split('id="two-factor-secret">')[1].split("<")[0].replace(" ", "")
    assert b32decode(secret) == device.bin_key
    qr = client.get(reverse("admin:two_factor_qr_code"))
    assert qr["Content-Type"] == "image/svg+xml" and "no-store" in qr["Cache-Control"]
    assert b"<svg" in qr.content and b"style=" not in qr.content and b"<script" not in qr.content
    # Reloading the page keeps the same pending device (the QR code already scanned stays good).
    client.get(reverse("admin:two_factor"))
    assert TOTPDevice.objects.filter(user=editor).count() == 1

    wrong = client.post(reverse("admin:two_factor"), {"otp_token": "000000"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    response = client.post(reverse("admin:two_factor"), {"otp_token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # This session counts as verified, so the admin stays open, and the reminder is gone.
    home = admin_home(client)
    assert home.status_code == 200 and REMINDER not in home.content.decode()
    assert "Two-factor sign-in is on" in home.content.decode()
    status = client.get(reverse("admin:two_factor")).content.decode()
    assert 'id="two-factor-on"' in status
    assert client.get(reverse("admin:two_factor_qr_code")).status_code == 404


def test_with_a_device_the_login_asks_for_the_code(client, editor):
    device = confirmed_device_for(editor)

    without = sign_in(client, "editor")
    assert without.status_code == 200
    assert "enter the six-digit code" in without.content.decode()
    assert admin_home(client).status_code == 302

    wrong = sign_in(client, "editor", code="123456")
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    assert admin_home(client).status_code == 302

    device.throttle_reset()
    assert sign_in(client, "editor", code=code_for(device)).status_code == 302
    home = admin_home(client)
    assert home.status_code == 200 and REMINDER not in home.content.decode()


def test_a_code_works_once(client, editor):
    device = confirmed_device_for(editor)
    code = code_for(device)
    assert sign_in(client, "editor", code=code).status_code == 302
    client.logout()
    again = sign_in(client, "editor", code=code)
    assert again.status_code == 200 and "already used" in again.content.decode()


def test_a_wrong_password_never_reveals_the_second_factor(client, editor):
    confirmed_device_for(editor)
    page = sign_in(client, "editor", password="wrong").content.decode()
    assert "six-digit code" not in page and "Please enter the correct username" in page


def test_a_session_without_the_code_is_not_let_into_the_admin(client, editor):
    """A session signed in before the device was added (or by any path that skipped the code)
    is sent to the login page, as django-otp's OTPAdminSite does."""
    client.force_login(editor)
    assert admin_home(client).status_code == 200
    confirmed_device_for(editor)
    response = admin_home(client)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_wrong_codes_count_towards_the_lockout(client, editor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own back-off, off to reach the lock
    device = confirmed_device_for(editor)
    statuses = [sign_in(client, "editor", code="000000").status_code for _ in range(10)]
    assert statuses == [200] * 9 + [429]
    assert sign_in(client, "editor", code=code_for(device)).status_code == 429


def test_django_otps_back_off_refuses_a_right_code_just_after_a_wrong_one(client, editor):
    device = confirmed_device_for(editor)
    sign_in(client, "editor", code="000000")
    response = sign_in(client, "editor", code=code_for(device))
    assert response.status_code == 200 and "Too many wrong codes" in response.content.decode()
