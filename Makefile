# donthu — the two quick-start commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie
MODEL := classifier/model/donthu-model.joblib

.PHONY: run test setup dev system-deps browser-deps font-deps model lint serve clean screenshots

## run: set everything up, process the sample scan, then serve the API and review pages
run: setup
	$(BIN)/donthu process samples/don_khieu_nai.png
	$(BIN)/donthu serve

## test: set everything up and run the whole test suite, ruff and mypy
test: dev
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

setup: system-deps $(VENV)/.installed model

dev: setup browser-deps font-deps $(VENV)/.installed-dev

system-deps:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx vie; then \
	  echo "Installing $(APT_PACKAGES) with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

browser-deps:
	@if ! command -v chromium >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

font-deps:
	@if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then \
	  echo "Installing fonts-dejavu-core (the OCR tests render their own scans)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core; \
	fi

$(VENV)/.installed: pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/pip install -q -e '.[dev]'
	touch $@

## model: train the classifier when training_data/ changed (skipped otherwise)
model: $(VENV)/.installed
	$(BIN)/donthu train

## screenshots: refresh docs/screenshots/ from the browser tests
screenshots: dev
	DONTHU_SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest tests/web -q

lint: dev
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache
