# Two entry points do all set-up on a fresh machine: `make serve` and `make test`.
# Everything else here is what they are made of.

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: serve build test lint typecheck test-js test-py bench chromium install clean upgrade lock assets train-star

LOCK    := requirements/lock.txt
UV_LOCK := requirements/uv.txt
UV      := $(VENV)/bin/uv

# Everything installs from hashed locks, so a fresh clone gets exactly what was tested:
# uv itself (pinned, from PyPI), then every dependency of every extra, then the package
# without dependencies or build isolation (its build backend is in the lock too). Bytecode is
# compiled at install, as pip does, so no build or test process recompiles the dependencies
# (this machine sets PYTHONDONTWRITEBYTECODE, so nothing would ever be cached otherwise).
$(STAMP): $(LOCK) $(UV_LOCK) pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r $(UV_LOCK)
	$(UV) pip sync -q --compile-bytecode --python $(PY) --require-hashes $(LOCK)
	$(UV) pip install -q --python $(PY) --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Refresh the locks to the newest releases that fit pyproject.toml, then run every test.
lock: $(STAMP)
	$(UV) pip compile -q --upgrade --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --extra site --extra test --extra dev --extra train \
	  pyproject.toml requirements/build.in -o $(LOCK)
	$(UV) pip compile -q --upgrade --generate-hashes --python-version 3.11 \
	  requirements/uv.in -o $(UV_LOCK)
	npm install --package-lock-only --no-audit --no-fund --loglevel=error

upgrade: lock
	$(MAKE) test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser client: esbuild (pinned in package.json) bundles and minifies the sources in
# src/quizengine/client/ into src/quizengine/assets/, which are committed and shipped in the
# package. Run it after changing a source: tests/js/build.test.mjs fails on stale files.
assets: node_modules/.installed
	node scripts/build_assets.mjs

# The free-mode STAR part model: retrain from tests/data/star_labelled.yaml and
# star_train*.yaml (never the held-out files) into src/quizengine/star/part_model.json, byte
# for byte reproducible (tests/star/test_star_training.py), then rebuild the client's copy.
train-star: $(STAMP)
	$(PY) scripts/train_star.py
	$(MAKE) assets

# Debian's Chromium drives the browser tests; never a browser downloaded by a test tool.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

install: $(STAMP) node_modules/.installed chromium

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test-js: node_modules/.installed
	node --test tests/js/

test-py: install
	$(VENV)/bin/pytest -q --durations=20

test: install lint typecheck test-js test-py

bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf site test-artifacts .pytest_cache .mypy_cache .ruff_cache
