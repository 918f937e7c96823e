# Newsroom — the two commands are `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The browser checks' tools (axe-core, the W3C Nu checker): npm, pinned in package-lock.json.
NODE_STAMP := node_modules/.installed

# The local demo and the test suite run with debug settings and a throwaway key;
# production sets DJANGO_DEBUG=0 and DJANGO_SECRET_KEY itself (see README.md).
LOCAL_ENV := DJANGO_DEBUG=1

.PHONY: install run test serve bench loadtest outage-test backup restore lint clean

install: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Without npm this only warns: tests/browser/test_a11y.py then skips, or fails under CI
# (NEWSROOM_TESTS_NEED_BROWSER=1). --ignore-scripts: vnu-jar's own script would fetch a Java
# runtime; the checks use the machine's java.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the browser accessibility checks will not run (apt-get install npm)"; fi

run: install
	$(LOCAL_ENV) $(PY) manage.py migrate --no-input
	$(LOCAL_ENV) $(PY) manage.py load_demo
	@# The task worker (newsroom/tasks.py: renditions, e-mails) runs beside the server and stops with it.
	$(LOCAL_ENV) $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(LOCAL_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The suite's tests are independent (each in its own transaction, or its own database per
# worker), so `make test` runs them on every core (at most four) with pytest-xdist; whole files
# go to one worker, so the browser tests load the demo once. PYTEST_XDIST= runs them in one
# process; a bare `pytest` also does.
PYTEST_XDIST ?= --numprocesses=auto --maxprocesses=4 --dist=loadfile

test: install
	$(LOCAL_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(LOCAL_ENV) $(PY) -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# Production-like: gunicorn + WhiteNoise, and the task worker, with the settings from your environment
# (DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, CACHE_URL; see README.md).
serve: install
	$(PY) manage.py check --deploy
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn newsroom.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WEB_CONCURRENCY:-3} --access-logfile -

# Issue #10's figures in one table per database: every public page in-process (queries,
# p50/p95), gunicorn + wrk (req/s, p50/p99, ratio to robots.txt), the article through nginx's
# micro-cache, admin changelists, search, a 1,000-revision history. A throwaway SQLite database
# (and PostgreSQL too when DATABASE_URL points at one) with the demo and generate_scale_data at
# BENCH_SCALE (1.0); BENCH_SECONDS (10) of wrk per address at BENCH_CONNECTIONS (16). Needs wrk
# (nginx optional). Prints figures, asserts none; not part of `make test`, CI runs a small one.
bench: install
	$(LOCAL_ENV) $(PY) manage.py bench

# Public pages under load (wrk, 32 connections, LOADTEST_SECONDS=60) on gunicorn and a scratch
# PostgreSQL database while two editors save drafts through the admin; fails on any error or
# lost save. Needs wrk (apt-get install wrk) and the server in LOADTEST_PG_URL
# (postgres://postgres@127.0.0.1:5432). Not part of `make test`; CI runs 10 s of it.
loadtest: install
	$(PY) tools/loadtest.py

# A database outage and a cache outage on gunicorn: its own throwaway PostgreSQL (initdb in a
# temporary folder, on a spare port), stopped and started under the running server. Needs the
# PostgreSQL server programs (/usr/lib/postgresql/*/bin). Not part of `make test`; CI runs it.
outage-test: install
	$(PY) tools/outage_test.py

# One archive of the database and the media folder (path printed), and back. Settings come
# from your environment as for `make serve` (locally: DJANGO_DEBUG=1 make backup).
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/newsroom-....tar.gz"; exit 2; }
	$(PY) manage.py restore $(BACKUP)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles test-artifacts
