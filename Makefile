# The README's commands. `make run` serves the demo; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# A test-only key: the test settings are the production ones, which require a key.
TEST_ENV := SECRET_KEY=tests-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz

.PHONY: run setup test lint migrations-check bench lighthouse screenshots clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) seed_demo
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(VENV)/.installed
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

test: setup $(VENV)/.dev-installed lint migrations-check
	$(TEST_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest -n auto

# Load test under gunicorn + wrk (README, "Benchmark"); not part of `make test`.
bench: setup
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(PY) bench/run.py

# Lighthouse (mobile) on the article, exercise and question pages of the demo.
lighthouse: setup
	test -x .tools/node_modules/.bin/lighthouse || npm install --prefix .tools --no-audit --no-fund --loglevel=error lighthouse@12.2.3
	$(PY) bench/lighthouse.py

# The search benchmark empties its database: BENCH_DATABASE_URL must be a throwaway one.
BENCH_DATABASE_URL ?= sqlite:////tmp/search-bench.sqlite3
bench: setup
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/search_bench.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .tools bench-results
