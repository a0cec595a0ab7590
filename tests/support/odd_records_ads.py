"""The ad-platform and FX cases of tests/support/odd_records.py (docs/resilience.md §1), and
the landing-file helpers both modules use. Import the cases from odd_records."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

FX_GAP_FROM = "2026-06-01"  # rates of this day and later have "not arrived yet"
UNKNOWN_LINKEDIN_CAMPAIGN = "7999"
UNKNOWN_CAMPAIGN_DAY = (2025, 6, 3)
UNKNOWN_CAMPAIGN_LOCAL_COST = "12.34"
UNKNOWN_CAMPAIGN_USD_COST = "15.67"
UNKNOWN_META_CAMPAIGN = "23859999999"
UNKNOWN_META_DAY = "2025-05-20"
UNKNOWN_META_SPEND = "7.77"
PLATFORMS = {"google": "google_ads", "meta": "meta_ads", "linkedin": "linkedin_ads"}


def load_json(path: Path) -> dict:
    return json.loads(path.read_text())


def dump_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data))


def round_half_up(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _fx_rows(landing: Path) -> list[dict]:
    with open(landing / "targets" / "fx_rates.csv", newline="") as handle:
        return list(csv.DictReader(handle))


# --- FX ------------------------------------------------------------------------------------


def inject_fx_gap(landing: Path) -> dict:
    """The rates of June 2026 have not arrived: every rate dated 2026-06-01 or later is removed.

    Non-USD spend of those days converts at the currency's last rate (2026-05-31), flagged
    estimated. Counted per platform from the demo's truth (one row per campaign-day)."""
    path = landing / "targets" / "fx_rates.csv"
    rows = _fx_rows(landing)
    kept = [r for r in rows if r["date"] < FX_GAP_FROM]
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    last_rate = {}
    for r in sorted(kept, key=lambda r: r["date"]):
        last_rate[r["currency"]] = (r["date"], Decimal(r["rate_to_usd"]))

    with open(landing / "_truth" / "ad_spend.csv", newline="") as handle:
        truth = list(csv.DictReader(handle))
    gap = [r for r in truth if r["currency"] != "USD" and r["date"] >= FX_GAP_FROM]
    # Every ad platform is a row of the mart; USD spend (Google's) is never estimated.
    per_platform = {platform: 0 for platform in PLATFORMS.values()}
    for r in gap:
        per_platform[PLATFORMS[r["platform"]]] += 1
    example = sorted(gap, key=lambda r: (r["platform"], r["campaign_id"], r["date"]))[-1]
    rate_date, rate = last_rate[example["currency"]]
    return {
        "check_name": "fx_rate_estimated",
        "object": "fct_ad_spend_daily",
        "affected_rows_by_source": per_platform,
        "affected_rows": len(gap),
        "example": {
            "platform": PLATFORMS[example["platform"]],
            "campaign_id": example["campaign_id"],
            "date_day": example["date"],
            "currency": example["currency"],
            "fx_rate_date": rate_date,
            "spend_usd": round_half_up(Decimal(example["spend"]) * rate, "0.000001"),
        },
    }


# --- unknown ad campaigns --------------------------------------------------------------


def inject_unknown_campaign(landing: Path) -> dict:
    """LinkedIn reports spend of campaign 7999, which campaigns.json does not list.

    Its account (so its local currency) is unknown; the element carries costInUsd, so the
    row is spend in USD: spend_usd = costInUsd."""
    path = landing / "linkedin_ads" / "ad_analytics" / "2025-06.json"
    report = load_json(path)
    year, month, day = UNKNOWN_CAMPAIGN_DAY
    report["elements"].append(
        {
            "pivotValues": [f"urn:li:sponsoredCampaign:{UNKNOWN_LINKEDIN_CAMPAIGN}"],
            "dateRange": {
                "start": {"year": year, "month": month, "day": day},
                "end": {"year": year, "month": month, "day": day},
            },
            "impressions": 100,
            "clicks": 1,
            "costInLocalCurrency": UNKNOWN_CAMPAIGN_LOCAL_COST,
            "costInUsd": UNKNOWN_CAMPAIGN_USD_COST,
        }
    )
    dump_json(path, report)
    listed = {
        str(c["id"]) for c in load_json(landing / "linkedin_ads" / "campaigns.json")["elements"]
    }
    assert UNKNOWN_LINKEDIN_CAMPAIGN not in listed
    return {
        "check_name": "unknown_campaign",
        "source": "linkedin_ads",
        "object": "dim_campaign",
        "affected_rows": 1,
        "affected_amount_usd": Decimal(UNKNOWN_CAMPAIGN_USD_COST),
        "example_ids": UNKNOWN_LINKEDIN_CAMPAIGN,
        "campaign_key": f"linkedin_ads:{UNKNOWN_LINKEDIN_CAMPAIGN}",
        "campaign_name": f"(unknown campaign {UNKNOWN_LINKEDIN_CAMPAIGN})",
        "date_day": f"{year:04d}-{month:02d}-{day:02d}",
        "currency": "USD",
        "spend_usd": Decimal(UNKNOWN_CAMPAIGN_USD_COST),
    }


def inject_unknown_meta_campaign(landing: Path) -> dict:
    """Meta reports spend of campaign 23859999999 in a row without campaign_name, and no row
    names it (Meta lists campaigns only through its reports): an unknown member. Its spend
    converts at the day's EUR rate like any other."""
    path = landing / "meta_ads" / "insights" / "act_2345678901" / "2025-05" / "page-000001.json"
    page = load_json(path)
    row = {k: v for k, v in page["data"][0].items() if k != "campaign_name"}
    row.update(
        campaign_id=UNKNOWN_META_CAMPAIGN,
        date_start=UNKNOWN_META_DAY,
        date_stop=UNKNOWN_META_DAY,
        spend=UNKNOWN_META_SPEND,
    )
    page["data"].append(row)
    dump_json(path, page)
    rate = next(
        Decimal(r["rate_to_usd"])
        for r in _fx_rows(landing)
        if r["date"] == UNKNOWN_META_DAY and r["currency"] == row["account_currency"]
    )
    spend_usd = round_half_up(Decimal(UNKNOWN_META_SPEND) * rate, "0.000001")
    return {
        "check_name": "unknown_campaign",
        "source": "meta_ads",
        "object": "dim_campaign",
        "affected_rows": 1,
        "affected_amount_usd": spend_usd,
        "example_ids": UNKNOWN_META_CAMPAIGN,
        "campaign_key": f"meta_ads:{UNKNOWN_META_CAMPAIGN}",
        "campaign_name": f"(unknown campaign {UNKNOWN_META_CAMPAIGN})",
        "date_day": UNKNOWN_META_DAY,
        "currency": row["account_currency"],
        "spend_usd": spend_usd,
    }
