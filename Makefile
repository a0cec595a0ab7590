# closedloop — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

SCALE ?= default
SEED ?= 42
# CRM=salesforce: the demo company's CRM exports are Salesforce Bulk API CSVs (docs/salesforce.md).
CRM ?= hubspot
export CLOSEDLOOP_DATA_DIR ?= $(CURDIR)/data
# LANDING=<folder>: `make run` reads your own vendor exports there instead of the demo company.
export CLOSEDLOOP_LANDING_DIR ?= $(or $(LANDING),$(CLOSEDLOOP_DATA_DIR)/landing)
export CLOSEDLOOP_WAREHOUSE ?= $(CLOSEDLOOP_DATA_DIR)/warehouse.duckdb
export DAGSTER_HOME := $(CURDIR)
export CLOSEDLOOP_DAGSTER_STORAGE ?= $(CLOSEDLOOP_DATA_DIR)/dagster/storage
export CLOSEDLOOP_DAGSTER_LOGS ?= $(CLOSEDLOOP_DATA_DIR)/dagster/logs
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export RUNTIME__DLTHUB_TELEMETRY := false
export DO_NOT_TRACK := 1

.PHONY: help install demo run dev test test-all lint format bench bench-ingest bench-attribution bench-core clean

help:
	@echo "make run    - set up, generate the demo company, run the whole pipeline, print a summary"
	@echo "make test   - set up and run the test suite (slow tests excluded; make test-all for all)"
	@echo "make dev    - open the Dagster UI on http://127.0.0.1:3000"
	@echo "make lint   - ruff and sqlfluff"
	@echo "make bench  - benchmarks at large scale (slow): bench-ingest, bench-attribution, bench-core"

# The virtual environment is rebuilt whenever pyproject.toml changes.
$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# The BI reader (tests/support/bi_reader.py): the serving file is read as Superset reads
	@# it, DuckDB 1.4 + duckdb_engine + SQLAlchemy 2.0 before 2.0.45 (later ones break
	@# duckdb_engine's reflection: Mause/duckdb_engine#1379), apart from the pipeline's DuckDB.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-warn-conflicts \
		--upgrade --target $(VENV)/bi-reader \
		'duckdb>=1.4,<1.5' 'duckdb_engine==0.17.*' 'sqlalchemy>=2.0,<2.0.45'
	@touch $@

install: $(INSTALLED)

demo: install
	$(BIN)/python -m demo --scale $(SCALE) --seed $(SEED) --crm $(CRM) --out $(CLOSEDLOOP_LANDING_DIR)

run: $(if $(LANDING),install,demo)
	@mkdir -p $(CLOSEDLOOP_DAGSTER_STORAGE) $(CLOSEDLOOP_DAGSTER_LOGS)
	$(BIN)/dagster job execute -m orchestration.definitions -j closedloop_pipeline
	$(BIN)/python -m reporting.summary

dev: install
	@mkdir -p $(CLOSEDLOOP_DAGSTER_STORAGE) $(CLOSEDLOOP_DAGSTER_LOGS)
	$(BIN)/dagster dev -m orchestration.definitions -h 127.0.0.1 -p 3000

test: install
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

test-all: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/macros

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks print figures and ratios against a reference measured in the same run.
BENCH_LANDING ?= $(CLOSEDLOOP_DATA_DIR)/bench/landing-$(or $(BENCH_SCALE),large)
BENCH_TOUCHES ?= 20000000

bench: bench-ingest bench-attribution bench-core

bench-ingest: install
	$(BIN)/python -m benchmarks.bench_ingest $(BENCH_LANDING) --scale $(or $(BENCH_SCALE),large)

bench-attribution: install
	$(BIN)/python -m benchmarks.bench_attribution --touches $(BENCH_TOUCHES)

bench-core: install
	$(BIN)/python -m benchmarks.bench_core $(BENCH_LANDING) --scale $(or $(BENCH_SCALE),large)

clean:
	rm -rf data dbt_project/target dbt_project/logs
