"""Load a hand-made landing folder through the real raw assets, then build chosen dbt models.

For the real-inputs tests (docs/real-inputs.md): a real Dagster run of the raw assets in
files mode into a private DuckDB file, then `dbt build --select ...` of only the models the
test needs, so each case costs seconds, not a whole pipeline.

    build = load_and_build(tmp_path, landing, select=["+fct_ad_spend_daily"])
    assert build.dbt_returncode == 0, build.dbt_output
    build.query("select ...")
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.tiny_pipeline import TinyBuild, _env

REPO = Path(__file__).resolve().parents[2]
VENDOR_MODES = ("HUBSPOT", "SALESFORCE", "GOOGLE_ADS", "META_ADS", "LINKEDIN_ADS", "SENDGRID")


def load_raw(workdir: Path, landing: Path, extra_env: dict[str, str] | None = None) -> Path:
    """Materialize every raw asset (files mode) from `landing`; return the warehouse path."""
    from dagster import materialize

    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    overrides = {
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_DLT_DIR": str(data / "dlt"),
        **{f"CLOSEDLOOP_{v}_MODE": "files" for v in VENDOR_MODES},
        **(extra_env or {}),
    }
    with _env(overrides):
        from closedloop.settings import get_settings
        from orchestration.assets.raw import raw_assets
        from orchestration.resources import build_resources

        result = materialize(raw_assets, resources=build_resources(get_settings()))
        assert result.success, "raw ingestion failed"
    return data / "warehouse.duckdb"


def run_dbt(workdir: Path, warehouse: Path, args: list[str]) -> subprocess.CompletedProcess:
    dbt = Path(sys.executable).with_name("dbt")
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    return subprocess.run(
        [str(dbt), *args, "--profiles-dir", ".", "--target-path", str(workdir / "target")],
        cwd=REPO / "dbt_project",
        env=env,
        capture_output=True,
        text=True,
    )


def load_and_build(
    workdir: Path,
    landing: Path,
    select: list[str],
    extra_env: dict[str, str] | None = None,
    dbt_args: list[str] | None = None,
) -> TinyBuild:
    """Raw assets from `landing`, then `dbt build --select <select>` into the same file."""
    warehouse = load_raw(workdir, landing, extra_env)
    done = run_dbt(workdir, warehouse, ["build", "--select", *select, *(dbt_args or [])])
    return TinyBuild(landing, warehouse, done.returncode, done.stdout + done.stderr)


def pipeline_env(work: Path, landing: Path, data: Path) -> dict[str, str]:
    """The environment of a real `make run LANDING=<landing>` into `data` (files mode)."""
    return {
        **os.environ,
        **{f"CLOSEDLOOP_{v}_MODE": "files" for v in VENDOR_MODES},
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_DLT_DIR": str(data / "dlt"),
        "CLOSEDLOOP_SERVING_PATH": str(data / "serving" / "closedloop.duckdb"),
        "DAGSTER_HOME": str(REPO),
        "CLOSEDLOOP_DAGSTER_STORAGE": str(data / "dagster" / "storage"),
        "CLOSEDLOOP_DAGSTER_LOGS": str(data / "dagster" / "logs"),
        # dagster-dbt writes each invocation's artifacts under DBT_TARGET_PATH.
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
