import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsroom.roles import EDITOR, FACT_CHECKER, WRITER, ensure_roles


@pytest.fixture(autouse=True)
def _fast_hasher_and_temp_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


def make_user(username: str, role: str | None = None):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.org", is_staff=True
    )
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


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
