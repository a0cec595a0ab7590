"""A raw layer from hand-written records, and dbt run against it in a temporary warehouse.

The raw-layer ingestion is written concurrently; until it can load the landing folder,
tests/staging/fixtures/raw_tables.sql creates the raw tables per docs/raw-tables.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
DBT_DIR = REPO / "dbt_project"
RAW_FIXTURE = Path(__file__).parent / "fixtures" / "raw_tables.sql"


@dataclass
class DbtRun:
    returncode: int
    output: str
    results: list[dict]

    def failures(self) -> list[str]:
        return [
            f"{r['unique_id']}: {r['status']} {r.get('message') or ''}"
            for r in self.results
            if r["status"] not in {"success", "pass"}
        ]


@dataclass
class Warehouse:
    path: Path
    target: Path

    def execute(self, sql: str) -> None:
        with duckdb.connect(str(self.path)) as con:
            con.execute(sql)

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.path), read_only=True) as con:
            return con.execute(sql).fetchall()

    def scalar(self, sql: str):
        return self.query(sql)[0][0]

    def dbt(self, *args: str) -> DbtRun:
        env = {
            **os.environ,
            "CLOSEDLOOP_WAREHOUSE": str(self.path),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "TZ": "UTC",
        }
        dbt = Path(sys.executable).with_name("dbt")
        result = subprocess.run(
            [
                str(dbt),
                *args,
                "--profiles-dir",
                str(DBT_DIR),
                "--target-path",
                str(self.target),
                "--log-path",
                str(self.target / "logs"),
            ],
            cwd=DBT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        run_results = self.target / "run_results.json"
        results = json.loads(run_results.read_text())["results"] if run_results.exists() else []
        return DbtRun(result.returncode, result.stdout + result.stderr, results)


def create_raw_layer(path: Path) -> None:
    """The hand-written raw tables, plus the Salesforce ones and the cost and target inputs
    empty (a HubSpot company without them): as ingestion leaves them for a vendor with no
    files (ingestion/empty_tables.py)."""
    from ingestion.contracts import contracts_of
    from ingestion.empty_tables import create_table_sql

    with duckdb.connect(str(path)) as con:
        con.execute(RAW_FIXTURE.read_text())
        for contract in contracts_of("salesforce"):
            con.execute(create_table_sql(contract, "raw"))
        for contract in contracts_of("targets"):
            if contract.name not in ("targets__quotas", "targets__fx_rates"):
                con.execute(create_table_sql(contract, "raw"))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Warehouse:
    root = tmp_path_factory.mktemp("staging")
    wh = Warehouse(path=root / "warehouse.duckdb", target=root / "dbt_target")
    create_raw_layer(wh.path)
    return wh
