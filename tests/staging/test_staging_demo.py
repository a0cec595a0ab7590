"""The demo company end to end through staging: generate tiny landing files, load raw
with the real ingestion, build staging, and compare with the simulator's truth."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import REPO, Warehouse

pytest.importorskip("ingestion.pipeline", reason="raw-layer ingestion not available yet")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Warehouse, Path]:
    root = tmp_path_factory.mktemp("staging_demo")
    landing, data = root / "landing", root / "data"
    env = {
        **os.environ,
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_WAREHOUSE": str(data / "warehouse.duckdb"),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "RUNTIME__DLTHUB_TELEMETRY": "false",
    }
    for command in (
        ["-m", "demo", "--scale", "tiny", "--seed", "1", "--out", str(landing)],
        ["-c", "from ingestion.pipeline import run_all; run_all()"],
    ):
        done = subprocess.run(
            [sys.executable, *command],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    warehouse = Warehouse(path=data / "warehouse.duckdb", target=root / "dbt_target")
    run = warehouse.dbt("build", "--select", "+staging")
    assert run.returncode == 0, run.output[-5000:]
    assert not run.failures(), run.failures()
    return warehouse, landing / "_truth"


def test_ad_spend_per_platform_equals_the_truth(demo):
    warehouse, truth = demo
    expected = dict(
        warehouse.query(f"""
        select platform, sum(cast(spend as decimal(18, 6)))
        from read_csv('{truth / "ad_spend.csv"}', all_varchar = true) group by 1
    """)
    )
    staged = dict(
        warehouse.query("""
        select 'google', sum(spend) from staging.stg_google_ads__campaign_report
        union all select 'meta', sum(spend) from staging.stg_meta_ads__insights
        union all select 'linkedin', sum(spend) from staging.stg_linkedin_ads__ad_analytics
    """)
    )
    assert staged == expected
    assert all(isinstance(v, Decimal) for v in staged.values())


def test_unique_email_events_equal_the_truth(demo):
    warehouse, truth = demo
    expected = warehouse.query(f"""
        select event, unique_events from read_csv('{truth / "email_events.csv"}') order by 1
    """)
    staged = warehouse.query(
        "select event_type, count(*) from staging.stg_sendgrid__events group by 1 order by 1"
    )
    assert staged == expected


def test_sessions_deals_and_contacts_equal_the_truth(demo):
    warehouse, truth = demo
    sessions = warehouse.scalar(f"select count(*) from read_csv('{truth / 'sessions.csv'}')")
    assert warehouse.scalar("select count(distinct session_id) from staging.stg_web__events") == (
        sessions
    )
    deals = warehouse.query(f"""
        select count(*), sum(cast(amount as decimal(18, 6)))
        from read_csv('{truth / "deals.csv"}', all_varchar = true)
    """)
    assert warehouse.query("select count(*), sum(amount) from staging.stg_hubspot__deals") == deals
    # Every surviving contact of the truth, plus one row per merged-away contact.
    surviving, merged = warehouse.query(f"""
        select count(*), coalesce(sum(len(string_split(nullif(merged_ids, ''), ';'))), 0)
        from read_csv('{truth / "contacts.csv"}', all_varchar = true)
    """)[0]
    assert warehouse.scalar("select count(*) from staging.stg_hubspot__contacts") == (
        surviving + merged
    )
    assert warehouse.scalar("select count(*) from staging.stg_hubspot__contact_merges") == merged
