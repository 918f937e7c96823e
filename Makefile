# Newsroom — the two commands are `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The local demo and the test suite run with debug settings and a throwaway key;
# production sets DJANGO_DEBUG=0 and DJANGO_SECRET_KEY itself (see README.md).
LOCAL_ENV := DJANGO_DEBUG=1

.PHONY: install run test lint demo-reset clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(LOCAL_ENV) $(PY) manage.py migrate --no-input
	$(LOCAL_ENV) $(PY) manage.py load_demo
	$(LOCAL_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(LOCAL_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(LOCAL_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts
