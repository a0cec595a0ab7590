"""The whole pipeline on the tiny demo, twice, with a BI reader holding the serving file open.

Slow (two full runs: ingestion, dbt build, checks, publish): `make test-all`. The default
suite keeps the promise with the real gate on a small warehouse: test_reader_during_publish.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from expectations.publish.pii import PiiPolicy
from expectations.publish.storage import readable_by_duckdb_1_4
from expectations.publish.tables import declared_pii

REPO = Path(__file__).resolve().parents[2]

READER = textwrap.dedent(
    """
    import sys, duckdb
    connection = duckdb.connect(sys.argv[1], read_only=True)
    query = "select run_id from _published_runs order by published_at desc limit 1"
    print(connection.execute(query).fetchone()[0], flush=True)
    sys.stdin.readline()  # a whole pipeline run happens now, the file stays open
    print(connection.execute(query).fetchone()[0], flush=True)
    print(connection.execute("select count(*) from core.fct_opportunities").fetchone()[0],
          flush=True)
    connection.close()
    connection = duckdb.connect(sys.argv[1], read_only=True)
    print(connection.execute(query).fetchone()[0], flush=True)
    """
)


def _pipeline(env) -> subprocess.CompletedProcess:
    dagster = Path(sys.executable).with_name("dagster")
    return subprocess.run(
        [
            str(dagster),
            "job",
            "execute",
            "-m",
            "orchestration.definitions",
            "-j",
            "closedloop_pipeline",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def _last_run(serving) -> str:
    with duckdb.connect(str(serving), read_only=True) as connection:
        return connection.execute(
            "select run_id from _published_runs order by published_at desc limit 1"
        ).fetchone()[0]


@pytest.mark.slow
def test_reader_keeps_reading_during_a_full_pipeline_run(tmp_path):
    data = tmp_path / "data"
    landing = tmp_path / "landing"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "demo",
            "--scale",
            "tiny",
            "--seed",
            "3",
            "--out",
            str(landing),
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    serving = data / "serving" / "closedloop.duckdb"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(REPO),
        "CLOSEDLOOP_DAGSTER_STORAGE": str(tmp_path / "dagster" / "storage"),
        "CLOSEDLOOP_DAGSTER_LOGS": str(tmp_path / "dagster" / "logs"),
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_SERVING_PATH": str(serving),
        "CLOSEDLOOP_DLT_DIR": str(data / "dlt"),
    }
    first = _pipeline(env)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    assert serving.exists() and readable_by_duckdb_1_4(serving)
    first_run = _last_run(serving)

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(serving)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == first_run
        second = _pipeline(env)
        out, err = reader.communicate("go\n", timeout=120)
    finally:
        reader.kill()
    assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-4000:]
    assert reader.returncode == 0, err
    before, rows, after = out.split()
    second_run = _last_run(serving)
    # The open connection kept reading the old version; a reopen sees the new run.
    assert before == first_run and int(rows) > 0
    assert after == second_run != first_run
    with duckdb.connect(str(serving), read_only=True) as connection:
        columns = connection.execute(
            "select table_name, column_name from information_schema.columns"
        ).fetchall()
    # No email or phone column (ids and domains about an email are not addresses), and no
    # column a model declares personal data (a contact's name and title).
    assert not [c for _, c in columns if PiiPolicy().action(c) != "keep"]
    declared = declared_pii()
    assert not [(t, c) for t, c in columns if c in declared.get(t, ())]
    assert {"first_name", "email"}.isdisjoint(c for t, c in columns if t == "dim_contact")
