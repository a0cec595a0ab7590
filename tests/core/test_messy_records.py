"""Odd but normal records build and are counted, never a failing run (docs/resilience.md §1).

One tiny demo landing with every case of tests/support/odd_records.py injected, one raw
load (real Dagster raw assets, files mode), one `dbt build` of the models the cases touch
and of metrics.mart_data_quality. Each case then checks, against numbers worked out by hand
from the landing files (odd_records returns them): the build succeeded, the record is
where the contract says with the right numbers, and mart_data_quality counts it.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tests.support.odd_records import inject_all
from tests.support.real_inputs import REPO, load_raw, run_dbt
from tests.support.tiny_pipeline import TinyBuild

SELECT = [
    "+fct_ad_spend_daily",
    "+fct_opportunities",
    "+dim_campaign",
    "+dim_owner",
    "+dim_account",
    "+dim_contact",
    "+mart_data_quality",
]


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> tuple[TinyBuild, dict]:
    work = tmp_path_factory.mktemp("messy_records")
    landing = work / "landing"
    subprocess.run(
        [sys.executable, "-m", "demo", "--scale", "tiny", "--seed", "3", "--out", str(landing)],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    expected = inject_all(landing)
    warehouse = load_raw(work, landing)
    # cautious: the tests whose every parent is built (relationships tests included).
    done = run_dbt(
        work, warehouse, ["build", "--select", *SELECT, "--indirect-selection", "cautious"]
    )
    return TinyBuild(landing, warehouse, done.returncode, done.stdout + done.stderr), expected


@pytest.fixture(scope="module")
def build(messy) -> TinyBuild:
    built, _ = messy
    assert built.dbt_returncode == 0, built.dbt_output[-6000:]
    return built


@pytest.fixture(scope="module")
def expected(messy) -> dict:
    return messy[1]


def _quality_row(build: TinyBuild, check_name: str, source: str, obj: str) -> tuple:
    rows = build.query(
        "select affected_rows, affected_amount_usd, example_ids, severity"
        " from metrics.mart_data_quality where check_name = ? and source = ? and object = ?",
        [check_name, source, obj],
    )
    assert len(rows) == 1, (check_name, source, obj, rows)
    return rows[0]


def _assert_counted(build: TinyBuild, case: dict) -> None:
    rows, amount, example_ids, severity = _quality_row(
        build, case["check_name"], case["source"], case["object"]
    )
    assert rows == case["affected_rows"]
    assert example_ids == case["example_ids"]
    assert severity == "warning"
    if case["affected_amount_usd"] is None:
        assert amount is None
    else:
        assert amount == pytest.approx(float(case["affected_amount_usd"]))


def test_the_build_with_every_odd_record_succeeds(messy):
    built, _ = messy
    assert built.dbt_returncode == 0, built.dbt_output[-6000:]
    assert "FAIL" not in built.dbt_output


def test_fx_gap_spend_converts_at_the_last_known_rate_and_is_counted(build, expected):
    case = expected["fx_gap"]
    example = case["example"]
    spend_usd, rate_date, estimated, currency = build.query(
        "select spend_usd, cast(fx_rate_date as varchar), fx_rate_is_estimated, currency"
        " from core.fct_ad_spend_daily"
        " where platform = ? and campaign_id = ? and date_day = ?",
        [example["platform"], example["campaign_id"], example["date_day"]],
    )[0]
    assert currency == example["currency"]
    assert (spend_usd, rate_date, estimated) == (
        example["spend_usd"],
        example["fx_rate_date"],
        True,
    )
    # Every ad spend row still has its USD amount.
    assert build.query("select count(*) from core.fct_ad_spend_daily where spend_usd is null") == [
        (0,)
    ]
    assert case["affected_rows_by_source"]["google_ads"] == 0  # USD: 1 on every day
    for source, count in case["affected_rows_by_source"].items():
        rows, amount, example_ids, severity = _quality_row(
            build, "fx_rate_estimated", source, "fct_ad_spend_daily"
        )
        assert (rows, severity) == (count, "info")
        if count:
            assert amount > 0 and example_ids
        else:
            assert (amount, example_ids) == (0.0, None)
    assert _quality_row(build, "fx_rate_missing", "meta_ads", "fct_ad_spend_daily")[0] == 0


def test_spend_of_an_unknown_linkedin_campaign_is_kept_on_an_unknown_member(build, expected):
    case = expected["unknown_campaign"]
    assert build.query(
        "select currency, spend_usd, fx_rate_is_estimated from core.fct_ad_spend_daily"
        " where campaign_key = ? and date_day = ?",
        [case["campaign_key"], case["date_day"]],
    ) == [(case["currency"], case["spend_usd"], False)]
    assert build.query(
        "select campaign_name, campaign_type, is_unknown_member from core.dim_campaign"
        " where campaign_key = ?",
        [case["campaign_key"]],
    ) == [(case["campaign_name"], "unknown", True)]
    _assert_counted(build, case)


def test_spend_of_a_meta_campaign_no_row_names_is_kept_on_an_unknown_member(build, expected):
    case = expected["unknown_meta_campaign"]
    assert build.query(
        "select currency, spend_usd, fx_rate_is_estimated from core.fct_ad_spend_daily"
        " where campaign_key = ? and date_day = ?",
        [case["campaign_key"], case["date_day"]],
    ) == [(case["currency"], case["spend_usd"], False)]
    assert build.query(
        "select campaign_name, is_unknown_member from core.dim_campaign where campaign_key = ?",
        [case["campaign_key"]],
    ) == [(case["campaign_name"], True)]
    _assert_counted(build, case)


def test_a_merge_cycle_resolves_to_its_oldest_record(build, expected):
    case = expected["merge_cycle"]
    resolved = dict(
        build.query(
            "select hubspot_contact_id, surviving_contact_id"
            " from intermediate.int_contacts__resolved where hubspot_contact_id in (?, ?)",
            [case["survivor_id"], case["merged_id"]],
        )
    )
    assert resolved == {
        case["survivor_id"]: case["survivor_id"],
        case["merged_id"]: case["survivor_id"],
    }
    contacts = {
        key
        for (key,) in build.query(
            "select contact_key from core.dim_contact where contact_key in (?, ?)",
            [f"hs_{case['survivor_id']}", f"hs_{case['merged_id']}"],
        )
    }
    assert contacts == {f"hs_{case['survivor_id']}"}
    _assert_counted(build, case)


def test_a_deal_of_an_unknown_owner_points_to_an_unknown_member(build, expected):
    case = expected["unknown_owner"]
    assert build.query(
        "select owner_key, amount_usd from core.fct_opportunities where hubspot_deal_id = ?",
        [case["deal_id"]],
    ) == [(case["owner_key"], case["affected_amount_usd"])]
    assert build.query(
        "select full_name, primary_team_name, is_unknown_member from core.dim_owner"
        " where owner_key = ?",
        [case["owner_key"]],
    ) == [(case["owner_name"], "unknown", True)]
    _assert_counted(build, case)


def test_a_deal_in_a_stage_of_another_pipeline_is_in_the_unknown_stage(build, expected):
    case = expected["unknown_stage"]
    assert build.query(
        "select current_stage, outcome, is_closed, is_won, amount_usd from core.fct_opportunities"
        " where hubspot_deal_id = ?",
        [case["deal_id"]],
    ) == [(case["current_stage"], case["outcome"], True, True, case["affected_amount_usd"])]
    _assert_counted(build, case)


def test_a_deal_of_an_unknown_company_points_to_an_unknown_account(build, expected):
    case = expected["unknown_account"]
    assert build.query(
        "select account_key, amount_usd from core.fct_opportunities where hubspot_deal_id = ?",
        [case["deal_id"]],
    ) == [(case["account_key"], case["affected_amount_usd"])]
    assert build.query(
        "select account_name, account_source, is_unknown_member from core.dim_account"
        " where account_key = ?",
        [case["account_key"]],
    ) == [(case["account_name"], "unknown", True)]
    _assert_counted(build, case)


def test_no_deal_is_dropped_or_quarantined(build):
    """The odd deals are still deals: the warehouse has exactly the truth's deals."""
    with open(build.landing / "_truth" / "deals.csv", newline="") as handle:
        truth = {row["deal_id"] for row in csv.DictReader(handle)}
    deals = {
        deal_id for (deal_id,) in build.query("select hubspot_deal_id from core.fct_opportunities")
    }
    assert deals == truth
