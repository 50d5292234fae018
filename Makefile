# Masthead: `make run` serves the demo newsroom, `make test` runs the whole suite.
# Both set everything up on a fresh machine (see README.md).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: install run run-packages bench-packages test test-sqlite test-postgres lint typecheck system-packages node-packages bench clean

$(BIN)/python:
	@$(PYTHON) scripts/check-python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(VENV)/.installed
	$(BIN)/masthead migrate --verbosity 0

run: install run-packages node-packages
	$(BIN)/masthead setup
	$(BIN)/masthead serve --port $(PORT)

run-packages:
	@scripts/ensure-system-packages.sh run

bench-packages:
	@scripts/ensure-system-packages.sh bench

system-packages:
	@scripts/ensure-system-packages.sh test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node-packages: node_modules/.installed

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy masthead

test: $(VENV)/.installed system-packages node-packages lint typecheck test-sqlite test-postgres

# Test processes (pytest-xdist); each has its own data directory and test database.
# `--dist load` hands tests out in collection order, which pytest-django sorts so
# that tests which empty the database (transactional, live server) run last in
# every process; per-file scheduling would run them between other files' tests.
TEST_PROCESSES ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist load

# The whole suite, browser tests included, on SQLite; the browser tests in a
# session of their own, after the unit tests.
test-sqlite: $(VENV)/.installed
	$(PYTEST) masthead
	$(PYTEST) e2e

# Everything that touches the database again on PostgreSQL; the browser tests
# exercise the same views and run once, on SQLite.
test-postgres: $(VENV)/.installed
	scripts/with-postgres.sh $(PYTEST) masthead

bench: install bench-packages
	$(BIN)/python bench/pages.py

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache
