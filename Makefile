# iro-warehouse: `make demo` (set up and run the pipeline on a simulated county)
# and `make test` (set up and run the whole test suite). See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup venv lock bench clean-state

$(STAMP): requirements.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 not found)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

setup: $(STAMP)
	$(BIN)/iro setup

demo: $(STAMP)
	$(BIN)/iro demo

test: $(STAMP)
	bash scripts/install-test-tools.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check include dags tests benchmarks scripts
	$(BIN)/python scripts/lint_sql.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_simulate.py --scale 1
	$(BIN)/python benchmarks/bench_nightly.py --scale 1

lock:
	rm -rf /tmp/iro-lock-venv && $(PYTHON) -m venv /tmp/iro-lock-venv
	/tmp/iro-lock-venv/bin/pip install --quiet -r requirements.in
	( echo "# Generated from requirements.in by 'make lock' (pip freeze of a clean venv). Do not edit by hand."; \
	  /tmp/iro-lock-venv/bin/pip freeze ) > requirements.txt

clean-state:
	-$(BIN)/python -c "from iro_warehouse.pgserver import PrivateServer; PrivateServer().stop()"
	rm -rf .local
