"""Revision history for every versioned model: the bottom layer every other app builds on.

It imports only Django and django-reversion (import-linter holds it to that), so profiles,
events and the newsroom can all use it:

- ``registration``   — the one module that reads reversion's private registration options;
- ``compare``        — stored fields of a version, word diffs, comparing two versions;
- ``admin``          — ``HistoryAdmin``: history pages, compare, reason for a change, the
  stale-form guard, reverts and whole recoveries;
- ``recent_changes`` — the admin's site-wide Recent changes page;
- ``models``, ``deletions``, ``actions``, ``receivers`` — the deletion log that makes
  recovering a deleted record whole;
- ``seen``           — which versions readers saw, given the periods a record was public;
- ``changelog``      — a public change log from the versions readers saw;
- ``retention``      — ``prune_revisions``' engine, applying the keep rules apps register.
"""
