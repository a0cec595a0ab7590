"""Write-audit-publish of the serving file: atomic, refusable, safe for open readers."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import duckdb
import pytest

from expectations.publish import pii
from expectations.publish.serving import PublishRefused, publish
from expectations.publish.storage import (
    DUCKDB_1_4_MAX_STORAGE_NUMBER,
    readable_by_duckdb_1_4,
    storage_number,
)
from tests.quality.conftest import execute

TABLES = ["core.dim_date", "core.contacts"]


@pytest.fixture()
def source(warehouse):
    execute(
        warehouse,
        "create table core.contacts as select i as contact_id, 'U' || i || '@Example.com '"
        " as email, '+1 555 0' || i as phone_number, 'Ada' as first_name from range(5) r(i)",
    )
    return warehouse


@pytest.fixture()
def serving(tmp_path):
    return tmp_path / "serving" / "closedloop.duckdb"


def _publish(source, serving, run_id, **kwargs):
    kwargs.setdefault("pii", pii.PiiPolicy())
    return publish(source, serving, TABLES, run_id=run_id, **kwargs)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _query(path, sql):
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_clean_publish_replaces_the_file(source, serving):
    first = _publish(source, serving, "run-1", freshness={"hubspot": "2025-03-01T10:00:00"})
    execute(source, "delete from core.dim_date where date_day >= '2030-01-01'")
    second = _publish(source, serving, "run-2", check_summary={"suites": 2, "failed": 0})

    assert first.row_counts == {"core.dim_date": 2922, "core.contacts": 5}
    assert second.row_counts["core.dim_date"] == 2557
    assert _query(serving, "select count(*) from core.dim_date") == [(2557,)]
    runs = _query(serving, "select run_id, tables, freshness, checks from _published_runs")
    assert sorted(runs) == [
        (
            "run-1",
            '{"core.contacts": 5, "core.dim_date": 2922}',
            '{"hubspot": "2025-03-01T10:00:00"}',
            "null",
        ),
        (
            "run-2",
            '{"core.contacts": 5, "core.dim_date": 2557}',
            "{}",
            '{"failed": 0, "suites": 2}',
        ),
    ]
    assert sorted(p.name for p in serving.parent.iterdir()) == ["closedloop.duckdb"]


def test_storage_version_is_readable_by_duckdb_1_4(source, serving):
    result = _publish(source, serving, "run-1")
    assert result.storage_number == storage_number(serving) == 67  # v1.4.0
    assert storage_number(serving) <= DUCKDB_1_4_MAX_STORAGE_NUMBER and readable_by_duckdb_1_4(
        serving
    )
    with duckdb.connect() as connection:
        connection.execute(f"attach '{serving}' as served (read_only)")
        tags = connection.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'served'"
        ).fetchone()
    assert tags == ("v1.4.0+",)


def test_refused_publication_leaves_the_old_file_byte_identical(source, serving):
    _publish(source, serving, "run-1")
    before = _digest(serving)
    execute(source, "delete from core.dim_date")

    with pytest.raises(PublishRefused, match="dim_date: one row per day"):
        _publish(source, serving, "run-2", blocking_failures=["dim_date: one row per day"])
    # A failure half-way (a table that is missing) also leaves nothing behind.
    with pytest.raises(ValueError, match="core.missing"):
        publish(source, serving, ["core.dim_date", "core.missing"], run_id="run-3")

    assert _digest(serving) == before
    assert sorted(p.name for p in serving.parent.iterdir()) == ["closedloop.duckdb"]


def test_publish_through_the_pipeline_connection(source, serving):
    with duckdb.connect(str(source)) as pipeline:
        result = publish(pipeline, serving, ["core.dim_date"], run_id="run-1")
        assert pipeline.execute("select current_database()").fetchone() == ("warehouse",)
    assert result.row_counts == {"core.dim_date": 2922}


READER = textwrap.dedent(
    """
    import sys, duckdb
    path = sys.argv[1]
    connection = duckdb.connect(path, read_only=True)
    print(connection.execute("select max(run_id) from _published_runs").fetchone()[0], flush=True)
    sys.stdin.readline()  # the publish happens now, while the file is open
    print(connection.execute("select max(run_id) from _published_runs").fetchone()[0], flush=True)
    print(connection.execute("select count(*) from core.dim_date").fetchone()[0], flush=True)
    connection.close()
    connection = duckdb.connect(path, read_only=True)
    print(connection.execute("select max(run_id) from _published_runs").fetchone()[0], flush=True)
    """
)


def test_reader_holding_the_file_open_during_a_publish(source, serving):
    _publish(source, serving, "run-1")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(serving)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "run-1"
        _publish(source, serving, "run-2")
        out, err = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    assert reader.returncode == 0, err
    # The open connection keeps the old version without error; reopening sees the new one.
    assert out.split() == ["run-1", "2922", "run-2"]


def test_pii_dropped_by_default_hashed_with_salt_kept_with_setting(source, serving, monkeypatch):
    monkeypatch.delenv("CLOSEDLOOP_PUBLISH_PII", raising=False)
    monkeypatch.delenv("CLOSEDLOOP_PII_SALT", raising=False)
    publish(source, serving, ["core.contacts"], run_id="r1")
    columns = [
        c
        for (c,) in _query(
            serving,
            "select column_name from information_schema.columns where table_name = 'contacts'",
        )
    ]
    assert columns == ["contact_id", "first_name"]

    monkeypatch.setenv("CLOSEDLOOP_PII_SALT", "pepper")
    publish(source, serving, ["core.contacts"], run_id="r2")
    email, phone = _query(
        serving, "select email, phone_number from core.contacts where contact_id = 1"
    )[0]
    assert email == hashlib.sha256(b"pepperu1@example.com").hexdigest()
    assert phone == hashlib.sha256(b"pepper+1 555 01").hexdigest()

    monkeypatch.setenv("CLOSEDLOOP_PUBLISH_PII", "1")
    publish(source, serving, ["core.contacts"], run_id="r3")
    assert _query(serving, "select email from core.contacts where contact_id = 1") == [
        ("U1@Example.com ",)
    ]


def test_pii_plan_is_generic():
    policy = pii.PiiPolicy(salt="s")
    plan = pii.plan(
        {
            "a.t": ["id", "email", "Work_Email", "emailed_at", "phone", "mobile_phone", "e_mail"]
            + ["email_event_id", "email_domain"]
        },
        policy,
    )
    assert plan == {
        "a.t": {
            "id": "keep",
            "email": "hash",
            "Work_Email": "hash",
            "emailed_at": "keep",
            "phone": "hash",
            "mobile_phone": "hash",
            "e_mail": "hash",
            "email_event_id": "keep",  # an id about an email, not an address
            "email_domain": "keep",  # the company's domain
        }
    }
    # Declared PII in the model's yml (`meta: {pii: true}`), whatever its name.
    assert pii.PiiPolicy().action("first_name", declared=True) == "drop"
    assert pii.PiiPolicy(salt="s").action("job_title", declared=True) == "hash"
    assert pii.PiiPolicy().action("email") == "drop"
    assert pii.PiiPolicy(publish_raw=True).action("email") == "keep"
