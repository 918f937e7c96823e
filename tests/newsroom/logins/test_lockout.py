"""Throttled sign-ins (django-axes): ten failures lock a username + address for 15 minutes, and
the lockout says so with a 429, Retry-After and the admin's own page."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests.support.logins import sign_in

pytestmark = pytest.mark.django_db


def fail_ten_times(client, username="editor", ip="127.0.0.1"):
    return [sign_in(client, username, "wrong", ip=ip).status_code for _ in range(10)]


def signed_in(client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_ten_failures_lock_and_the_right_password_is_then_refused_with_429(client, editor):
    statuses = fail_ten_times(client)
    # Nine wrong passwords re-show the form; the tenth locks the pair.
    assert statuses == [200] * 9 + [429]

    response = sign_in(client, "editor", "pw")
    assert response.status_code == 429
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    page = " ".join(response.content.decode().split())
    assert "Too many failed sign-ins for “editor”" in page
    assert "paused for 15 minutes" in page and "Try again after" in page
    assert "axes_reset_username editor" in page
    # The admin's own page, under the site's strict CSP like every other.
    assert "Newsroom" in page and "Content-Security-Policy" in response.headers
    assert not signed_in(client)


def test_another_username_or_another_address_is_not_locked(client, editor, writer):
    fail_ten_times(client, "editor", ip="10.0.0.1")
    assert sign_in(client, "writer", ip="10.0.0.1").status_code == 302
    client.logout()
    assert sign_in(client, "editor", ip="10.0.0.2").status_code == 302
    assert signed_in(client)


def test_the_unlock_command_lets_the_user_in_again(client, editor):
    fail_ten_times(client)
    call_command("axes_reset_username", "editor")
    assert sign_in(client, "editor").status_code == 302


def test_retry_after_counts_down_and_the_lock_ends_after_15_minutes(client, editor):
    fail_ten_times(client)
    # Tries while locked do not extend the lock: the time shown stays true.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10))
    response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    assert 4 * 60 < int(response["Retry-After"]) <= 5 * 60

    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in(client, "editor").status_code == 302


def test_limit_and_cool_off_come_from_settings(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=2)
    assert fail_ten_times(client)[:3] == [200, 200, 429]
    response = sign_in(client, "editor")
    assert response.status_code == 429 and int(response["Retry-After"]) <= 120
    assert "paused for 2 minutes" in " ".join(response.content.decode().split())


def test_editors_see_and_unlock_attempts_in_the_admin(client, editor, writer):
    fail_ten_times(client, "writer")
    attempt = AccessAttempt.objects.get(username="writer")

    client.force_login(writer)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    client.force_login(editor)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "writer" in listing.content.decode()
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()

    assert sign_in(client, "writer").status_code == 302


def test_the_test_clients_login_works_when_given_a_request(client, editor):
    from django.http import HttpRequest

    assert client.login(request=HttpRequest(), username="editor", password="pw")
    assert signed_in(client)


def test_behind_the_proxy_each_reader_has_their_own_lock(client, editor, settings):
    # deploy/nginx.conf: every request arrives from nginx's address, the client's is in X-Real-IP
    # (.env.example). Without django-ipware axes would read REMOTE_ADDR and lock everyone out.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP"]
    for _ in range(10):
        client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    attacker = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "pw"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="203.0.113.7",
    )
    assert attacker.status_code == 429
    colleague = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "pw"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="198.51.100.20",
    )
    assert colleague.status_code == 302
