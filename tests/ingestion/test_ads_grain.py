"""Ads at any report grain (docs/real-inputs.md §3), through the raw assets and dbt.

One landing (tests/ingestion/payloads/ads/, vendor-shaped: Google Ads googleAds:search
pages, Meta Insights pages, LinkedIn adAnalytics finder responses) holds every case:

- Google customer 1234567890 (USD): a campaign report (FROM campaign), the same spend at ad
  level (FROM ad_group_ad, without customer fields), a device breakdown of it, a network
  breakdown alone (campaign 112), an account-level report (no campaign, no customer field:
  the customer comes from the landing folder), rows without a date or a cost, and a folder
  that names no customer.
- Meta account 2345678901 (EUR): campaign, ad and ad × product_id exports, a
  publisher_platform breakdown of a campaign total, an account-level export, a row
  without spend.
- LinkedIn: CAMPAIGN pivot, CAMPAIGN + CREATIVE pivots of the same spend, a costInUsd-only
  export, a CREATIVE-only export, a row without any cost and one with empty pivotValues.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.real_inputs import load_and_build

PAYLOADS = Path(__file__).parent / "payloads" / "ads"
D = Decimal


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    work = tmp_path_factory.mktemp("ads_grain")
    landing = work / "landing"
    shutil.copytree(PAYLOADS, landing)
    done = load_and_build(
        work,
        landing,
        select=["+fct_ad_spend_daily"],
        dbt_args=["--indirect-selection", "cautious"],
    )
    assert done.dbt_returncode == 0, done.dbt_output[-5000:]
    return done


def fct(build, platform: str) -> dict[tuple[str, str], tuple]:
    rows = build.query(
        "select campaign_id, date_day::varchar, spend, currency, grain_family "
        "from core.fct_ad_spend_daily where platform = ? order by all",
        [platform],
    )
    return {(r[0], r[1]): r[2:] for r in rows}


def quarantined(build, table: str) -> list[tuple[str, str]]:
    return build.query(
        "select reason, _file from raw._quarantine where table_name = ? order by all", [table]
    )


def test_google_any_grain_gives_the_campaign_day_spend_once(build):
    assert fct(build, "google_ads") == {
        # 12.34 three times in raw (campaign row, two ads, two devices): counted once.
        ("111", "2025-03-01"): (D("12.34"), "USD", "ad|ad_group"),
        ("111", "2025-03-02"): (D("5.00"), "USD", "ad|ad_group"),
        # Only a network breakdown: it is the spend.
        ("112", "2025-03-01"): (D("1.75"), "USD", "ad_network_type"),
        # Account level: only on the day without campaign rows.
        ("", "2025-03-03"): (D("2.50"), "USD", ""),
    }
    # The ad-level export and the campaign-level export agree to the cent.
    per_grain = build.query("""
        select grain = '' as campaign_level, date_day::varchar, sum(spend)
        from staging.stg_google_ads__campaign_report
        where campaign_id = '111' and (grain = '' or grain like 'ad=%')
        group by all order by all""")
    assert per_grain == [
        (False, "2025-03-01", D("12.34")),
        (False, "2025-03-02", D("5.00")),
        (True, "2025-03-01", D("12.34")),
        (True, "2025-03-02", D("5.00")),
    ]


def test_google_rows_without_customer_id_currency_or_campaign_load(build):
    raw = build.query(
        "select customer__id, campaign__id, grain, customer__currency_code, _file "
        "from raw.google_ads__campaign_report order by all"
    )
    assert len(raw) == 11
    assert {r[0] for r in raw} == {"1234567890"}  # from resourceNames and the folder
    ad_rows = [r for r in raw if r[2].startswith("ad=")]
    assert [r[2] for r in ad_rows] == [
        "ad=9001|ad_group=501",
        "ad=9001|ad_group=501",
        "ad=9002|ad_group=501",
    ]
    assert {r[3] for r in ad_rows} == {None}
    assert {r[1] for r in raw if r[4].endswith("2025-03-account/page-000001.json")} == {""}
    # Staging borrows the customer's currency for rows that do not carry it.
    assert build.query(
        "select distinct currency_code from staging.stg_google_ads__campaign_report"
    ) == [("USD",)]
    assert quarantined(build, "google_ads__campaign_report") == [
        (
            "missing_key: customer__id",
            "google_ads/campaign_report/all-accounts/2025-03/page-000001.json",
        ),
        (
            "missing_required: metrics.costMicros",
            "google_ads/campaign_report/1234567890/2025-03/page-000001.json",
        ),
        (
            "missing_required: segments.date",
            "google_ads/campaign_report/1234567890/2025-03/page-000001.json",
        ),
    ]


def test_meta_ad_level_and_breakdowns_lose_nothing_and_count_once(build):
    assert fct(build, "meta_ads") == {
        # Campaign row 22.88, ads 14.35 + 8.53, platforms 15.00 + 7.88: counted once.
        ("23850000001", "2025-03-01"): (D("22.88"), "EUR", "ad|adset"),
        ("23850000001", "2025-03-02"): (D("10.05"), "EUR", "ad|adset"),
        # The case: ad level by product_id, 8.53 of 22.88 no longer dropped.
        ("23850000002", "2025-03-01"): (D("22.88"), "EUR", "ad|adset|product_id"),
        ("23850000003", "2025-03-01"): (D("5.00"), "EUR", ""),
        ("", "2025-03-04"): (D("3.21"), "EUR", ""),
    }
    assert build.query(
        "select grain, spend from staging.stg_meta_ads__insights "
        "where campaign_id = '23850000002' order by all"
    ) == [
        ("ad=23850000201|adset=23850000020|product_id=1234567890123", D("14.35")),
        ("ad=23850000201|adset=23850000020|product_id=9876543210987", D("8.53")),
    ]
    # Each export of campaign 1 on 03-01 holds the same 22.88 on its own.
    per_export = build.query("""
        select split_part(_file, '/', 4), sum(spend) from staging.stg_meta_ads__insights
        where campaign_id = '23850000001' and date_day = '2025-03-01'
        group by all order by all""")
    assert per_export == [
        ("2025-03", D("22.88")),
        ("2025-03-ad", D("22.88")),
        ("2025-03-platform", D("22.88")),
    ]
    assert build.query("select count(*) from raw.meta_ads__insights") == [(13,)]
    assert quarantined(build, "meta_ads__insights") == [
        ("missing_required: spend", "meta_ads/insights/act_2345678901/2025-03/page-000001.json")
    ]


def test_linkedin_creative_pivots_and_usd_only_exports(build):
    assert fct(build, "linkedin_ads") == {
        ("7001", "2025-03-01"): (D("31.20"), "GBP", "creative"),
        ("7001", "2025-03-02"): (D("28.05"), "GBP", "creative"),
        # costInUsd only: spend in USD.
        ("7002", "2025-03-01"): (D("12.50"), "USD", ""),
        ("7002", "2025-03-02"): (D("7.25"), "USD", ""),
    }
    # The CREATIVE-only export loads and stays in staging (no campaign to put it on).
    assert build.query(
        "select pivot_value, grain, campaign_id, creative_id, spend "
        "from staging.stg_linkedin_ads__ad_analytics where campaign_id is null"
    ) == [("urn:li:sponsoredCreative:8001", "creative=8001", None, "8001", D("20.00"))]
    assert build.query("select count(*) from raw.linkedin_ads__ad_analytics") == [(8,)]
    assert build.query("select count(*) from raw.linkedin_ads__accounts") == [(1,)]
    assert build.query("select count(*) from raw.linkedin_ads__campaigns") == [(2,)]
    assert quarantined(build, "linkedin_ads__ad_analytics") == [
        (
            "missing_key: pivot_value",
            "linkedin_ads/ad_analytics/2025-03-usd.json",
        ),
        (
            "missing_required: costInLocalCurrency|costInUsd",
            "linkedin_ads/ad_analytics/2025-03-usd.json",
        ),
    ]


def test_spend_usd_of_every_platform(build):
    assert build.query(
        "select platform, sum(spend_usd) from core.fct_ad_spend_daily group by all order by all"
    ) == [
        ("google_ads", D("21.59")),
        ("linkedin_ads", D("94.405")),
        ("meta_ads", D("69.1416")),
    ]
