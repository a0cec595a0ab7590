"""Where each raw table's files live in the landing folder (docs/landing-formats.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    pattern: str  # glob relative to the landing folder
    format: str  # "json_page" (records under `records`), "jsonl" or "csv"
    records: str | None = None  # JSON path of the record array in a page; None: the root


LAYOUTS: dict[str, Layout] = {
    **{
        f"hubspot__{o}": Layout(f"hubspot/{o}/*/page-*.json", "json_page", "results")
        for o in ("contacts", "companies", "deals", "calls", "meetings", "emails")
    },
    "hubspot__owners": Layout("hubspot/owners/page-*.json", "json_page", "results"),
    "hubspot__deal_pipelines": Layout("hubspot/pipelines/deals.json", "json_page", "results"),
    "google_ads__campaign_report": Layout(
        "google_ads/campaign_report/*/*/page-*.json", "json_page", "results"
    ),
    "meta_ads__insights": Layout("meta_ads/insights/*/*/page-*.json", "json_page", "data"),
    "linkedin_ads__accounts": Layout("linkedin_ads/accounts.json", "json_page", "elements"),
    "linkedin_ads__campaigns": Layout("linkedin_ads/campaigns.json", "json_page", "elements"),
    "linkedin_ads__ad_analytics": Layout(
        "linkedin_ads/ad_analytics/*.json", "json_page", "elements"
    ),
    "sendgrid__events": Layout("sendgrid/events/*/batch-*.json", "json_page", None),
    "sendgrid__singlesends": Layout("sendgrid/singlesends/page-*.json", "json_page", "result"),
    "web__events": Layout("web/events/*/part-*.jsonl", "jsonl"),
    "targets__quotas": Layout("targets/quotas.csv", "csv"),
    "targets__fx_rates": Layout("targets/fx_rates.csv", "csv"),
}

# Folders the sensor watches (every landing source; _truth/ is not vendor data).
WATCHED = tuple(sorted({layout.pattern.split("/")[0] for layout in LAYOUTS.values()}))
