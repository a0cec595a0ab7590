"""The hand-made landing (tests/support/minimal_landing) with HubSpot custom properties,
a property no seed lists, and an archived deal, shaped as the CRM v3 objects API returns
them (`properties` as strings, `archived`, `archivedAt`).

- contact 1 (the survivor of 2 and 4): industry_vertical "fintech"; contact 2, merged
  into it, says "retail" in its older snapshot;
- deal 700: contract_length_months "24"; deal 701: "twelve" (does not cast: NULL);
- deal 702: archived on 2025-02-20 (`archived: true`, `archivedAt`), 5000 USD,
  contract_length_months "36";
- every edited record also carries `hs_unknown_vendor_property`, listed nowhere.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.minimal_landing import write_minimal_landing
from tests.support.minimal_landing.files import iso, write_json

UNKNOWN = "hs_unknown_vendor_property"
ARCHIVED_DEAL = "702"
CUSTOM_FIELDS = [
    {
        "source": "hubspot",
        "object": "contacts",
        "field": "industry_vertical",
        "alias": "industry_vertical",
        "type": "varchar",
    },
    {
        "source": "hubspot",
        "object": "deals",
        "field": "contract_length_months",
        "alias": "contract_length_months",
        "type": "integer",
    },
]


def _edit_records(path: Path, edits: dict[str, dict]) -> None:
    body = json.loads(path.read_text())
    for record in body["results"]:
        if record["id"] in edits:
            record["properties"].update(edits[record["id"]])
    path.write_text(json.dumps(body, indent=1))


def write_custom_fields_landing(root: Path) -> Path:
    landing = write_minimal_landing(root)
    contacts = landing / "hubspot" / "contacts"
    _edit_records(
        contacts / "2025-01-15" / "page-000001.json",
        {"2": {"industry_vertical": "retail", UNKNOWN: "x"}},
    )
    _edit_records(
        contacts / "2025-02-15" / "page-000001.json",
        {"1": {"industry_vertical": "fintech", UNKNOWN: "y"}},
    )
    deals_page = landing / "hubspot" / "deals" / "2025-02-15" / "page-000001.json"
    _edit_records(
        deals_page,
        {
            "700": {"contract_length_months": "24", UNKNOWN: "z"},
            "701": {"contract_length_months": "twelve"},
        },
    )
    body = json.loads(deals_page.read_text())
    archived = json.loads(json.dumps(body["results"][0]))
    archived.update(
        id=ARCHIVED_DEAL,
        archived=True,
        archivedAt=iso("2025-02-20"),
        updatedAt=iso("2025-02-20"),
    )
    archived["properties"].update(
        dealname="Deal archived",
        amount="5000",
        hs_object_id=ARCHIVED_DEAL,
        contract_length_months="36",
    )
    body["results"].append(archived)
    write_json(deals_page, body)
    fx = landing / "targets" / "fx_rates.csv"
    fx.parent.mkdir(parents=True, exist_ok=True)
    fx.write_text("date,currency,rate_to_usd\n2025-02-15,USD,1.0\n")
    return landing
