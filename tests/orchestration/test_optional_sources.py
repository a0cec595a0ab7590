"""Optional sources (docs/real-inputs.md §5): any subset of vendors builds, publishes and says
which sources were absent; the calendar follows the data.

One real `make run LANDING=<folder>` (the Dagster job `closedloop_pipeline`: raw, dbt build
with its tests, the quality gate, publish; then the summary) on the tiny demo landing with
only HubSpot, Google Ads and targets. The 2019 case reuses a copy of that warehouse: one
Google Ads file dated 2019 is loaded and only the models between it and the calendar (and
the calendar's dependants) are rebuilt.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from ingestion.contracts import contracts_of
from ingestion.empty_tables import DUCKDB_TYPES, raw_columns
from tests.support.real_inputs import pipeline_env, run_dbt
from tests.support.tiny_pipeline import _env

REPO = Path(__file__).resolve().parents[2]
ABSENT = ("salesforce", "meta_ads", "linkedin_ads", "sendgrid", "web")  # in SOURCES order


@dataclass
class PartialRun:
    work: Path
    full_landing: Path
    landing: Path
    warehouse: Path
    serving: Path
    job: subprocess.CompletedProcess
    summary: subprocess.CompletedProcess

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def partial(tmp_path_factory) -> PartialRun:
    work = tmp_path_factory.mktemp("optional_sources")
    full = work / "full_landing"
    subprocess.run(
        [sys.executable, "-m", "demo", "--scale", "tiny", "--seed", "3", "--out", str(full)],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    landing = work / "landing"
    shutil.copytree(full, landing, ignore=shutil.ignore_patterns(*ABSENT))
    data = work / "data"
    env = pipeline_env(work, landing, data)
    # The README's command on the user's own landing folder (no demo generation).
    job = subprocess.run(
        ["make", "run", f"LANDING={landing}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    summary = subprocess.run(
        [sys.executable, "-m", "reporting.summary"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return PartialRun(
        work,
        full,
        landing,
        data / "warehouse.duckdb",
        data / "serving" / "closedloop.duckdb",
        job,
        summary,
    )


def test_the_whole_pipeline_succeeds_and_publishes(partial):
    assert partial.job.returncode == 0, partial.job.stdout[-3000:] + partial.job.stderr[-6000:]
    with duckdb.connect(str(partial.serving), read_only=True) as serving:
        published = serving.execute("select count(*) from _published_runs").fetchone()[0]
        not_fresh = serving.execute(
            "select table_name, held_back_reason from _published_tables where status <> 'fresh'"
        ).fetchall()
    assert published == 1
    assert not_fresh == []  # absent sources hold nothing back


def test_the_summary_names_the_absent_sources(partial):
    assert partial.summary.returncode == 0, partial.summary.stderr
    assert f"absent (no rows ever loaded): {', '.join(ABSENT)}" in partial.summary.stdout


def test_absent_sources_have_empty_typed_raw_tables(partial):
    for source in ABSENT:
        for contract in contracts_of(source):
            columns = partial.query(
                "select column_name, data_type, is_nullable = 'YES' from information_schema.columns"
                f" where table_schema = 'raw' and table_name = '{contract.name}'"
                " order by ordinal_position"
            )
            expected = [
                (name, DUCKDB_TYPES[hints["data_type"]], hints.get("nullable", True))
                for name, hints in raw_columns(contract).items()
            ]
            assert columns == expected, contract.name
            assert partial.query(f"select count(*) from raw.{contract.name}") == [(0,)]


def test_marts_hold_what_exists(partial):
    truth = partial.landing / "_truth"
    spend = partial.query(
        "select platform, count(*), sum(spend_usd) from core.fct_ad_spend_daily group by all"
    )
    expected_spend = partial.query(
        f"select count(*), sum(spend)::decimal(18, 2) from read_csv('{truth}/ad_spend.csv')"
        " where platform = 'google'"
    )[0]
    assert [(p, n, round(s, 2)) for p, n, s in spend] == [("google_ads", *expected_spend)]
    deals = partial.query(
        "select count(*), sum(amount_usd), sum(amount_usd) filter (where is_won)"
        " from core.fct_opportunities"
    )
    expected_deals = partial.query(
        "select count(*), sum(amount_usd)::decimal(18, 2),"
        " (sum(amount_usd) filter (where outcome = 'won'))::decimal(18, 2)"
        f" from read_csv('{truth}/deals.csv')"
    )
    assert deals == expected_deals
    # No web, email or ad-click touches exist: every touch comes from the CRM.
    assert partial.query("select distinct source_system from core.fct_touchpoints") == [
        ("hubspot",)
    ]


def test_the_calendar_spans_the_data_loaded(partial):
    first, last, days = partial.query(
        "select min(date_day), max(date_day), count(*) from core.dim_date"
    )[0]
    # The tiny company lives from 2025-01 to 2026-06 (plus a quota for 2026-Q3).
    assert (first, last) == (date(2025, 1, 1), date(2027, 12, 31))
    assert days == (last - first).days + 1


def test_a_history_that_starts_in_2019_extends_the_calendar(partial, tmp_path):
    """A 2019 Google Ads day is loaded into a copy of the warehouse; the calendar, the
    metric periods and every dbt test downstream follow it."""
    from ingestion.config import IngestionConfig
    from ingestion.pipeline import run_vendor

    data = tmp_path / "data"
    data.mkdir()
    warehouse = data / "warehouse.duckdb"
    shutil.copy(partial.warehouse, warehouse)
    landing = tmp_path / "landing"
    page = landing / "google_ads" / "campaign_report" / "1234567890" / "2019-03" / "page-1.json"
    page.parent.mkdir(parents=True)
    row = {
        "customer": {
            "resourceName": "customers/1234567890",
            "id": "1234567890",
            "currencyCode": "USD",
        },
        "campaign": {"resourceName": "customers/1234567890/campaigns/111", "id": "111"},
        "segments": {"date": "2019-03-05"},
        "metrics": {"impressions": "120", "clicks": "4", "costMicros": "12340000"},
    }
    page.write_text(json.dumps({"results": [row]}))
    with _env(pipeline_env(tmp_path, landing, data)):
        loaded = run_vendor("google_ads", IngestionConfig.from_env())
    assert loaded.stats.rows["google_ads__campaign_report"] == 1

    path = "stg_google_ads__campaign_report+,+dim_date"
    done = run_dbt(tmp_path, warehouse, ["build", "--select", path, "dim_date+"])
    assert done.returncode == 0, done.stdout[-6000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        first, last = con.execute(
            "select min(date_day), max(date_day) from core.dim_date"
        ).fetchone()
        spend = con.execute(
            "select sum(spend_usd) from core.fct_ad_spend_daily where date_day = '2019-03-05'"
        ).fetchone()[0]
        periods = con.execute(
            "select count(*) from metrics.mart_revenue_efficiency where month_start = '2019-03-01'"
        ).fetchone()[0]
    assert (first, last) == (date(2019, 1, 1), date(2027, 12, 31))
    assert spend == Decimal("12.34")
    assert periods >= 1


def test_a_real_load_merges_into_the_empty_table(partial, tmp_path):
    """LinkedIn first sends nothing (empty tables, created once), then its real exports."""
    from ingestion.config import IngestionConfig
    from ingestion.pipeline import run_vendor

    data = tmp_path / "data"
    empty = tmp_path / "empty_landing"
    empty.mkdir()
    tables = [c.name for c in contracts_of("linkedin_ads")]
    shape = (
        "select table_name, column_name, data_type, is_nullable from information_schema.columns"
        " where table_schema = 'raw' and table_name like 'linkedin_ads__%' order by all"
    )
    with _env(pipeline_env(tmp_path, empty, data)):
        created = run_vendor("linkedin_ads", IngestionConfig.from_env()).created_empty
        again = run_vendor("linkedin_ads", IngestionConfig.from_env()).created_empty
    assert (created, again) == (tables, [])
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        empty_shape = con.execute(shape).fetchall()

    with _env(pipeline_env(tmp_path, partial.full_landing, data)):
        real = run_vendor("linkedin_ads", IngestionConfig.from_env())
        rerun = run_vendor("linkedin_ads", IngestionConfig.from_env())
    assert real.created_empty == []
    assert sum(rerun.stats.rows.values()) == 0  # every file already loaded
    truth = partial.full_landing / "_truth" / "ad_spend.csv"
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute(shape).fetchall() == empty_shape
        rows, cost = con.execute(
            "select count(*), sum(cast(cost_in_local_currency as decimal(18, 2)))"
            " from raw.linkedin_ads__ad_analytics"
        ).fetchone()
        expected = con.execute(
            f"select count(*), sum(spend)::decimal(18, 2) from read_csv('{truth}')"
            " where platform = 'linkedin'"
        ).fetchone()
        campaigns = con.execute("select count(*) from raw.linkedin_ads__campaigns").fetchone()
    assert (rows, cost) == expected
    assert rows == real.stats.rows["linkedin_ads__ad_analytics"]
    assert campaigns == (real.stats.rows["linkedin_ads__campaigns"],)
