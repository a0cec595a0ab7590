"""The README's promise, in the default suite: a BI reader holding the serving file open
while the pipeline publishes keeps reading the old version without error, and sees the
new one when it reconnects.

The publish is the real one: a Dagster run of the suite checks and the `publish` asset
(tests/quality/gate_warehouse.py) on a small hand-made warehouse, twice. A second process
holds the serving file open and queries it in a loop for the whole second run. The full
pipeline on the tiny demo does the same in test_gate_end_to_end.py (slow).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from tests.quality import gate_warehouse as gate

# Reads until the stop file exists; every read must see the version it opened.
READER = textwrap.dedent(
    """
    import json, os, sys, time
    import duckdb
    path, stop = sys.argv[1], sys.argv[2]
    queries = {
        "runs": "select count(*), max(run_id) from _published_runs",
        "account": "select account_name from core.dim_account where account_key = 'hs_100'",
        "opportunities": "select count(*), sum(amount_usd) from core.fct_opportunities",
    }

    def read(connection):
        return {k: [str(v) for v in connection.execute(q).fetchone()] for k, q in queries.items()}

    connection = duckdb.connect(path, read_only=True)
    opened, first_at = read(connection), time.time()
    print(json.dumps(opened), flush=True)
    reads = 0
    while not os.path.exists(stop):
        seen = read(connection)
        if seen != opened:
            print(json.dumps({"changed": seen}), flush=True)
            sys.exit(1)
        reads += 1
    last_at = time.time()
    connection.close()
    connection = duckdb.connect(path, read_only=True)
    print(json.dumps({"reads": reads, "first_at": first_at, "last_at": last_at}), flush=True)
    print(json.dumps(read(connection)), flush=True)
    """
)


@pytest.fixture()
def data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("CLOSEDLOOP_DATA_DIR", str(data))
    monkeypatch.setenv("CLOSEDLOOP_WAREHOUSE", str(data / "warehouse.duckdb"))
    monkeypatch.setenv("CLOSEDLOOP_SERVING_PATH", str(data / "serving" / "closedloop.duckdb"))
    monkeypatch.setenv("CLOSEDLOOP_LANDING_DIR", str(data / "landing"))
    for key in ("CLOSEDLOOP_PUBLISH_PII", "CLOSEDLOOP_PII_SALT", "CLOSEDLOOP_ROW_COUNT_MAX_DROP"):
        monkeypatch.delenv(key, raising=False)
    gate.build(data / "warehouse.duckdb")
    return data


def _published(result) -> bool:
    return any(e.asset_key == gate.PUBLISH.key for e in result.get_asset_materialization_events())


def test_reader_keeps_reading_while_the_gate_publishes(data, tmp_path):
    warehouse = data / "warehouse.duckdb"
    serving = data / "serving" / "closedloop.duckdb"
    stop = tmp_path / "stop-reading"
    first = gate.run_gate(warehouse)
    assert first.success and _published(first)

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(serving), str(stop)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        opened = json.loads(reader.stdout.readline())
        # The next version differs in content, not only in its run row.
        gate.execute(
            warehouse,
            "update core.dim_account set account_name = 'Renamed' where account_key = 'hs_100'",
        )
        publish_started = time.time()
        second = gate.run_gate(warehouse)
        publish_ended = time.time()
        stop.touch()
        out, err = reader.communicate(timeout=60)
    finally:
        reader.kill()
    assert second.success and _published(second), "the second run did not publish"
    assert reader.returncode == 0, out + err
    during, reopened = (json.loads(line) for line in out.splitlines())

    # Opened on the first publication; read without error or change through the second.
    assert opened["runs"] == ["1", first.run_id]
    assert opened["account"] == ["Account 0"]
    assert int(opened["opportunities"][0]) == 12
    assert during["reads"] > 0
    assert during["first_at"] <= publish_started and during["last_at"] >= publish_ended
    # A new connection sees the second publication.
    assert reopened["runs"] == ["2", max(first.run_id, second.run_id)]
    assert reopened["account"] == ["Renamed"]
    assert reopened["opportunities"] == opened["opportunities"]
    with duckdb.connect(str(serving), read_only=True) as connection:
        latest = connection.execute(
            "select run_id from _published_runs order by published_at desc limit 1"
        ).fetchone()
    assert latest == (second.run_id,)
