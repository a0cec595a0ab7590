"""The landing of tests/ingestion/test_encodings_envelopes.py: every case of
docs/real-inputs.md §4 written on top of the hand-made minimal landing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

PAYLOADS = Path(__file__).parent / "payloads" / "files"
BOM = b"\xef\xbb\xbf"
GOOGLE = "google_ads/campaign_report/5555555555"
QUOTAS = (
    "owner_id,owner_email,period_start,period_end,quota_amount,currency\r\n"
    "101,renée.lefèvre@acme.example,2025-01-01,2025-03-31,150000.00,EUR\r\n"
    "102,jürgen.groß@acme.example,2025-01-01,2025-03-31,98765.43,USD\r\n"
)


def write(root: Path, rel: str, data: bytes, gz: bool = False) -> str:
    path = root / (rel + (".gz" if gz else ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path.relative_to(root).as_posix()


def _google_row(campaign: str, day: str, micros: str) -> dict:
    customer = GOOGLE.rsplit("/", 1)[1]
    return {
        "customer": {
            "resourceName": f"customers/{customer}",
            "id": customer,
            "currencyCode": "USD",
        },
        "campaign": {"resourceName": f"customers/{customer}/campaigns/{campaign}", "id": campaign},
        "segments": {"date": day},
        "metrics": {"impressions": "100", "clicks": "4", "costMicros": micros},
    }


def _web_event(n: int, day: str) -> bytes:
    event = {
        "type": "page",
        "messageId": f"msg-gz-{n}",
        "anonymousId": "anon-7",
        "timestamp": f"{day}T09:0{n}:00.000Z",
        "context": {"page": {"url": "https://www.acme.example/pricing", "path": "/pricing"}},
    }
    return json.dumps(event).encode()


def _meta_row(campaign: str, spend: str) -> dict:
    return {
        "account_id": "2345",
        "account_currency": "EUR",
        "campaign_id": campaign,
        "date_start": "2025-03-01",
        "date_stop": "2025-03-01",
        "impressions": "700",
        "clicks": "9",
        "spend": spend,
    }


def _payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def write_cases(root: Path) -> list[str]:
    """Every case of §4 into `root`; returns the landing paths written."""
    fx_bom = "date,currency,rate_to_usd\n2025-01-02,EUR,1.0350\n2025-01-02,GBP,1.2480\n"
    fx_gz = "date,currency,rate_to_usd\r\n2025-01-03,EUR,1.0301\r\n2025-01-03,GBP,1.2399\r\n"
    meta = {"data": [_meta_row("23850001", "17.45"), _meta_row("23850002", "8.10")]}
    search = {"results": [_google_row("901", "2025-03-01", "1010000")], "fieldMask": "x"}
    web = [_web_event(n, "2025-03-01") for n in range(1, 5)]
    cases = [  # (landing path, bytes, gzip)
        ("meta_ads/insights/act_2345/2025-03/page-000001.json", BOM + json.dumps(meta).encode(), 0),
        ("targets/fx_rates.csv", BOM + fx_bom.encode(), 0),
        ("targets/fx_rates.csv", fx_gz.encode(), 1),
        ("targets/quotas.csv", QUOTAS.encode("cp1252"), 0),
        ("targets/eurofxref-hist.csv", _payload("eurofxref-hist.csv"), 0),
        (f"{GOOGLE}/2025-03/page-000001.json", json.dumps(search).encode(), 1),
        (f"{GOOGLE}/2025-04/page-000001.json", _payload("google_ads_search_stream.json"), 0),
        (f"{GOOGLE}/2025-05/page-000001.json", _payload("google_ads_empty_search.json"), 0),
        (f"{GOOGLE}/2025-06/page-000001.json", b"[]", 0),
        ("web/events/2025-03-01/part-000.jsonl", BOM + web[0] + b"\n" + web[1] + b"\n", 0),
        ("web/events/2025-03-01/part-001.jsonl", BOM + web[2] + b"\r\n" + web[3] + b"\r\n", 1),
        ("hubspot/engagements/2025-03-15/page-000001.json", _payload("hubspot_v1.json"), 0),
    ]  # fmt: skip
    return [write(root, rel, data, bool(gz)) for rel, data, gz in cases]
