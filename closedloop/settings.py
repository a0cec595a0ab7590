"""Where things live, from environment variables with laptop-friendly defaults.

Every path is made absolute here because dbt-duckdb resolves a relative path
against its working directory, and Dagster may run dbt from a copied folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
# dbt from this interpreter's environment: dagster-dbt only looks on PATH.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

# One pool with limit 1 (dagster.yaml) serializes every asset that writes the
# warehouse: DuckDB allows a single writing process per file.
WAREHOUSE_POOL = "duckdb_warehouse"

# Nothing may call the internet: switch off every tool's telemetry before any import uses it.
for _var, _value in {
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "DO_NOT_TRACK": "1",
    "RUNTIME__DLTHUB_TELEMETRY": "false",
    "DAGSTER_DISABLE_TELEMETRY": "1",
    # dlt merges through a raw_staging dataset; empty it after each load so it holds no copy.
    "LOAD__TRUNCATE_STAGING_DATASET": "true",
}.items():
    os.environ.setdefault(_var, _value)


def _path(var: str, default: Path) -> Path:
    return Path(os.environ.get(var) or default).expanduser().resolve()


# The window every timestamp and date must fall in, at raw and at the gate
# (docs/resilience.md §3): [CLOSEDLOOP_TIMESTAMP_MIN, now + CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS].
TIMESTAMP_MIN_ENV = "CLOSEDLOOP_TIMESTAMP_MIN"
TIMESTAMP_MAX_FUTURE_DAYS_ENV = "CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS"


def _date(var: str, default: date) -> date:
    raw = (os.environ.get(var) or "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{var} must be a date YYYY-MM-DD, got {raw!r}") from None


def _days(var: str, default: int) -> int:
    raw = (os.environ.get(var) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(f"{var} must be a whole number of days >= 0, got {raw!r}")
    return value


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    warehouse_path: Path
    landing_dir: Path
    serving_path: Path
    # Oldest timestamp/date accepted, and how many days after now one may lie.
    timestamp_min: date = date(1990, 1, 1)
    timestamp_max_future_days: int = 1

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = _path("CLOSEDLOOP_DATA_DIR", REPO_ROOT / "data")
        return cls(
            data_dir=data_dir,
            warehouse_path=_path("CLOSEDLOOP_WAREHOUSE", data_dir / "warehouse.duckdb"),
            landing_dir=_path("CLOSEDLOOP_LANDING_DIR", data_dir / "landing"),
            serving_path=_path(
                "CLOSEDLOOP_SERVING_PATH", data_dir / "serving" / "closedloop.duckdb"
            ),
            timestamp_min=_date(TIMESTAMP_MIN_ENV, date(1990, 1, 1)),
            timestamp_max_future_days=_days(TIMESTAMP_MAX_FUTURE_DAYS_ENV, 1),
        )

    def export(self) -> None:
        """Publish the resolved paths to child processes (dbt reads CLOSEDLOOP_WAREHOUSE)."""
        os.environ["CLOSEDLOOP_WAREHOUSE"] = str(self.warehouse_path)
        os.environ["CLOSEDLOOP_LANDING_DIR"] = str(self.landing_dir)
        os.environ["CLOSEDLOOP_SERVING_PATH"] = str(self.serving_path)
        self.warehouse_path.parent.mkdir(parents=True, exist_ok=True)


def get_settings() -> Settings:
    settings = Settings.from_env()
    settings.export()
    return settings
