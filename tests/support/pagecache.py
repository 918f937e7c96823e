"""A fresh page cache inside one test (newsroom/pagecache.py)."""

import uuid

from django.conf import settings


def new_page_cache() -> None:
    """From here on the page cache is empty: a new key prefix. For tests that roll back a
    transaction per hypothesis example (a rollback is not a write, so it bumps nothing). Not
    ``cache.clear()``: on Redis that empties the database the other xdist workers use too."""
    settings.NEWSROOM_PAGE_CACHE_PREFIX = f"pagecache-test-{uuid.uuid4().hex}"
