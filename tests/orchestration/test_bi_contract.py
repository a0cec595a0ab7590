"""The serving file keeps the BI contract (docs/bi-contract.md), opened as Superset opens it.

The file is the one the README's `make run` publishes (the package's real
`make run CRM=salesforce SCALE=tiny SEED=3`, conftest.py; the models, gate and publish do not
depend on the CRM). It is read by DuckDB 1.4 through SQLAlchemy <2.1 and duckdb_engine, in a
separate process with those versions (`make install` puts them in .venv/bi-reader,
tests/support/bi_reader.py), read-only, every row fetched through the driver. Asserted:

- exactly the declared tables (dbt exposure `bi_serving_file`) plus publish's bookkeeping:
  no helper table;
- every table's comment states its one grain ("One row per ...") and its documented key is
  unique and never NULL;
- every column has a comment, and `_catalog` lists every column with that description;
- no HUGEINT, no DECIMAL wider than 18 digits, no type the driver cannot map;
- every `*_rate` / `*_share` is within [0, 1]; no `*_pct` column.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from expectations.publish.tables import published_models
from expectations.suites._published import grain

REPO = Path(__file__).resolve().parents[2]
READER = REPO / ".venv" / "bi-reader"
BOOKKEEPING_KEYS = {
    "main._published_runs": ["run_id"],
    "main._published_tables": ["table_name"],
    "main._catalog": ["table_name", "column_name"],
}


@pytest.fixture(scope="module")
def served(salesforce_run, tmp_path_factory) -> dict:
    job = salesforce_run.job
    assert job.returncode == 0, job.stdout[-4000:] + job.stderr[-4000:]
    assert READER.is_dir(), f"{READER} missing: `make install` installs the BI reader"
    keys_file = tmp_path_factory.mktemp("bi_contract") / "keys.json"
    keys = dict(BOOKKEEPING_KEYS)
    keys |= {f"{s}.{m}": list(grain(f"{s}.{m}")) for m, s in _schemas(salesforce_run).items()}
    keys_file.write_text(json.dumps(keys))
    done = subprocess.run(
        [sys.executable, str(REPO / "tests/support/bi_reader.py")]
        + [str(READER), str(salesforce_run.serving), str(keys_file)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout)


def _schemas(run) -> dict[str, str]:
    """model -> its schema in the serving file (read from the file itself)."""
    import duckdb

    with duckdb.connect(str(run.serving), read_only=True) as con:
        rows = con.execute(
            "select table_name, schema_name from duckdb_tables() where schema_name <> 'main'"
        ).fetchall()
    return {name: schema for name, schema in rows}


def test_read_with_duckdb_1_4_and_sqlalchemy_before_2_1(served):
    assert served["duckdb"].startswith("1.4."), served["duckdb"]
    major, minor, *_ = (int(p) for p in re.findall(r"\d+", served["sqlalchemy"]))
    assert (major, minor) == (2, 0), served["sqlalchemy"]


def test_exactly_the_declared_tables_no_helper(served):
    tables = set(served["tables"])
    declared = set(published_models())
    assert {t.partition(".")[2] for t in tables if not t.startswith("main.")} == declared
    assert {t for t in tables if t.startswith("main.")} == set(BOOKKEEPING_KEYS)
    helpers = [
        t for t in tables if re.match(r"^(int_|stg_|base_|metrics_|metricflow)", t.split(".")[1])
    ]
    assert helpers == []


def test_every_table_states_one_grain_and_its_key_is_unique(served):
    problems = []
    for table, info in served["tables"].items():
        comment = info["comment"] or ""
        if not comment.startswith("One row per "):
            problems.append(f"{table}: comment does not state its grain: {comment[:60]!r}")
        if not info["key"]:
            problems.append(f"{table}: no documented key")
        elif info["duplicate_keys"] or info["null_keys"]:
            problems.append(f"{table}: key {info['key']} repeats or is NULL")
        if any(
            c["name"] in ("period_grain", "basis", "level", "dimension") for c in info["columns"]
        ):
            problems.append(f"{table}: stacked (period_grain/basis/level/dimension column)")
    assert problems == []


def test_every_column_has_a_comment_and_a_catalog_row(served, salesforce_run):
    import duckdb

    missing = [
        f"{t}.{c['name']}"
        for t, info in served["tables"].items()
        for c in info["columns"]
        if not (c["comment"] or "").strip()
    ]
    assert missing == []
    with duckdb.connect(str(salesforce_run.serving), read_only=True) as con:
        catalog = {
            (t, c): d
            for t, c, d in con.execute(
                "select table_name, column_name, description from _catalog"
            ).fetchall()
        }
    expected = {
        (t, c["name"]): c["comment"]
        for t, info in served["tables"].items()
        if t != "main._catalog"
        for c in info["columns"]
    }
    assert catalog == expected


def test_types_bi_drivers_read(served):
    bad = []
    for table, info in served["tables"].items():
        for c in info["columns"]:
            kind, mapped = c["type"].upper(), c["sqlalchemy_type"]
            wide = re.match(r"(NUMERIC|DECIMAL)\((\d+)", kind)
            if "HUGE" in kind or mapped == "HugeInteger" or mapped == "NullType":
                bad.append(f"{table}.{c['name']}: {c['type']} ({mapped})")
            elif wide and int(wide.group(2)) > 18:
                bad.append(f"{table}.{c['name']}: {c['type']}")
    assert bad == []


def test_rates_and_shares_are_fractions_and_no_percentages(served):
    out_of_range = {
        f"{t}.{name}": bounds
        for t, info in served["tables"].items()
        for name, bounds in info["rates"].items()
        if bounds[0] is not None and (bounds[0] < 0 or bounds[1] > 1 + 1e-9)
    }
    assert out_of_range == {}
    percents = [
        f"{t}.{c['name']}"
        for t, info in served["tables"].items()
        for c in info["columns"]
        if re.search(r"(_pct|_percent|percentage)$", c["name"])
    ]
    assert percents == []
