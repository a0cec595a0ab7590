"""Where each raw table's files live in the landing folder (docs/landing-formats.md).

A table reads one or more layouts: `LAYOUTS` holds the one the demo company writes (the fast
path, and what the benchmarks read); `ALTERNATES` the other shapes vendors deliver for the
same table (docs/real-inputs.md §4), each converted to the table's records by a named
transform (ingestion/files/transforms.py). Every pattern also matches `<name>.gz`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.contracts.salesforce import OBJECTS as SALESFORCE_OBJECTS
from ingestion.contracts.salesforce import table_name as salesforce_table


@dataclass(frozen=True)
class Layout:
    pattern: str  # glob relative to the landing folder (also matches the same name + ".gz")
    format: str  # "json_page" (records under `records`), "jsonl" or "csv"
    records: str | None = None  # JSON path of the record array in a page; None: the root
    # Google's REST bodies (proto3 JSON) leave empty lists out: a page without the record
    # key is an empty reply (zero records), not a broken file.
    empty_ok: bool = False
    # A JSON array of pages is a stream body (googleAds:searchStream): every page's records.
    stream: bool = False
    transform: str | None = None  # name in ingestion.files.transforms.TRANSFORMS
    # CSV: an empty cell is a null (exports that cannot tell the two apart, e.g. Salesforce).
    empty_null: bool = False


def _google(pattern: str) -> Layout:
    return Layout(pattern, "json_page", "results", empty_ok=True, stream=True)


LAYOUTS: dict[str, Layout] = {
    **{
        f"hubspot__{o}": Layout(f"hubspot/{o}/*/page-*.json", "json_page", "results")
        for o in ("contacts", "companies", "deals", "calls", "meetings", "emails")
    },
    "hubspot__owners": Layout("hubspot/owners/page-*.json", "json_page", "results"),
    "hubspot__deal_pipelines": Layout("hubspot/pipelines/deals.json", "json_page", "results"),
    # Bulk API 2.0 result parts / Data Loader extracts, one folder per object.
    **{
        salesforce_table(o): Layout(f"salesforce/{o}/*.csv", "csv", empty_null=True)
        for o in SALESFORCE_OBJECTS
    },
    "google_ads__campaign_report": _google("google_ads/campaign_report/*/*/page-*.json"),
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
    # The company's own inputs; several files allowed (e.g. one per year: sales_costs_2026.csv).
    "targets__marketing_costs": Layout("targets/marketing_costs*.csv", "csv"),
    "targets__sales_costs": Layout("targets/sales_costs*.csv", "csv"),
    "targets__funnel_targets": Layout("targets/funnel_targets*.csv", "csv"),
}

# HubSpot's legacy v1 engagements pages (GET /engagements/v1/engagements/paged) hold calls,
# meetings and emails together; each table takes its own types from the same files.
_V1_ENGAGEMENTS = "hubspot/engagements/*/page-*.json"

ALTERNATES: dict[str, tuple[Layout, ...]] = {
    **{
        f"hubspot__{o}": (
            Layout(_V1_ENGAGEMENTS, "json_page", "results", transform=f"hubspot_v1_{o}"),
        )
        for o in ("calls", "meetings", "emails")
    },
    # One extract per object at the top of the folder.
    **{
        salesforce_table(o): (Layout(f"salesforce/{o}.csv", "csv", empty_null=True),)
        for o in SALESFORCE_OBJECTS
    },
    # The ECB's reference rates as published: wide, EUR base.
    "targets__fx_rates": (Layout("targets/eurofxref-hist.csv", "csv", transform="ecb_fx"),),
}


def layouts_of(table: str) -> tuple[Layout, ...]:
    """Every layout a raw table reads, its own first."""
    return (LAYOUTS[table], *ALTERNATES.get(table, ()))


# Folders the sensor watches (every landing source; _truth/ is not vendor data).
WATCHED = tuple(
    sorted({lay.pattern.split("/")[0] for table in LAYOUTS for lay in layouts_of(table)})
)
