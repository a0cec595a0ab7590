"""The Dagster code location loads, validates, and keeps DuckDB to one writer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dagster import AssetKey

REPO = Path(__file__).resolve().parents[2]


def test_dagster_definitions_validate(tmp_path):
    env = {
        **os.environ,
        "DAGSTER_HOME": str(REPO),
        "CLOSEDLOOP_DAGSTER_STORAGE": str(tmp_path / "storage"),
        "CLOSEDLOOP_DAGSTER_LOGS": str(tmp_path / "logs"),
    }
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "orchestration.definitions"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation successful" in result.stdout + result.stderr


def test_every_warehouse_writer_shares_the_single_writer_pool():
    from closedloop.settings import WAREHOUSE_POOL
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = list(graph.get_all_asset_keys())
    assert AssetKey(["core", "dim_date"]) in keys
    executable = [graph.get(key) for key in keys if graph.get(key).is_materializable]
    assert executable, "no materializable assets"
    for node in executable:
        pools = {op.pool for op in node.assets_def.node_def.iterate_op_defs()}
        assert pools == {WAREHOUSE_POOL}, (
            f"{node.key} writes the warehouse outside the pool: {pools}"
        )


def test_dagster_yaml_limits_every_pool_to_one_step():
    import yaml

    config = yaml.safe_load((REPO / "dagster.yaml").read_text())
    assert config["concurrency"]["pools"]["default_limit"] == 1
    assert config["telemetry"]["enabled"] is False
