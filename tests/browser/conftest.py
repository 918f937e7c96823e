"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never ``playwright install``: CI installs the ``chromium`` package and we launch
/usr/bin/chromium. Playwright's sync API runs an event loop in this thread, so Django's
async-safety check must be relaxed for the test's own database access.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(reason: str) -> None:
    """A tool the browser tests need is absent: skip here, fail under CI.

    .ci/run installs every tool and sets NEWSROOM_TESTS_NEED_BROWSER=1, so there a missing one
    is a broken setup, never a silently skipped check.
    """
    if os.environ.get("NEWSROOM_TESTS_NEED_BROWSER"):
        pytest.fail(f"{reason} (NEWSROOM_TESTS_NEED_BROWSER is set)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        missing(
            "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _fast_hasher_and_temp_media(settings, demo_media):
    """Overrides tests/conftest.py's: the demo's images stay where the demo stored them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = demo_media


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last, after pytest-django's own ordering, so that no other test ever
    sees the demo the ``demo`` fixture loads (and commits)."""
    browser = [item for item in items if item.path.parent == Path(__file__).parent]
    items[:] = [item for item in items if item not in browser] + browser


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo newsroom behind a live server, loaded once for the whole module.

    pytest-django's ``live_server`` fixture makes every test transactional: the database is
    flushed after each test and the demo loaded again for the next (1.5 s each). The browser
    tests only read, so they share one load, committed so the server's thread sees it on any
    database. Each test still runs in a transaction rolled back at its end (the module's
    ``django_db`` mark), and the module ends by flushing the database, as a transactional test
    would leave it — for a reused test database too.
    """
    from pytest_django.live_server_helper import LiveServer

    fast_and_local = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=demo_media,
    )
    with django_db_blocker.unblock(), fast_and_local:
        call_command("load_demo", "--force", verbosity=0)
    server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    server._live_server_modified_settings.enable()
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
