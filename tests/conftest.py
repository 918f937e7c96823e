import pytest

from newsroom.roles import EDITOR, FACT_CHECKER, WRITER
from tests.support.users import make_user


@pytest.fixture(autouse=True)
def _fast_hasher_and_temp_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tasks run at once, in the caller: a test sees their effects without a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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
