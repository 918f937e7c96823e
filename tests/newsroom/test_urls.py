"""The site's own error pages: a reader who hits a missing page or a server error sees the
newsroom's page, with a way back, not the framework's bare text."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_the_newsrooms_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and settings.NEWSROOM_SITE_NAME in html
    assert 'href="/search/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_server_error_is_the_newsrooms_500_even_without_a_request_context(settings):
    settings.DEBUG = False
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and settings.NEWSROOM_SITE_NAME in html
    assert "css/site.css" in html
