"""Shared test setup: every test works in its own temporary data folder, never in data/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DBT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"

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


@pytest.fixture(scope="session")
def manifest(tmp_path_factory):
    """The dbt manifest of the project as it is on disk (`dbt parse`, no warehouse needed)."""
    target = tmp_path_factory.mktemp("dbt_parse_target")
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(target / "parse.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "parse", "--profiles-dir", ".", "--target-path", str(target)],
        cwd=DBT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((target / "manifest.json").read_text())
