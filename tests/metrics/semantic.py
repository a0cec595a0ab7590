"""Run MetricFlow's `mf query` against a warehouse, as a user would from dbt_project/.

mf reads the semantic manifest from `<project>/target/semantic_manifest.json`, a fixed
path, so the project is copied to a scratch folder (parsed there) instead of touching the
shared dbt_project/target.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.metrics.handbuilt import DBT_DIR


def prepare_project(workdir: Path, warehouse: Path) -> tuple[Path, dict]:
    project = workdir / "dbt_project"
    shutil.copytree(
        DBT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages")
    )
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    bin_dir = Path(sys.executable).parent
    parsed = subprocess.run(
        [str(bin_dir / "dbt"), "parse", "--profiles-dir", "."],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    return project, env


def mf_query(
    project: Path, env: dict, metrics: list[str], group_by: list[str], out: Path
) -> list[dict[str, str]]:
    mf = Path(sys.executable).with_name("mf")
    done = subprocess.run(
        [
            str(mf),
            "query",
            "--metrics",
            ",".join(metrics),
            "--group-by",
            ",".join(group_by),
            "--csv",
            str(out),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    with out.open() as handle:
        return list(csv.DictReader(handle))
