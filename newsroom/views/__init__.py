"""Public pages. Reads go through QuerySet methods; no writes here.

One module per kind of page: ``articles``, ``claims``, ``site`` (front page, search,
crawlers), and ``profiles`` and ``events``, where the person, organization and event pages are
composed: the profiles and events apps build a page's own context, and newsroom's views extend
them with claims and articles (those apps never reach into newsroom).

Every page loads what its template shows with a fixed number of queries (see
tests/newsroom/test_views.py); templates only loop over prefetched attributes.
"""
