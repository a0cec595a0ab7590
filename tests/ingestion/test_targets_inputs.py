"""The company's own costs and targets (docs/landing-formats.md "Targets"): marketing costs,
sales costs and funnel targets load from the landing folder's CSVs, several files per table,
optional cells empty; a bad row is quarantined with its reason and no good row is lost."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingestion.config import IngestionConfig
from ingestion.pipeline import run_vendor

MARKETING = (
    "month,channel,campaign,cost,currency,description\n"
    "2025-01-01,email,,1500.00,USD,Email platform\n"
    "2025-01-01,events,,2000,EUR,Field event\n"
    "2025-01-01,events,,500,EUR,Booth\n"  # same month and channel, another cost line
    "2025-01-01,paid_search,google_ads:111,300,,Agency fee\n"  # empty currency = USD
    "2025-02-01,email,,-5,USD,Refund\n"  # line 6: negative cost
    "2025-02-01,email,,abc,USD,Typo\n"  # line 7: not a number
)
MARKETING_2026 = "month,channel,cost\n2026-01-01,email,1600\n"  # optional columns left out
SALES = (
    "month,team,cost,currency,description\n"
    "2025-01-01,,42000,USD,Salaries and commissions\n"
    "2025-01-01,sdr,8000,USD,SDR team\n"
    ",ae,1000,USD,No month\n"  # line 4: required month missing
)
FUNNEL = (
    "period_start,period_grain,metric,segment,target,currency\n"
    "2025-01-01,quarter,revenue,,60000,USD\n"
    "2025-01-01,month,leads,,120,\n"
    "2025-01-01,month,mqls,smb,40,\n"
    "2025-01-01,month,leads,enterprise,30,\n"
    "2025-01-01,week,leads,,30,\n"  # line 6: grain not month|quarter
    "2025-01-01,month,pageviews,,30,\n"  # line 7: unknown metric
)


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("targets_inputs")
    landing = root / "landing" / "targets"
    landing.mkdir(parents=True)
    for name, text in {
        "marketing_costs.csv": MARKETING,
        "marketing_costs_2026.csv": MARKETING_2026,
        "sales_costs.csv": SALES,
        "funnel_targets.csv": FUNNEL,
    }.items():
        (landing / name).write_text(text)
    mp = pytest.MonkeyPatch()
    for var, value in {
        "CLOSEDLOOP_DATA_DIR": root / "data",
        "CLOSEDLOOP_LANDING_DIR": root / "landing",
        "CLOSEDLOOP_WAREHOUSE": root / "data" / "warehouse.duckdb",
        "CLOSEDLOOP_DLT_DIR": root / "data" / "dlt",
    }.items():
        mp.setenv(var, str(value))
    try:
        run_vendor("targets", IngestionConfig.from_env())
    finally:
        mp.undo()
    con = duckdb.connect(str(Path(root / "data" / "warehouse.duckdb")), read_only=True)
    yield con
    con.close()


def _quarantined(con, table: str) -> dict[tuple[str, str], str]:
    rows = con.execute(
        "select _file, locator, reason from raw._quarantine where table_name = ?", [table]
    ).fetchall()
    return {(f, loc): reason for f, loc, reason in rows}


def test_marketing_costs_load_from_every_file_and_bad_rows_are_quarantined(raw):
    rows = raw.execute(
        "select month, channel, campaign, cost, currency, description, "
        "replace(_file, 'targets/marketing_costs', '') "
        "from raw.targets__marketing_costs order by _file, month, channel, cost"
    ).fetchall()
    assert rows == [
        ("2025-01-01", "email", "", "1500.00", "USD", "Email platform", ".csv"),
        ("2025-01-01", "events", "", "2000", "EUR", "Field event", ".csv"),
        ("2025-01-01", "events", "", "500", "EUR", "Booth", ".csv"),
        ("2025-01-01", "paid_search", "google_ads:111", "300", "", "Agency fee", ".csv"),
        # The 2026 file leaves the optional columns out: NULL, the whole channel, USD.
        ("2026-01-01", "email", None, "1600", None, None, "_2026.csv"),
    ]
    assert _quarantined(raw, "targets__marketing_costs") == {
        ("targets/marketing_costs.csv", "6"): "negative_value: cost=-5",
        ("targets/marketing_costs.csv", "7"): "wrong_type: cost=abc",
    }


def test_sales_costs_keep_the_good_rows(raw):
    rows = raw.execute(
        "select month, team, cost from raw.targets__sales_costs order by team"
    ).fetchall()
    assert rows == [("2025-01-01", "", "42000"), ("2025-01-01", "sdr", "8000")]
    reasons = _quarantined(raw, "targets__sales_costs")
    assert list(reasons) == [("targets/sales_costs.csv", "4")]
    assert reasons[("targets/sales_costs.csv", "4")].startswith("missing_required: month")


def test_funnel_targets_accept_only_known_grains_and_metrics(raw):
    rows = raw.execute(
        "select period_start, period_grain, metric, segment, target "
        "from raw.targets__funnel_targets order by metric, segment"
    ).fetchall()
    assert rows == [
        ("2025-01-01", "month", "leads", "", "120"),
        ("2025-01-01", "month", "leads", "enterprise", "30"),
        ("2025-01-01", "month", "mqls", "smb", "40"),
        ("2025-01-01", "quarter", "revenue", "", "60000"),
    ]
    assert _quarantined(raw, "targets__funnel_targets") == {
        ("targets/funnel_targets.csv", "6"): "unknown_enum: period_grain=week",
        ("targets/funnel_targets.csv", "7"): "unknown_enum: metric=pageviews",
    }


def test_lineage_on_every_row(raw):
    for table in ("marketing_costs", "sales_costs", "funnel_targets"):
        missing = raw.execute(
            f"select count(*) from raw.targets__{table} where _source is null "
            "or _batch_id is null or _loaded_at is null or _file is null"
        ).fetchone()
        assert missing == (0,), table
