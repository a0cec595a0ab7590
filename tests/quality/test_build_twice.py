"""Deterministic results (docs/resilience.md §4): every published column is a function of
the data, so the same landing built again gives the same published tables.

The tiny demo landing is loaded into raw once; three copies of that warehouse are then
built by `dbt build` (seeds and models; the dbt tests are not needed to compare results)
with everything but the data made different:

- build A: dbt and DuckDB on 1 thread, every table's rows stored in the order computed;
- builds B and C: dbt and DuckDB on 4 threads, every raw table, seed and table model
  stored again sorted by a hash of its rows (B ascending, C descending; a post-hook in a
  copy of the dbt project). A table has no row order: dlt's merge promises none for raw,
  nor DuckDB for a parallel query. So every model reads its inputs in another order than
  in A, and any two rows of a table are stored in opposite orders in B and C: a model that
  breaks a tie by the order rows arrive in (`mode()`, `row_number()` / `arg_max` / `list`
  over an ordering with ties, `any_value`) answers differently in B or C, as long as the
  demo data has such a tie.

Every published table (expectations.publish.tables over the manifest's models) must then
hold the same rows in all builds, as multisets (EXCEPT ALL both ways), doubles compared as
explained below.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from expectations.publish.tables import published_tables
from tests.support.published_compare import copy_tables, difference, model_tables
from tests.support.real_inputs import load_raw

REPO = Path(__file__).resolve().parents[2]

# name: (dbt and DuckDB threads, order every raw, seed and model table is stored in)
BUILDS = {
    "A": (1, None),
    "B": (4, "asc"),
    "C": (4, "desc"),
}

PROFILE = """\
closedloop:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{{{{ env_var('CLOSEDLOOP_WAREHOUSE') }}}}"
      threads: {threads}
      settings:
        threads: {threads}
"""


def _reordered(relation: str, direction: str) -> str:
    """SQL storing `relation` again with the same rows sorted by a hash of each row: an
    order that owes nothing to the order the rows were computed or loaded in."""
    return (
        f"create or replace table {relation} as"
        f" select * from {relation} as stored_row order by hash(stored_row) {direction}"
    )


def _reorder_raw_tables(warehouse: Path, direction: str) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        tables = connection.execute(
            "select table_name from information_schema.tables"
            " where table_schema = 'raw' and table_type = 'BASE TABLE'"
            " and table_name not like '\\_dlt%' escape '\\'"
        ).fetchall()
        for (table,) in tables:
            connection.execute(_reordered(f'raw."{table}"', direction))


def _project_storing_tables_in(folder: Path, direction: str) -> Path:
    """A copy of the dbt project whose seeds and table models store their rows in hash
    order (a post-hook): same SQL, so the same results, but every model reads its inputs
    in another order than in build A."""
    project = folder / "dbt_project"
    shutil.copytree(REPO / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs"))
    hook = (
        "{% if model.config.materialized in ('table', 'seed') %}"
        + _reordered("{{ this }}", direction)
        + "{% else %}select 1{% endif %}"
    )
    settings = yaml.safe_load((project / "dbt_project.yml").read_text())
    for resource in ("models", "seeds"):
        settings[resource]["closedloop"]["+post-hook"] = [hook]
    (project / "dbt_project.yml").write_text(yaml.safe_dump(settings, sort_keys=False))
    return project


def _dbt_build(folder: Path, project: Path, warehouse: Path, threads: int) -> dict:
    """`dbt build` of seeds and models into `warehouse`; returns the manifest."""
    profiles = folder / "profiles"
    profiles.mkdir()
    (profiles / "profiles.yml").write_text(PROFILE.format(threads=threads))
    target = folder / "target"
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            "build",
            "--exclude",
            "resource_type:test",
            "resource_type:unit_test",
            "--threads",
            str(threads),
            "--profiles-dir",
            str(profiles),
            "--target-path",
            str(target),
            "--log-path",
            str(folder / "logs"),
        ],
        cwd=project,
        env={
            **os.environ,
            "CLOSEDLOOP_WAREHOUSE": str(warehouse),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        },
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).splitlines()
        failed = [line for line in lines if "ERROR" in line or "Error" in line]
        pytest.fail(f"dbt build ({threads} threads) failed:\n" + "\n".join(failed or lines[-40:]))
    return json.loads((target / "manifest.json").read_text())


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    work = tmp_path_factory.mktemp("build_twice")
    landing = work / "landing"
    subprocess.run(
        [sys.executable, "-m", "demo", "--scale", "tiny", "--seed", "3", "--out", str(landing)],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    raw = load_raw(work / "raw", landing)
    out = {}
    for name, (threads, direction) in BUILDS.items():
        folder = work / name
        folder.mkdir()
        # The file name is the catalog name the views are created in: keep it.
        warehouse = folder / raw.name
        shutil.copyfile(raw, warehouse)
        project = REPO / "dbt_project"
        if direction:
            _reorder_raw_tables(warehouse, direction)
            project = _project_storing_tables_in(folder, direction)
        out[name] = (warehouse, _dbt_build(folder, project, warehouse, threads))
    return out


def test_every_published_table_is_the_same_whatever_order_rows_are_stored_in(builds):
    tables = {
        name: published_tables(model_tables(manifest)) for name, (_, manifest) in builds.items()
    }
    published = tables["A"]
    assert all(t == published for t in tables.values())
    # The metric and attribution marts and the core tables they join to.
    assert {"metrics.mart_sales_performance", "core.fct_touchpoints"} <= set(published)

    with duckdb.connect() as comparison:
        for name, (warehouse, _) in builds.items():
            copy_tables(comparison, warehouse, published, name)
        differences = [
            found
            for other in BUILDS
            if other != "A"
            for table in published
            if (found := difference(comparison, table, "A", other))
        ]

    assert not differences, (
        f"{len(differences)} published table(s) differ between builds of the same landing"
        " (A: 1 thread, rows stored as computed; B, C: 4 threads, every table's rows stored"
        " in hash order, ascending and descending):\n" + "\n".join(differences)
    )
