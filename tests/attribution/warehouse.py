"""Build only the attribution models over core tables that a test writes itself.

The test creates `core.fct_touchpoints` and the other inputs named in docs/core-schema.md
in a fresh DuckDB file, then runs `dbt build` on the attribution folders alone: dbt reads
the inputs through ref() and never builds them. The project is copied to a temporary folder
so that target/ and logs/ stay out of the repository; core models that do not exist yet in
the project (they are built in parallel) get a placeholder node so that ref() resolves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

REPO = Path(__file__).resolve().parents[2]
DBT_PROJECT = REPO / "dbt_project"
# The attribution models and the seeds they read; canonical_stages and stage_mapping for the
# seed tests that the build selects with them (attribution_conversion_stages.canonical_stage
# refers to canonical_stages, and stage_mapping's test to canonical_stages).
ATTRIBUTION_SELECTOR = [
    "path:models/intermediate/attribution",
    "path:models/marts/attribution",
    "attribution_models",
    "attribution_conversion_stages",
    "canonical_stages",
    "stage_mapping",
]

# The core tables attribution reads, with the columns of docs/core-schema.md it relies on.
CORE_TABLES: dict[str, dict[str, str]] = {
    "fct_touchpoints": {
        "touchpoint_id": "varchar",
        "contact_key": "varchar",
        "account_key": "varchar",
        "anonymous_id": "varchar",
        "session_id": "varchar",
        "touched_at": "timestamp",
        "touch_type": "varchar",
        "channel": "varchar",
        "source": "varchar",
        "medium": "varchar",
        "campaign_key": "varchar",
        "is_before_identification": "boolean",
        "source_system": "varchar",
    },
    "fct_contact_funnel": {
        "contact_key": "varchar",
        "account_key": "varchar",
        "lead_at": "timestamp",
        "mql_at": "timestamp",
        "sql_at": "timestamp",
        "lead_is_inferred": "boolean",
        "mql_is_inferred": "boolean",
        "sql_is_inferred": "boolean",
    },
    "fct_opportunities": {
        "opportunity_key": "varchar",
        "account_key": "varchar",
        "amount": "double",
        "currency": "varchar",
        "amount_usd": "double",
        "created_at": "timestamp",
        "closed_at": "timestamp",
        "is_closed": "boolean",
        "is_won": "boolean",
        "outcome": "varchar",
        "is_new_business": "boolean",
    },
    "fct_opportunity_contacts": {
        "opportunity_key": "varchar",
        "contact_key": "varchar",
        "role": "varchar",
    },
    "fct_ad_spend_daily": {
        "date_day": "date",
        "platform": "varchar",
        "ad_account_id": "varchar",
        "campaign_id": "varchar",
        "campaign_key": "varchar",
        "campaign_name": "varchar",
        "currency": "varchar",
        "impressions": "bigint",
        "clicks": "bigint",
        "spend": "double",
        "spend_usd": "double",
    },
}


@dataclass
class AttributionBuild:
    warehouse: Path
    returncode: int
    output: str

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def weights(self, conversion_id: str, model: str) -> list[float]:
        """The conversion's weights under `model`, in touch order."""
        rows = self.query(
            "select attribution_weight from attribution.fct_attribution_credits"
            " where conversion_id = ? and attribution_model = ? order by touch_position",
            [conversion_id, model],
        )
        return [row[0] for row in rows]


def _derived_defaults(table: str, row: dict) -> dict:
    row = dict(row)
    if table == "fct_opportunities":
        row.setdefault("is_closed", row.get("closed_at") is not None)
        row.setdefault("is_won", False)
        row.setdefault("amount", row.get("amount_usd"))
        row.setdefault("currency", "USD")
        row.setdefault("is_new_business", True)
        row.setdefault(
            "outcome", "won" if row["is_won"] else ("lost" if row["is_closed"] else "open")
        )
    return row


def write_core_tables(warehouse: Path, tables: dict[str, list[dict]]) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists core")
        for table, columns in CORE_TABLES.items():
            ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
            con.execute(f"create or replace table core.{table} ({ddl})")
            for row in tables.get(table, []):
                row = _derived_defaults(table, row)
                unknown = set(row) - set(columns)
                assert not unknown, f"{table}: unknown columns {unknown}"
                names = list(row)
                con.execute(
                    f"insert into core.{table} ({', '.join(names)})"
                    f" values ({', '.join('?' for _ in names)})",
                    [row[name] for name in names],
                )


def _copy_project(workdir: Path) -> Path:
    project = workdir / "dbt_project"
    shutil.copytree(
        DBT_PROJECT,
        project,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml"),
    )
    existing = {path.stem for path in (project / "models").rglob("*.sql")}
    existing |= {path.stem for path in (project / "models").rglob("*.py")}
    stubs = project / "models" / "_attribution_test_placeholders"
    for table in CORE_TABLES:
        if table not in existing:
            stubs.mkdir(exist_ok=True)
            (stubs / f"{table}.sql").write_text(
                "{{ config(schema='core') }}\n-- placeholder: the test writes this table\n"
                "select 1 as placeholder\n"
            )
    return project


def build_attribution(
    workdir: Path,
    tables: dict[str, list[dict]] | None = None,
    dbt_vars: dict | None = None,
    command: str = "build",
) -> AttributionBuild:
    """Write the core inputs (unless the warehouse already has them) and build attribution."""
    workdir.mkdir(parents=True, exist_ok=True)
    warehouse = workdir / "warehouse.duckdb"
    if tables is not None:
        write_core_tables(warehouse, tables)
    project = _copy_project(workdir)
    return run_dbt(project, warehouse, dbt_vars, command)


def run_dbt(
    project: Path, warehouse: Path, dbt_vars: dict | None = None, command: str = "build"
) -> AttributionBuild:
    dbt = Path(sys.executable).with_name("dbt")
    args = [str(dbt), command, "--profiles-dir", ".", "--select", *ATTRIBUTION_SELECTOR]
    if dbt_vars:
        args += ["--vars", yaml.safe_dump(dbt_vars, default_flow_style=True).strip()]
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }
    completed = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True)
    return AttributionBuild(warehouse, completed.returncode, completed.stdout + completed.stderr)
