"""Build a whole warehouse from the tiny demo company, for tests of the layers above raw.

Generates the tiny landing folder, ingests it with a real Dagster run of the raw assets,
then runs `dbt build` (every model and test) into the same DuckDB file. The dbt result is
returned rather than raised so that tests can report which dbt tests failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]


@dataclass
class TinyBuild:
    landing: Path
    warehouse: Path
    dbt_returncode: int
    dbt_output: str

    @property
    def truth(self) -> Path:
        return self.landing / "_truth"

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


@contextmanager
def _env(overrides: dict[str, str]):
    saved = {key: os.environ.get(key) for key in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_tiny_warehouse(workdir: Path, seed: int = 3, dbt_args: list[str] | None = None):
    from dagster import materialize

    landing = workdir / "landing"
    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "demo",
            "--scale",
            "tiny",
            "--seed",
            str(seed),
            "--out",
            str(landing),
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    overrides = {
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_DLT_DIR": str(data / "dlt"),
    }
    with _env(overrides):
        from closedloop.settings import get_settings
        from orchestration.assets.raw import raw_assets
        from orchestration.resources import build_resources

        result = materialize(raw_assets, resources=build_resources(get_settings()))
        assert result.success, "raw ingestion failed"
        dbt = Path(sys.executable).with_name("dbt")
        completed = subprocess.run(
            [
                str(dbt),
                "build",
                "--profiles-dir",
                ".",
                "--target-path",
                str(workdir / "target"),
                *(dbt_args or []),
            ],
            cwd=REPO / "dbt_project",
            env={**os.environ},
            capture_output=True,
            text=True,
        )
    return TinyBuild(
        landing,
        data / "warehouse.duckdb",
        completed.returncode,
        completed.stdout + completed.stderr,
    )
