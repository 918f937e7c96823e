"""The public addresses: impossible dates and hostile parameters answer 404 or a page, never 500."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.content import make_published_article
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "/articles/0/0/x/",
    "/articles/2025/0/x/",
    "/articles/2025/13/x/",
    "/articles/99999999999999999999/01/x/",
    "/articles/2025/99999999999999999999/x/",
    "/articles/99999999999999999999/01/x/changes/",
    "/articles/0/0/x/changes/",
    "/sources/99999999999999999999/",
    "/search/?q=%22",
    "/search/?q=%00",
    "/search/?q=a%00b",
    "/search/?q=%27%22%5C",
    "/search/?q=OR%20AND%20NOT%20*",
    "/search/?q=" + "x" * 5000,
    "/articles/?page=99999999999999999999",
    "/articles/?page=-1",
    "/articles/?page=%00",
    "/claims/?page=99999999999999999999",
    "/corrections/?page=abc",
    "/people/?page=99999999999999999999",
    "/people/someone/?as_of=99999-01-01",
    "/people/someone/?as_of=2025-02-30",
    "/people/someone/?as_of=%00",
    "/people/someone/?as_of=0000-01-01",
    "/events/?page=99999999999999999999",
]


@pytest.fixture
def content(editor):
    PersonFactory(slug="someone", full_name="Some One")
    return make_published_article(editor)


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_addresses_never_answer_a_server_error(content, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code < 500, (url, response.status_code)
