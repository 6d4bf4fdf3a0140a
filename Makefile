# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# DEBUG is off unless the environment turns it on; the development commands here say so.
DEV := DJANGO_DEBUG=true
HOST ?= 127.0.0.1
PORT ?= 8000
SERVE_PORT ?= 8443
# make serve keeps its generated secret and certificate with the rest of the local state.
VAR_DIR := $(or $(JD400_VAR_DIR),var)

.PHONY: run serve soak test test-fast test-db checks lint format migrate messages compilemessages bench browser check-deploy clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes: the second `make run` is fast.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

var:
	mkdir -p var

migrate: $(STAMP) | var
	$(DEV) $(PY) manage.py migrate --noinput

run: migrate
	@echo ""
	@echo "  jd400 is serving on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo ""
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

# Production on this machine: DEBUG off, compiled static files, migrations, the deployment
# checks, then gunicorn (gunicorn.conf.py). The secret comes from DJANGO_SECRET_KEY or is
# generated once into $(VAR_DIR)/secret_key. No proxy terminates TLS here, so gunicorn
# does, with a self-signed certificate made once for 127.0.0.1: every production setting
# (HTTPS redirect, HSTS, secure cookies) stays on and `check --deploy` has nothing to say.
$(VAR_DIR)/secret_key:
	mkdir -p $(VAR_DIR)
	umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

$(VAR_DIR)/tls/cert.pem:
	mkdir -p $(VAR_DIR)/tls
	umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=127.0.0.1 \
	  -addext subjectAltName=IP:127.0.0.1 -keyout $(VAR_DIR)/tls/key.pem -out $@ 2>/dev/null

serve: $(STAMP) $(VAR_DIR)/secret_key $(VAR_DIR)/tls/cert.pem
	@export DJANGO_DEBUG=false \
	  DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(VAR_DIR)/secret_key)}" \
	  DJANGO_SECURE_HSTS_PRELOAD="$${DJANGO_SECURE_HSTS_PRELOAD:-true}" \
	  JD400_BIND="$${JD400_BIND:-$(HOST):$(SERVE_PORT)}" && \
	set -e && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py check --deploy --fail-level WARNING && \
	echo "" && \
	echo "  jd400 (production settings) is serving on https://$$JD400_BIND/" && \
	echo "  (self-signed certificate: the browser warns once; Ctrl+C stops it)" && \
	echo "" && \
	exec $(VENV)/bin/gunicorn --config gunicorn.conf.py \
	  --certfile $(VAR_DIR)/tls/cert.pem --keyfile $(VAR_DIR)/tls/key.pem

# A browser for the end-to-end tests: Debian's Chromium when present, else Playwright's.
browser: $(DEV_STAMP)
	@if [ -x /usr/bin/chromium ]; then echo "browser: /usr/bin/chromium"; \
	else $(PY) -m playwright install chromium; fi

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# What every test run checks first: lint, format, and no model change without a migration.
checks: $(DEV_STAMP) | var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# The whole suite: unit tests, the tests that start servers, and the browser tests.
test: checks browser
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The loop while changing code: no browser, no servers or subprocesses (`slow`).
test-fast: $(DEV_STAMP) | var
	$(VENV)/bin/pytest -m "not e2e and not slow" $(PYTEST_ARGS)

# The suite on a second database (DATABASE_URL; CI's PostgreSQL pass): all but the browser
# tests, which judge layout and markup and already ran on SQLite.
test-db: checks
	$(VENV)/bin/pytest -m "not e2e" $(PYTEST_ARGS)

# Translators: refresh the .po files, then compile the .mo files that are committed.
messages: $(DEV_STAMP)
	$(DEV) $(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles

compilemessages: $(DEV_STAMP)
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv

bench: $(DEV_STAMP)
	$(DEV) $(PY) bench/run.py

# 100 shoppers at once against gunicorn on SQLite, then against two instances sharing
# PostgreSQL, S3 (moto) and Redis; every answer, file and call checked afterwards.
soak: $(DEV_STAMP)
	$(PY) bench/soak.py $(SOAK_ARGS)

check-deploy: $(STAMP)
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=jd400.example DJANGO_SECURE_HSTS_PRELOAD=true \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
