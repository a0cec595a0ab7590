"""Shared test setup: every test works in its own temporary data folder, never in data/."""

from __future__ import annotations

import os

import pytest

# Telemetry off before anything imports dbt, dlt or dagster.
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    """A private data folder with the warehouse and landing paths pointing into it."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("CLOSEDLOOP_DATA_DIR", str(data))
    monkeypatch.setenv("CLOSEDLOOP_WAREHOUSE", str(data / "warehouse.duckdb"))
    monkeypatch.setenv("CLOSEDLOOP_LANDING_DIR", str(data / "landing"))
    monkeypatch.setenv("CLOSEDLOOP_SERVING_PATH", str(data / "serving" / "closedloop.duckdb"))
    return data


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """The whole tiny demo warehouse (real Dagster raw run + dbt build), built once per session
    and shared by the core, attribution and metrics tests."""
    from tests.support.tiny_pipeline import build_tiny_warehouse

    return build_tiny_warehouse(tmp_path_factory.mktemp("tiny_warehouse"))
