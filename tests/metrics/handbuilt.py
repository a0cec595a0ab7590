"""A hand-built warehouse with a handful of rows whose metric answers are worked out by hand.

The core and staging relations the metric marts read are created directly in a fresh DuckDB
file (dbt does not need to have built a model's parents when the relations exist); then
`dbt build` runs only the metric seeds, dim_date, the metric marts and the semantic layer.

The story (all timestamps UTC, whole days so that velocities are exact):
  reps     hs_1 (team AE EMEA), hs_2 (AE NA), hs_3 (AE NA, no quota)
  accounts hs_c1 SOFTWARE 1-49, hs_c2 RETAIL 200-999, hs_c3 SOFTWARE 50-199, hs_c5 RETAIL 1000+
           (customer since 2024-12-15, churned 2025-03-10 per the CRM only);
           hs_c1 churns 2025-04-20 (lifecycle)
  deals    D1 hs_c1/hs_1 created 01-10 won 02-19 10 000 USD (cycle 40 d)
           D2 hs_c2/hs_2 created 01-20 lost 03-01 5 000 USD, reason Price
           D3 hs_c3/hs_1 created 02-01 won 04-11 8 000 EUR = 8 800 USD (cycle 69 d);
              close date 03-31, moved to 04-10 on 03-25
           D4 hs_c2/hs_3 open, proposal sent (p=0.6), 3 000 -> 4 000 USD on 04-02, closes 05-15
           D5 hs_c1/hs_2 open, demo scheduled (p=0.2), 2 000 EUR, closes 04-30, pushed to
              06-20 on 04-25 (the latest data date = the default snapshot)
  fx       EUR 1.10 from 2025-01-01, 1.20 from 2025-04-01 (no USD rows: USD is 1)
  quotas   Q2 2025: hs_1 20 000 USD, hs_2 12 000 USD; Q1 2025: hs_1 15 000, hs_2 15 000
  contacts P1 hs_c1/hs_1 visitor 01-05 lead 01-10 mql 01-20 sal 02-02 sql 02-10 opp 02-15
              customer 02-19; first touch paid_search
           P2 hs_c2/hs_2 visitor 01-07 lead 01-15 mql 02-05; organic_search
           P3 hs_c3/hs_1 lead 01-25, skipped mql/sal (inferred = sql 03-01); paid_search
           P4 no account, no owner: visitor 02-03 lead 02-20; no touches (channel unknown)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tests.metrics.handbuilt_deals import DEAL_ROWS
from tests.metrics.handbuilt_inputs import INPUT_DDL, INPUT_ROWS
from tests.metrics.handbuilt_people import PEOPLE_ROWS
from tests.metrics.handbuilt_playbook import PLAYBOOK_DDL, PLAYBOOK_ROWS
from tests.metrics.handbuilt_schema import DDL
from tests.metrics.handbuilt_stalled import STALLED_DDL, STALLED_ROWS

REPO = Path(__file__).resolve().parents[2]
DBT_DIR = REPO / "dbt_project"
SELECTION = [
    "dim_date",
    "marts.metrics",
    "semantic",
    "metrics_*",
    "int_metrics__*",
    "canonical_stages",
    "stage_mapping",
    "attribution_conversion_stages",
    "sales_stage_mapping",
    "rejection_reason_mapping",
    "dim_snapshot_date",
    "fct_opportunity_property_history",
    "fct_customer_contract_changes",
    "dim_sales_stages",
    "fct_fx_rates",
    "fct_quotas",
    "int_deals__property_history",
    "int_sales__stages",
    "int_fx_rates",
    "int_quotas",
]

# Rows per relation of DDL (handbuilt_schema.py): handbuilt_people.py, handbuilt_deals.py.
ROWS = {**PEOPLE_ROWS, **DEAL_ROWS, **INPUT_ROWS, **STALLED_ROWS, **PLAYBOOK_ROWS}


@dataclass
class HandBuild:
    warehouse: Path
    returncode: int
    output: str

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def one(self, sql: str, params: list | None = None):
        rows = self.query(sql, params)
        assert len(rows) == 1, f"expected one row, got {rows}"
        return rows[0][0] if len(rows[0]) == 1 else rows[0]


def create_inputs(warehouse: Path, extra_rows: dict | None = None) -> None:
    rows = {**ROWS, **(extra_rows or {})}
    with duckdb.connect(str(warehouse)) as con:
        for table, columns in {**DDL, **INPUT_DDL, **STALLED_DDL, **PLAYBOOK_DDL}.items():
            con.execute(f"create schema if not exists {table.split('.')[0]}")
            con.execute(f"create or replace table {table} ({columns})")
            width = len(con.execute(f"select * from {table} limit 0").description)
            for row in rows.get(table, []):
                con.execute(f"insert into {table} values ({', '.join('?' * width)})", row)


def run_dbt(warehouse: Path, target: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [str(dbt), *args, "--profiles-dir", ".", "--target-path", str(target)],
        cwd=DBT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_hand_warehouse(
    workdir: Path, dbt_vars: str | None = None, template: Path | None = None
) -> HandBuild:
    """Create the inputs (or copy a template warehouse) and build the metric layer."""
    workdir.mkdir(parents=True, exist_ok=True)
    warehouse = workdir / "warehouse.duckdb"
    if template:
        shutil.copy(template, warehouse)
    else:
        create_inputs(warehouse)
    args = ["build", "--select", *SELECTION]
    if dbt_vars:
        args += ["--vars", dbt_vars]
    done = run_dbt(warehouse, workdir / "target", args)
    return HandBuild(warehouse, done.returncode, done.stdout + done.stderr)
