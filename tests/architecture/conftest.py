"""The dbt manifest of the project as it is on disk, parsed once for the architecture tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DBT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"


@pytest.fixture(scope="session")
def manifest(tmp_path_factory):
    target = tmp_path_factory.mktemp("architecture_dbt_target")
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
