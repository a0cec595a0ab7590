"""Odd but normal records injected into a copy of the tiny demo landing folder.

docs/resilience.md §1: each of these records used to pass raw and then fail a dbt test, so
the whole run published nothing. The models now handle them, and `metrics.mart_data_quality`
shows them. One function per case, `inject_<case>(landing) -> dict`: it modifies the landing
folder IN PLACE (pass a copy, never the generated original) and returns the expectations
worked out by hand from the files (and the demo's `_truth`), never from a warehouse.

The cases touch different records, so they can all go into one landing folder:

    landing = copy of the tiny landing
    expected = {case: inject(landing) for case, inject in INJECTORS.items()}

The FX and ad-platform cases live in odd_records_ads.py (imported here). Expectation keys
shared by every case: `check_name`, `source`, `object` (the row of
mart_data_quality), `affected_rows`, `affected_amount_usd` (None when not money) and
`example_ids` (sorted, comma-separated).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from tests.support.odd_records_ads import (
    dump_json,
    inject_fx_gap,
    inject_unknown_campaign,
    inject_unknown_meta_campaign,
    load_json,
    round_half_up,
)

UNKNOWN_OWNER_ID = "999999"
UNKNOWN_OWNER_DEAL = "3000000005"
UNKNOWN_STAGE_ID = "renewalsigned"
UNKNOWN_STAGE_DEAL = "3000000002"
UNKNOWN_COMPANY_ID = "2999999999"
UNKNOWN_ACCOUNT_DEAL = "3000000001"


def _records(landing: Path, obj: str) -> Iterator[tuple[Path, dict, dict]]:
    """(file, page, record) of every version of every HubSpot `obj` record."""
    for path in sorted((landing / "hubspot" / obj).glob("*/page-*.json")):
        page = load_json(path)
        for record in page["results"]:
            yield path, page, record


def _edit_versions(landing: Path, obj: str, record_id: str, edit: Callable[[dict], None]) -> dict:
    """Apply `edit` to every version of one HubSpot record; return its newest version."""
    newest = None
    for path in sorted((landing / "hubspot" / obj).glob("*/page-*.json")):
        page = load_json(path)
        hits = [r for r in page["results"] if r["id"] == record_id]
        for record in hits:
            edit(record)
            if newest is None or record["updatedAt"] >= newest["updatedAt"]:
                newest = record
        if hits:
            dump_json(path, page)
    assert newest is not None, f"no HubSpot {obj} record {record_id} in {landing}"
    return newest


def _deal_amount_usd(deal: dict) -> Decimal:
    props = deal["properties"]
    assert props["deal_currency_code"] == "USD", "the cases use USD deals: amount_usd = amount"
    return round_half_up(Decimal(props["amount"]), "0.01")


# --- unknown references (HubSpot) ------------------------------------------------------


def inject_unknown_owner(landing: Path) -> dict:
    """A deal owned by HubSpot owner 999999, who is not in owners."""

    def edit(deal: dict) -> None:
        deal["properties"]["hubspot_owner_id"] = UNKNOWN_OWNER_ID

    deal = _edit_versions(landing, "deals", UNKNOWN_OWNER_DEAL, edit)
    owners = {
        o["id"] for o in load_json(landing / "hubspot" / "owners" / "page-000001.json")["results"]
    }
    assert UNKNOWN_OWNER_ID not in owners
    return {
        "check_name": "unknown_owner",
        "source": "hubspot",
        "object": "dim_owner",
        "affected_rows": 1,
        "affected_amount_usd": _deal_amount_usd(deal),
        "example_ids": UNKNOWN_OWNER_ID,
        "deal_id": UNKNOWN_OWNER_DEAL,
        "owner_key": f"hs_{UNKNOWN_OWNER_ID}",
        "owner_name": f"(unknown owner {UNKNOWN_OWNER_ID})",
    }


def inject_unknown_stage(landing: Path) -> dict:
    """A won deal whose stage is not a stage of its pipeline: the CRM gained a second
    pipeline (`renewals`, stage `renewalsigned`) and the deal, still in pipeline `default`,
    now has the other pipeline's stage (its current stage and its newest dealstage history
    entry). Raw accepts it (the stage id exists in the CRM); no sales stage maps it. The CRM
    still flags it closed and won, so its outcome stays `won`; its sales stage is `unknown`.

    (A stage id that no pipeline has is quarantined at raw, `unknown_enum`.)"""
    path = landing / "hubspot" / "pipelines" / "deals.json"
    pipelines = load_json(path)
    template = pipelines["results"][0]
    stage = {**template["stages"][-1], "id": UNKNOWN_STAGE_ID, "label": "Renewal signed"}
    stage["metadata"] = {"isClosed": "true", "probability": "1.0"}
    pipelines["results"].append(
        {**template, "id": "renewals", "label": "Renewals", "displayOrder": 1, "stages": [stage]}
    )
    dump_json(path, pipelines)

    def edit(deal: dict) -> None:
        deal["properties"]["dealstage"] = UNKNOWN_STAGE_ID
        history = deal.get("propertiesWithHistory", {}).get("dealstage") or []
        if history:
            newest = max(history, key=lambda entry: entry["timestamp"])
            newest["value"] = UNKNOWN_STAGE_ID

    deal = _edit_versions(landing, "deals", UNKNOWN_STAGE_DEAL, edit)
    props = deal["properties"]
    assert props["pipeline"] == "default"
    assert props["hs_is_closed"] == "true" and props["hs_is_closed_won"] == "true"
    return {
        "check_name": "unknown_stage",
        "source": "hubspot",
        "object": "dim_sales_stages",
        "affected_rows": 1,
        "affected_amount_usd": _deal_amount_usd(deal),
        "example_ids": UNKNOWN_STAGE_ID,
        "deal_id": UNKNOWN_STAGE_DEAL,
        "current_stage": "unknown",
        "outcome": "won",
    }


def inject_unknown_account(landing: Path) -> dict:
    """A deal associated with company 2999999999, which is not in the companies export."""

    def edit(deal: dict) -> None:
        deal.setdefault("associations", {})["companies"] = {
            "results": [{"id": UNKNOWN_COMPANY_ID, "type": "deal_to_company"}]
        }

    deal = _edit_versions(landing, "deals", UNKNOWN_ACCOUNT_DEAL, edit)
    companies = {r["id"] for _, _, r in _records(landing, "companies")}
    assert UNKNOWN_COMPANY_ID not in companies
    return {
        "check_name": "unknown_account",
        "source": "hubspot",
        "object": "dim_account",
        "affected_rows": 1,
        "affected_amount_usd": _deal_amount_usd(deal),
        "example_ids": UNKNOWN_COMPANY_ID,
        "deal_id": UNKNOWN_ACCOUNT_DEAL,
        "account_key": f"hs_{UNKNOWN_COMPANY_ID}",
        "account_name": f"(unknown account {UNKNOWN_COMPANY_ID})",
    }


# --- contact merges ------------------------------------------------------------------------


def inject_merge_cycle(landing: Path) -> dict:
    """Two contacts that each list the other in hs_merged_object_ids. The older record
    (createdAt, then the smaller id) survives; the other resolves to it."""
    versions: dict[str, list[dict]] = {}
    for _, _, record in _records(landing, "contacts"):
        versions.setdefault(record["id"], []).append(record)
    candidates = sorted(
        cid
        for cid, records in versions.items()
        if cid
        and cid.startswith("1")
        and len(records) == 1
        and not records[0]["archived"]
        and not records[0]["properties"].get("hs_merged_object_ids")
        and records[0]["properties"].get("email")
    )
    first, second = candidates[0], candidates[1]
    _edit_versions(
        landing,
        "contacts",
        first,
        lambda r: r["properties"].__setitem__("hs_merged_object_ids", second),
    )
    _edit_versions(
        landing,
        "contacts",
        second,
        lambda r: r["properties"].__setitem__("hs_merged_object_ids", first),
    )
    created = {cid: versions[cid][0]["createdAt"] for cid in (first, second)}
    survivor = min((first, second), key=lambda cid: (created[cid], int(cid)))
    merged = second if survivor == first else first
    return {
        "check_name": "merge_cycle",
        "source": "hubspot",
        "object": "dim_contact",
        "affected_rows": 2,
        "affected_amount_usd": None,
        "example_ids": ",".join(sorted((first, second))),
        "survivor_id": survivor,
        "merged_id": merged,
    }


INJECTORS: dict[str, Callable[[Path], dict]] = {
    "fx_gap": inject_fx_gap,
    "unknown_campaign": inject_unknown_campaign,
    "unknown_meta_campaign": inject_unknown_meta_campaign,
    "merge_cycle": inject_merge_cycle,
    "unknown_owner": inject_unknown_owner,
    "unknown_stage": inject_unknown_stage,
    "unknown_account": inject_unknown_account,
}


def inject_all(landing: Path) -> dict[str, dict]:
    """Every case into one landing folder (they touch different records)."""
    return {case: inject(landing) for case, inject in INJECTORS.items()}
