# Two commands do all the set-up on a fresh machine:
#   make demo   start the site and a task worker with the demo budget on SQLite (http://127.0.0.1:8000/)
#   make test   run the whole test suite
#   make test-postgres   the same on a throwaway PostgreSQL (installs Debian's postgresql as root)
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: demo test test-postgres install system-packages test-system-packages

$(VENV)/installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: system-packages $(VENV)/installed

# WeasyPrint needs Pango and HarfBuzz-subset (without it, font subsetting takes ~10x longer); the PDF
# needs a CJK font. Installed with apt-get, as root, only where missing.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk
system-packages:
	@if ! ldconfig -p | grep -q libpango-1.0 || ! ldconfig -p | grep -q libharfbuzz-subset \
			|| ! fc-list :lang=zh-cn 2>/dev/null | grep -q "Noto Sans CJK SC"; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
		else \
			echo "Please install: $(SYSTEM_PACKAGES) (see docs/deployment.md)"; \
		fi; \
	fi

# The browser tests (tests/test_browser_workflow.py) drive Debian's Chromium at /usr/bin/chromium with
# Playwright (never `playwright install`); poppler's pdftoppm compares PDF pages' pixels
# (tests/test_pdf_user_agent_stylesheet.py). Only `make test` needs them: installed as root where missing.
TEST_SYSTEM_PACKAGES := chromium poppler-utils
test-system-packages:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_SYSTEM_PACKAGES) >/dev/null; \
		else \
			echo "Please install: $(TEST_SYSTEM_PACKAGES) (the browser tests need /usr/bin/chromium, a PDF test pdftoppm)"; \
		fi; \
	fi

# The site and one task worker (it renders the PDFs of publications made in the admin); Ctrl-C stops both.
demo: install
	DEBUG=1 $(PYTHON) manage.py migrate --no-input
	DEBUG=1 $(PYTHON) manage.py load_demo
	DEBUG=1 $(PYTHON) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PYTHON) manage.py runserver $(HOST)

test: install test-system-packages
	$(PYTHON) -m pytest

# The whole suite again on PostgreSQL, as production runs: a new cluster on loopback, removed afterwards.
test-postgres: install test-system-packages
	bash scripts/pg-throwaway.sh $(PYTHON) -m pytest
