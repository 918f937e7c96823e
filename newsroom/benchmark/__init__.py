"""``make bench``: every figure issue #10 asks for, from one run, in one table.

``inprocess`` times pages through Django's test client (queries, p50/p95), ``load`` puts
gunicorn (and nginx) under ``wrk``, ``report`` prints the table; the ``bench`` command builds
the throwaway database and runs them in turn. Figures only: nothing here asserts a time.
"""
