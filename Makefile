# The README's commands. `make run` serves the demo; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# A test-only key: the test settings are the production ones, which require a key.
TEST_ENV := SECRET_KEY=tests-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///db.sqlite3}

.PHONY: run setup lock messages browser nginx dist test lint migrations-check bench faults cluster lighthouse screenshots observatory clean

# The locks, not the .in lists: every package at its locked version, each file checked
# against its hash.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

# `make lock` turns requirements.in and requirements-dev.in into the hashed locks: it keeps
# the versions already locked and resolves only what the .in files changed;
# `make lock UPGRADE=1` also moves every unpinned dependency to its newest release.
# uv rather than pip-tools: one self-contained binary whose resolver does not ride on pip's
# internals, and one universal resolution for Python 3.11 on any platform (markers where
# Linux, macOS and Windows differ) with hashes for every file of each locked release, so a
# lock made on a laptop is the lock our Linux servers install. It lives in the git-ignored
# .tools/, one venv per version, so the project's venv holds only what the locks list.
UV_VERSION := 0.13.8
UV_ENV := .tools/uv-$(UV_VERSION)
UV := $(UV_ENV)/bin/uv
LOCK := $(UV) pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)
$(UV):
	$(PYTHON) -m venv $(UV_ENV)
	$(UV_ENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

lock: $(UV)
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Bootstrap compiled with our own form icons instead of data: URLs (assets/scss/bootstrap.scss).
BOOTSTRAP_CSS := build/vendor/bootstrap/css/bootstrap.min.css
$(BOOTSTRAP_CSS): assets/scss/bootstrap.scss node_modules/.installed
	mkdir -p $(dir $@)
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps $< $@

setup: $(VENV)/.installed node_modules/.installed $(BOOTSTRAP_CSS)

# The browser tests drive Debian's Chromium (Playwright's own download cannot be reached
# here). Installed when missing and we are root; otherwise stop at once and say how.
browser:
	@if [ -z "$${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH), then make test again." >&2; \
			exit 1; \
		fi; \
	fi

# The deploy kit's test runs nginx with the kit's site (tests/config/test_deploy_kit.py):
# Debian's nginx-light when missing and we are root, as for Chromium.
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's nginx-light for the deploy kit's test"; \
			(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 || \
			 (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null)); \
		else \
			echo "The deploy kit's test needs nginx: run 'sudo apt-get install nginx-light', then make test again." >&2; \
			exit 1; \
		fi; \
	fi

# The site and, beside it, the email worker that retries what the mail server refused, and
# the home exercise reminders every 15 minutes.
# The links it prints, shows and emails (a patient's program, an answer) name this server,
# on its own port, unless SITE_URL says otherwise.
LINK_HOST = $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST))
RUN_ENV = DEBUG=1 SITE_URL=$${SITE_URL:-http://$(LINK_HOST):$(PORT)}
run: setup
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) seed_demo
	$(RUN_ENV) $(MANAGE) send_outbox --loop & worker=$$!; \
	$(RUN_ENV) $(MANAGE) send_program_reminders --loop & reminders=$$!; \
	trap 'kill $$worker $$reminders 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

# The interface in Spanish: each app's strings in its own locale/ (as Django's own apps
# keep theirs), the project's templates/ in locale/. After marking strings: `make
# messages`, translate the new entries of the .po files, `make messages` again to compile,
# and commit the .po and .mo files (the .mo are committed, so running the site needs no
# gettext; tests/test_translations.py checks they match). Needs GNU gettext.
MESSAGE_APPS := core clinic search exercises education questions programs portal
NOT_MESSAGES := $(foreach dir,node_modules tests bench scripts deploy build staticfiles media,--ignore $(dir))
messages: $(VENV)/.dev-installed
	mkdir -p locale $(addsuffix /locale,$(MESSAGE_APPS))
	$(BIN)/django-admin makemessages --locale es --no-obsolete --no-location $(NOT_MESSAGES)
	$(BIN)/django-admin compilemessages --locale es --ignore .venv --ignore node_modules

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(VENV)/.installed
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

# At least 4 test processes, one per CPU beyond that: much of the suite waits on a
# browser, a live server or a subprocess, so on 2 CPUs 4 workers finish sooner (the
# whole SQLite suite: 5 min 29 s with 2, 4 min 35 s with 4, on a 2-CPU machine).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ "$$n" -lt 4 ] && n=4; echo $$n)
test: setup $(VENV)/.dev-installed browser nginx lint migrations-check
	$(TEST_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS)

# Load test under gunicorn + wrk, then the search benchmark (README, "Benchmark").
# Not part of `make test`. Both empty their database: BENCH_DATABASE_URL, when set, must
# name a throwaway one (run.py drops and creates it; the search benchmark reuses it).
SEARCH_BENCH_SQLITE := $(CURDIR)/bench-results/search-bench.sqlite3
bench: setup
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(PY) bench/run.py
	mkdir -p bench-results && rm -f $(SEARCH_BENCH_SQLITE)*
	DEBUG=1 DATABASE_URL=$(or $(BENCH_DATABASE_URL),sqlite:///$(SEARCH_BENCH_SQLITE)) $(PY) bench/search_bench.py

# Submissions under faults: our own PostgreSQL, Redis and SMTP server on loopback, restarted,
# killed, frozen and hung while patients send forms (bench/faults.py). Not part of `make test`.
faults: setup $(VENV)/.dev-installed
	$(PY) bench/faults.py

# Two app servers behind the deploy kit's nginx, with shared media in an S3 API server,
# restarted under load; both email workers and both servers' daily jobs (bench/cluster.py).
# Not part of `make test`.
cluster: setup $(VENV)/.dev-installed browser nginx
	$(TEST_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(PY) bench/cluster.py

# Lighthouse (mobile) on the article, exercise and question pages of the demo.
lighthouse: setup
	test -x .tools/node_modules/.bin/lighthouse || npm install --prefix .tools --no-audit --no-fund --loglevel=error lighthouse@12.2.3
	$(PY) bench/lighthouse.py

# PNG screenshots of every page type at 390, 768, 1366 and 1920 px, with the demo brand and
# with a second clinic's brand, into the git-ignored screenshots/; axe and 320 px reflow checked.
screenshots: setup $(VENV)/.dev-installed
	$(PY) scripts/screenshots.py --brand demo
	$(PY) scripts/screenshots.py --brand second

# Mozilla's HTTP Observatory against the site served over TLS with production settings.
# The scanner is installed into the git-ignored .tools/, not into package.json; its own
# install scripts download lists from the internet, so they are skipped.
OBSERVATORY := .tools/observatory/node_modules/@mdn/mdn-http-observatory
$(OBSERVATORY)/package.json:
	mkdir -p .tools/observatory
	test -f .tools/observatory/package.json || echo '{"private": true}' > .tools/observatory/package.json
	cd .tools/observatory && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
		@mdn/mdn-http-observatory@1.4.8

observatory: setup $(OBSERVATORY)/package.json
	$(PY) scripts/observatory.py

# A release archive for app servers without Node: the code at HEAD with the compiled
# Bootstrap stylesheet in build/: a virtualenv and pip are all an app server needs.
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
dist: $(BOOTSTRAP_CSS)
	mkdir -p dist
	git archive --format=tar --prefix=clinic-$(VERSION)/ -o dist/clinic-$(VERSION).tar HEAD
	tar --transform 's,^,clinic-$(VERSION)/,' -rf dist/clinic-$(VERSION).tar build
	gzip -f dist/clinic-$(VERSION).tar
	@echo "dist/clinic-$(VERSION).tar.gz: unpack on an app server, then: python3 -m venv .venv && .venv/bin/pip install --require-hashes -r requirements.txt"

clean:
	rm -rf $(VENV) node_modules build dist staticfiles .pytest_cache .tools bench-results screenshots
