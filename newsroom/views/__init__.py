"""Public pages. Reads go through QuerySet methods; no writes here.

One module per kind of page: ``articles``, ``claims``, ``site`` (front page, search,
crawlers).

Every page loads what its template shows with a fixed number of queries (see
tests/newsroom/test_views.py); templates only loop over prefetched attributes.
"""
