import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from newsroom.roles import EDITOR, FACT_CHECKER, WRITER
from tests.support.users import make_user


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo newsroom, loaded once for the module inside a transaction rolled back at its
    end; yields what ``load_demo`` printed. Each test runs in a savepoint within it, so one
    that changes rows leaves the others untouched, and nothing leaks into other modules."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        with override_settings(DEBUG=True, PASSWORD_HASHERS=fast_hasher):
            call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fast_hasher_and_temp_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tasks run at once, in the caller: a test sees their effects without a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Each test its own page cache: a test's database is rolled back, not its cache (and
    # xdist workers share Redis in the PostgreSQL run).
    settings.NEWSROOM_PAGE_CACHE_PREFIX = f"pagecache-test-{uuid.uuid4().hex}"


@pytest.fixture
def editor(db):
    return make_user("editor", EDITOR)


@pytest.fixture
def writer(db):
    return make_user("writer", WRITER)


@pytest.fixture
def fact_checker(db):
    return make_user("checker", FACT_CHECKER)


@pytest.fixture
def second_fact_checker(db):
    return make_user("checker2", FACT_CHECKER)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
