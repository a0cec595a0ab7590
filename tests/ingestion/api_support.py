"""Helpers for the API-path tests: point ingestion at the fake vendor APIs, compare raw tables."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import duckdb

from ingestion.config import IngestionConfig
from ingestion.contracts import contracts_of
from ingestion.pipeline import run_vendor

VENDORS = ("HUBSPOT", "SALESFORCE", "GOOGLE_ADS", "META_ADS", "LINKEDIN_ADS", "SENDGRID")


def point_at(monkeypatch, api, landing: Path) -> None:
    """API mode for every vendor against the fake, with fast retries."""
    t = api.tokens
    for v in VENDORS:
        monkeypatch.setenv(f"{v}_API_BASE_URL", api.base_url)
    google = sorted(p.name for p in (landing / "google_ads" / "campaign_report").iterdir())
    meta = sorted(p.name for p in (landing / "meta_ads" / "insights").iterdir())
    for name, value in {
        "HUBSPOT_ACCESS_TOKEN": t["hubspot"],
        "SALESFORCE_CLIENT_ID": t["salesforce_client_id"],
        "SALESFORCE_CLIENT_SECRET": t["salesforce_client_secret"],
        "GOOGLE_ADS_ACCESS_TOKEN": t["google_ads"],
        "GOOGLE_ADS_DEVELOPER_TOKEN": t["google_ads_developer_token"],
        "GOOGLE_ADS_CUSTOMER_IDS": ",".join(google),
        "META_ADS_ACCESS_TOKEN": t["meta_ads"],
        "META_ADS_ACCOUNT_IDS": ",".join(meta),
        "LINKEDIN_ADS_ACCESS_TOKEN": t["linkedin_ads"],
        "SENDGRID_API_KEY": t["sendgrid"],
        "CLOSEDLOOP_API_BACKOFF": "0.01",
        "CLOSEDLOOP_API_MAX_RETRY_DELAY": "0.05",
        "CLOSEDLOOP_API_MAX_ATTEMPTS": "4",
    }.items():
        monkeypatch.setenv(name, value)


def run(
    vendor: str, mode: str, data: Path, landing: Path | None = None, tables: list[str] | None = None
):
    """One run of `vendor` in `mode` into the warehouse under `data` (created on demand)."""
    cfg = IngestionConfig.from_env()
    vendors = {k: dataclasses.replace(v, mode=mode) for k, v in cfg.vendors.items()}
    data.mkdir(parents=True, exist_ok=True)
    cfg = dataclasses.replace(
        cfg,
        warehouse_path=data / "warehouse.duckdb",
        dlt_dir=data / "dlt",
        vendors=vendors,
        landing_dir=landing or cfg.landing_dir,
    )
    return run_vendor(vendor, cfg, tables)


def query(data: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def _norm(value):
    """JSON text with null members dropped (the API names every property asked for) and `{}`
    as NULL (HubSpot leaves out `associations` when there are none; exports write `{}`)."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        obj = json.loads(value)
        if isinstance(obj, dict):
            obj = {k: v for k, v in obj.items() if v is not None}
            return json.dumps(obj, sort_keys=True) if obj else None
        return json.dumps(obj, sort_keys=True)
    return value


def rows(data: Path, table: str, exclude: tuple[str, ...] = ()) -> dict[tuple, tuple]:
    """key -> the other columns (lineage excluded), JSON normalized."""
    contract = next(
        c
        for v in ("hubspot", "salesforce", "google_ads", "meta_ads", "linkedin_ads", "sendgrid")
        for c in contracts_of(v)
        if c.name == table
    )
    cols = [
        r[0]
        for r in query(
            data,
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_schema='raw' AND table_name='{table}' "
            "ORDER BY ordinal_position",
        )
        if not r[0].startswith("_") and r[0] not in exclude
    ]
    keys = list(contract.key)
    out = {}
    for rec in query(data, f"SELECT {', '.join(cols)} FROM raw.{table}"):
        d = dict(zip(cols, rec, strict=True))
        out[tuple(d[k] for k in keys)] = tuple(_norm(d[c]) for c in cols)
    return out


def quarantined(data: Path, table: str) -> set[tuple]:
    if not query(
        data,
        "SELECT 1 FROM information_schema.tables WHERE table_schema = 'raw' "
        "AND table_name = '_quarantine'",
    ):
        return set()
    return set(
        query(
            data,
            f"SELECT reason_kind, record_key FROM raw._quarantine WHERE table_name = '{table}'",
        )
    )
