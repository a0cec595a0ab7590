"""One bad record never stops BI (docs/resilience.md): the real pipeline on odd inputs.

One real `make run LANDING=<folder>` (raw, dbt models, dbt tests, the GX suites, publish,
summary) on a copy of the tiny demo landing into which every case was injected at once:

- each odd-but-normal record of §1 (FX rate not arrived, unknown campaign / owner / stage /
  account, merge cycle) is handled by the models: its table is published fresh and the
  oddity is counted in the published `metrics.mart_data_quality` as worked out by hand from
  the landing files (tests/support/odd_records.py);
- each invalid value of §3 is quarantined at raw with its reason, landing-relative file and
  locator (tests/support/invalid_values.py), and named in the summary;
- one invalid value raw does not type-check slips into a published table: that table and the
  tables downstream of it (per the dbt manifest's child map, not our gate's code) are held
  back with the record named, and every other published table is fresh.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.support import invalid_values, odd_records
from tests.support.real_inputs import pipeline_env

REPO = Path(__file__).resolve().parents[2]
INVALID = ("ts_1900", "ts_neg_infinity", "nan_spend", "fractional_micros", "epoch_out_of_range")


class OddRun:
    def __init__(self, work: Path, landing: Path, data: Path, job, odd, invalid, slipped):
        self.work, self.landing, self.data = work, landing, data
        self.job, self.odd, self.invalid, self.slipped = job, odd, invalid, slipped
        self.serving = data / "serving" / "closedloop.duckdb"
        self.warehouse = data / "warehouse.duckdb"

    def serve(self, sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(self.serving), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def ware(self, sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def status(self) -> dict[str, tuple]:
        rows = self.serve(
            "select table_name, status, data_run_id, held_back_reason from _published_tables"
        )
        return {t: (s, run, reason) for t, s, run, reason in rows}


@pytest.fixture(scope="module")
def odd(tmp_path_factory) -> OddRun:
    work = tmp_path_factory.mktemp("odd_records")
    generated = work / "generated"
    subprocess.run(
        [sys.executable, "-m", "demo", "--scale", "tiny", "--seed", "3", "--out", str(generated)],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    landing = work / "landing"
    shutil.copytree(generated, landing)
    odd_expected = odd_records.inject_all(landing)
    invalid_expected = {
        case: getattr(invalid_values, f"inject_{case}")(landing) for case in INVALID
    }
    slipped = invalid_values.inject_slips_through(landing)
    data = work / "data"
    env = pipeline_env(work, landing, data)
    job = subprocess.run(
        ["make", "run", f"LANDING={landing}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    return OddRun(work, landing, data, job, odd_expected, invalid_expected, slipped)


def _downstream(manifest: dict, table: str) -> set[str]:
    """`table` and every model downstream of it, as 'schema.name', from dbt's child map.

    A span-only model (the calendar, `meta.closedloop_gate: span_only`) reads its parents
    for its date span only: it is not downstream of them (docs/resilience.md §2)."""
    by_relation = {
        f"{n['schema']}.{n.get('alias') or n['name']}": uid
        for uid, n in manifest["nodes"].items()
        if n["resource_type"] in ("model", "seed", "snapshot")
    }
    names = {uid: rel for rel, uid in by_relation.items()}
    seen, todo = set(), [by_relation[table]]
    while todo:
        uid = todo.pop()
        if uid in seen:
            continue
        seen.add(uid)
        children = [c for c in manifest["child_map"].get(uid, []) if c in names]
        todo += [c for c in children if not _span_only(manifest["nodes"][c])]
    return {names[uid] for uid in seen}


def _span_only(node: dict) -> bool:
    meta = {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}
    return meta.get("closedloop_gate") == "span_only"


def test_the_run_succeeds_and_publishes(odd):
    assert odd.job.returncode == 0, odd.job.stdout[-3000:] + odd.job.stderr[-3000:]
    assert odd.serve("select count(*) from _published_runs") == [(1,)]


def test_only_the_slipped_value_holds_tables_back(odd):
    """Held back: the slipped value's table and its downstream, nothing else."""
    manifest = json.loads((REPO / "dbt_project" / "target" / "manifest.json").read_text())
    status = odd.status()
    expected = _downstream(manifest, odd.slipped["table"]) & set(status)
    held = {t for t, (s, _, _) in status.items() if s != "fresh"}
    assert held == expected
    assert odd.slipped["table"] in held
    for table in held:
        state, run, reason = status[table]
        assert state == "unavailable" and run is None  # the first run: never published
        assert odd.slipped["table"] in reason
        assert str(odd.slipped["record_key"]) in reason, reason
    summary = odd.job.stdout
    assert f"HELD BACK {odd.slipped['table']}" in summary


@pytest.mark.parametrize("case", sorted(odd_records.INJECTORS))
def test_odd_record_is_handled_and_counted(odd, case):
    """The odd record's row in the published data-quality mart, as worked out by hand."""
    expected = odd.odd[case]
    rows = odd.serve(
        "select source, affected_rows, affected_amount_usd, example_ids"
        " from metrics.mart_data_quality where check_name = ? and object = ?",
        [expected["check_name"], expected["object"]],
    )
    by_source = {source: (n, amount, ids) for source, n, amount, ids in rows}
    if "affected_rows_by_source" in expected:
        assert {s: v[0] for s, v in by_source.items()} == expected["affected_rows_by_source"]
    else:
        n, amount, ids = by_source[expected["source"]]
        assert n == expected["affected_rows"]
        assert ids == expected["example_ids"]
        if expected["affected_amount_usd"] is None:
            assert amount is None
        else:
            assert amount == pytest.approx(float(expected["affected_amount_usd"]), abs=0.005)
    status = odd.status()
    assert status["metrics.mart_data_quality"][0] == "fresh"


@pytest.mark.parametrize("case", INVALID)
def test_invalid_value_is_quarantined_and_named(odd, case):
    expected = odd.invalid[case]
    rows = odd.ware(
        "select reason_kind, reason, record_key from raw._quarantine"
        " where table_name = ? and _file = ? and locator = ?",
        [expected["table"], expected["file"], str(expected["locator"])],
    )
    assert [(kind, reason) for kind, reason, _ in rows] == [
        (expected["reason_kind"], expected["reason"])
    ]
    if expected["record_key"] is not None:
        assert rows[0][2] == expected["record_key"]
    # The run's log names the record: file, locator, field and reason.
    named = f"{expected['file']} {expected['locator']}: {expected['reason']}"
    assert named in odd.job.stdout + odd.job.stderr
