"""Signing in, in Chromium: the lockout page after too many failures and the two-factor setup
page (its QR code an SVG image), each loaded under the site's strict policy with no violation,
with a screenshot of each in test-artifacts/."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def submit_login(page, base_url: str, username: str, password: str):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation() as navigation:
        page.click("input[type=submit]")
    return navigation.value


def test_the_lockout_page_says_when_to_try_again(demo, page):
    page.add_init_script(VIOLATIONS)
    for _ in range(10):
        response = submit_login(page, demo.url, "factchecker", "not-the-password")
    assert response.status == 429
    response = submit_login(page, demo.url, "factchecker", "checker-demo-2025")
    assert response.status == 429 and int(response.headers["retry-after"]) > 14 * 60
    text = page.locator("#content-main").inner_text()
    assert "Too many failed sign-ins" in text and "Try again after" in text
    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "login-lockout")


def test_two_factor_setup_shows_a_qr_code_and_confirms_a_code(demo, page):
    page.add_init_script(VIOLATIONS)
    submit_login(page, demo.url, "writer", "writer-demo-2025")
    assert page.locator("#two-factor-reminder").count() == 1, "reminded on the admin home"
    with page.expect_navigation():
        page.click("#two-factor-reminder a")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.querySelector('.two-factor-qr').naturalWidth")
    assert width > 0, "the QR code image loaded"
    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "login-two-factor-setup")

    key = b32decode(page.locator("#two-factor-secret").inner_text().replace(" ", ""))
    page.fill("#id_otp_token", f"{totp(key):06d}")
    with page.expect_navigation():
        page.click("#two-factor-form [type=submit]")
    assert page.url.endswith("/admin/")
    assert "Two-factor sign-in is on" in page.locator(".messagelist").inner_text()
    assert page.locator("#two-factor-reminder").count() == 0
    assert page.evaluate("window.__cspViolations") == []
