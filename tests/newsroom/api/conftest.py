"""What the API's schemathesis tests share: the API's OpenAPI document as a schemathesis schema
bound to the WSGI app, and requests to that app inside the test's transaction."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from newsroom.api import api


def openapi_schema():
    """The document as /api/openapi.json serves it (test_api.py checks they are the same),
    its requests sent in-process to the WSGI app."""
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
    schema.app = get_wsgi_application()
    return schema


@pytest.fixture
def in_the_test_transaction():
    """Requests straight to the WSGI app keep the test's connection, as Django's test client
    does: at the end of a request Django would otherwise close it (it is not in autocommit,
    being in the test's transaction), and on PostgreSQL the next query finds it closed."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
