# The two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate messages compilemessages bench browser check-deploy clean

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
	$(PY) manage.py migrate --noinput

run: migrate
	@echo ""
	@echo "  jd400 is serving on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

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

test: $(DEV_STAMP) browser | var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Translators: refresh the .po files, then compile the .mo files that are committed.
messages: $(DEV_STAMP)
	$(PY) manage.py makemessages -l en -l zh_Hans --no-obsolete --ignore=.venv --ignore=staticfiles

compilemessages: $(DEV_STAMP)
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(DEV_STAMP)
	$(PY) bench/run.py

check-deploy: $(STAMP)
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=jd400.example DJANGO_SECURE_HSTS_PRELOAD=true \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
