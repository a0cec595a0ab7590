"""The stage mapping seed drives the funnel: a changed mapping, rebuilt on a copy of the tiny
demo warehouse, changes the stages entered exactly as the demo's truth says.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb

from tests.core.lifecycle_truth import STAGES, to_second, truth_rows, ts

REPO = Path(__file__).resolve().parents[2]


def test_the_stage_mapping_seed_drives_the_funnel(tiny, truth_contacts, tmp_path):
    """Map HubSpot `salesqualifiedlead` to mql instead of sql: SQL is then never really
    entered (only filled from opportunity), and MQL is entered by everyone who reached
    MQL or SQL, at the earlier of the two."""
    project = tmp_path / "dbt_project"
    shutil.copytree(
        REPO / "dbt_project",
        project,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"),
    )
    seed = project / "seeds" / "stage_mapping.csv"
    text = seed.read_text()
    assert "hubspot,lifecyclestage,salesqualifiedlead,sql,false" in text
    seed.write_text(
        text.replace(
            "hubspot,lifecyclestage,salesqualifiedlead,sql,false",
            "hubspot,lifecyclestage,salesqualifiedlead,mql,false",
        )
    )
    data = tmp_path / "data"
    data.mkdir()
    warehouse = data / "warehouse.duckdb"  # same file name: views name their catalog
    shutil.copyfile(tiny.warehouse, warehouse)
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    target = tmp_path / "target"
    dbt = Path(sys.executable).with_name("dbt")
    # The models' data tests already ran in the tiny build; here only the numbers matter.
    result = subprocess.run(
        [
            str(dbt),
            "build",
            "--profiles-dir",
            ".",
            "--target-path",
            str(target),
            "--select",
            "stage_mapping+,+fct_contact_funnel",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(mql_entered, sql_entered, sql_filled, sql_inferred)] = con.execute("""
            select count(mql_entered_at), count(sql_entered_at), count(sql_at),
                count(*) filter (where sql_is_inferred)
            from core.fct_contact_funnel
        """).fetchall()
        [(mql_transitions,)] = con.execute(
            "select count(*) from core.fct_lifecycle_transitions where to_stage = 'mql'"
        ).fetchall()
        mql_times = dict(
            con.execute(
                "select contact_key, mql_entered_at from core.fct_contact_funnel"
            ).fetchall()
        )
    reached_mql_or_sql = {
        k: min(ts(c[s]) for s in ("mql_at", "sql_at") if c[s])
        for k, c in truth_contacts.items()
        if c["mql_at"] or c["sql_at"]
    }
    # SQL is now only reached by filling it from a later stage.
    beyond_sql = sum(
        1
        for c in truth_contacts.values()
        if any(c[f"{s}_at"] for s in STAGES[STAGES.index("opportunity") :])
    )
    assert sql_entered == 0
    assert sql_filled == sql_inferred == beyond_sql
    assert mql_entered == len(reached_mql_or_sql)
    assert sum(1 for c in truth_contacts.values() if c["sql_at"]) > 0
    # Every SQL transition of the truth is now an MQL one (SQL always follows SAL there).
    transitions = Counter(r["to_stage"] for r in truth_rows(tiny, "lifecycle_transitions.csv"))
    assert mql_transitions == transitions["mql"] + transitions["sql"]
    assert {k: to_second(v) for k, v in mql_times.items() if v} == reached_mql_or_sql
