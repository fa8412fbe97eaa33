# Two commands do all the set-up on a fresh machine:
#   make demo   start the site with the demo budget on SQLite (http://127.0.0.1:8000/)
#   make test   run the whole test suite
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: demo test install system-packages

$(VENV)/installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: system-packages $(VENV)/installed

# WeasyPrint needs Pango; the PDF needs a CJK font. Installed only where missing (apt-get as root).
system-packages:
	@if ! ldconfig -p | grep -q libpango-1.0 || ! fc-list 2>/dev/null | grep -qi "Noto.*CJK"; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fontconfig >/dev/null; \
		else \
			echo "Please install Pango and fonts-noto-cjk (see docs/deployment.md)."; \
		fi; \
	fi

demo: install
	DEBUG=1 $(PYTHON) manage.py migrate --no-input
	DEBUG=1 $(PYTHON) manage.py load_demo
	DEBUG=1 $(PYTHON) manage.py runserver $(HOST)

test: install
	$(PYTHON) -m pytest
