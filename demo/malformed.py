"""Malformed records: always EXTRA records next to the good ones, never replacing one.

Each gets fresh keys (or none), so ingestion can quarantine them without losing or changing
any real entity, and each is listed in _truth/malformed.csv with where to find it.
"""

from __future__ import annotations

import os
import random

import orjson

from . import config as C
from .writers.hubspot import PAGE_SIZE

FAKE_ID_BASE = 9_000_000_000
FUTURE_TS = 4_070_908_800  # 2099-01-01T00:00:00Z


def how_many(records: int, rate: float) -> int:
    if rate <= 0:
        return 0
    return max(1, round(records * rate * C.MALFORMED_SHARE_OF_DIRT))


def _positions(rng: random.Random, total: int, k: int) -> list[int]:
    return sorted(rng.sample(range(total + k), k))


def hubspot_extras(rng: random.Random, counts: dict[str, list[int]], rate: float):
    """Extra objects spliced into the contact and deal pages of the middle snapshot.

    Returns ({(object, snapshot): {final position: line}}, [(object, snapshot, position,
    defect, detail)]).
    """
    extras: dict[tuple[str, int], dict[int, bytes]] = {}
    specs = []
    seq = 0
    for obj, kinds in (
        ("contacts", ("unknown_stage", "missing_id")),
        ("deals", ("wrong_type", "unknown_stage")),
    ):
        snap = 1 if counts[obj][1] else 0
        plan = [k for k in kinds for _ in range(how_many(sum(counts[obj]), rate))]
        positions = _positions(rng, counts[obj][snap], len(plan))
        rng.shuffle(plan)
        slot = extras.setdefault((obj, snap), {})
        for pos, defect in zip(positions, plan, strict=True):
            seq += 1
            oid = str(FAKE_ID_BASE + seq)
            ts = "2025-09-15T10:00:00.000Z"
            if obj == "contacts":
                props = {
                    "email": f"legacy.import{seq}@unknown.example",
                    "firstname": "Legacy",
                    "lastname": f"Import {seq}",
                    "lifecyclestage": "lead",
                    "createdate": ts,
                    "lastmodifieddate": ts,
                    "hs_object_id": oid,
                }
                if defect == "unknown_stage":
                    props["lifecyclestage"] = "prospect_legacy"
                    detail = f"id={oid} lifecyclestage=prospect_legacy"
                else:
                    props["hs_object_id"] = None
                    detail = "contact without id"
            else:
                props = {
                    "dealname": f"Legacy deal {seq}",
                    "amount": "12500",
                    "deal_currency_code": "USD",
                    "dealstage": "qualificationcall",
                    "pipeline": "default",
                    "createdate": ts,
                    "hs_lastmodifieddate": ts,
                    "hs_object_id": oid,
                }
                if defect == "wrong_type":
                    props["amount"] = "12,5k"
                    detail = f"id={oid} amount=12,5k"
                else:
                    props["dealstage"] = "verbalcommit"
                    detail = f"id={oid} dealstage=verbalcommit"
            obj_id = None if defect == "missing_id" else oid
            slot[pos] = orjson.dumps(
                {
                    "id": obj_id,
                    "createdAt": ts,
                    "updatedAt": ts,
                    "archived": False,
                    "properties": props,
                    "propertiesWithHistory": {},
                    "associations": {},
                }
            )
            specs.append((obj, snap, pos, defect, detail))
    return extras, specs


def resolve_hubspot(specs, page_paths: dict) -> list[tuple]:
    return [
        (
            "hubspot",
            page_paths[obj, snap][pos // PAGE_SIZE],
            f"results[{pos % PAGE_SIZE}]",
            defect,
            detail,
        )
        for obj, snap, pos, defect, detail in specs
    ]


def ads_extras(rng: random.Random, rate: float, counts: dict[str, int]):
    """Per platform {month: [(position, row, defect, detail)]} of bogus campaign rows."""
    months = [f"{y}-{m:02d}" for y, m in C.month_starts()]
    out: dict[str, dict[str, list]] = {"google": {}, "meta": {}, "linkedin": {}}
    for platform in out:
        n = how_many(counts[platform], rate)
        for i in range(n):
            month = months[rng.randrange(len(months))]
            day = f"{month}-{1 + rng.randrange(28):02d}"
            taken = {p for p, *_ in out[platform].get(month, [])}
            pos = rng.choice([p for p in range(60) if p not in taken])
            if platform == "google":
                row = {
                    "customer": {
                        "resourceName": f"customers/{C.GOOGLE_CUSTOMER_ID}",
                        "id": C.GOOGLE_CUSTOMER_ID,
                        "currencyCode": "USD",
                    },
                    "campaign": {
                        "resourceName": f"customers/{C.GOOGLE_CUSTOMER_ID}/campaigns/{990 + i}",
                        "id": str(990 + i),
                        "name": "Legacy - Search",
                        "advertisingChannelType": "SEARCH",
                    },
                    "segments": {"date": day},
                    "metrics": {
                        "impressions": "n/a",
                        "clicks": "3",
                        "costMicros": "4500000",
                        "conversions": 0.0,
                    },
                }
                item = (pos, row, "wrong_type", f"campaign {990 + i} impressions=n/a")
            elif platform == "meta":
                cid = str(23859999900 + i)
                row = {
                    "account_id": C.META_ACCOUNT_ID,
                    "account_currency": "EUR",
                    "campaign_id": cid,
                    "campaign_name": "Legacy - Refund",
                    "date_start": day,
                    "date_stop": day,
                    "impressions": "0",
                    "clicks": "0",
                    "spend": "-12.34",
                    "actions": [],
                }
                item = (pos, row, "negative_spend", f"campaign {cid} spend=-12.34")
            else:
                y, m, d = (int(x) for x in day.split("-"))
                date = {"year": y, "month": m, "day": d}
                row = {
                    "pivotValues": [f"urn:li:sponsoredCampaign:{7900 + i}"],
                    "dateRange": {"start": date, "end": date},
                    "impressions": 0,
                    "clicks": 0,
                    "costInLocalCurrency": "-5.00",
                    "costInUsd": "-6.35",
                }
                item = (pos, row, "negative_spend", f"campaign {7900 + i} cost=-5.00")
            out[platform].setdefault(month, []).append(item)
    return out


def _files(root: str, suffix: str) -> list[str]:
    out = []
    for day in sorted(os.listdir(root)):
        for name in sorted(os.listdir(os.path.join(root, day))):
            if name.endswith(suffix):
                out.append(os.path.join(day, name))
    return out


def inject_web(rng: random.Random, out_dir: str, records: int, rate: float) -> list[tuple]:
    root = os.path.join(out_dir, "web", "events")
    files = _files(root, ".jsonl")
    defects = []
    n = how_many(records, rate)
    for i, kind in enumerate(
        k for k in ("truncated_json", "missing_id", "future_timestamp") for _ in range(n)
    ):
        rel = files[rng.randrange(len(files))]
        path = os.path.join(root, rel)
        with open(path, "rb") as fh:
            data = fh.read()
        ev = orjson.loads(data[: data.index(b"\n")])
        ev["messageId"] = f"ajs-malformed-{i:06d}"
        ev["anonymousId"] = f"anon-malformed-{i:06d}"
        ev["userId"] = None
        ev["context"]["sessionId"] = f"malformed-{i:06d}"
        if kind == "missing_id":
            del ev["messageId"]
            detail = "event without messageId"
        elif kind == "future_timestamp":
            ev["timestamp"] = "2099-01-01T00:00:00.000Z"
            detail = f"{ev['messageId']} timestamp 2099-01-01"
        else:
            detail = f"{ev['messageId']} cut mid-line"
        line = orjson.dumps(ev)
        if kind == "truncated_json":
            line = line[: len(line) // 2]
        with open(path, "ab") as fh:
            fh.write(line + b"\n")
        defects.append(("web", f"web/events/{rel}", str(data.count(b"\n") + 1), kind, detail))
    return defects


def inject_sendgrid(rng: random.Random, out_dir: str, records: int, rate: float):
    """Extra events appended into batches, plus one unreadable batch of redeliveries.

    Returns (defects, number of events inside the unreadable file).
    """
    root = os.path.join(out_dir, "sendgrid", "events")
    files = _files(root, ".json")
    defects = []
    n = how_many(records, rate)
    for i, kind in enumerate(
        k for k in ("missing_id", "future_timestamp", "wrong_type") for _ in range(n)
    ):
        rel = files[rng.randrange(len(files))]
        path = os.path.join(root, rel)
        with open(path, "rb") as fh:
            batch = orjson.loads(fh.read())
        ev = dict(batch[0])
        ev["sg_event_id"] = f"malformed{i:015d}"
        ev["email"] = f"malformed{i}@unknown.example"
        if kind == "missing_id":
            # Without sg_event_id an event still loads (derived key, docs/real-inputs.md):
            # without its recipient too it is meaningless.
            del ev["sg_event_id"], ev["email"]
            detail = "event without sg_event_id or email"
        elif kind == "future_timestamp":
            ev["timestamp"] = FUTURE_TS
            detail = f"{ev['sg_event_id']} timestamp {FUTURE_TS}"
        else:
            ev["timestamp"] = "yesterday"
            detail = f"{ev['sg_event_id']} timestamp=yesterday"
        batch.append(ev)
        with open(path, "wb") as fh:
            fh.write(orjson.dumps(batch))
        defects.append(("sendgrid", f"sendgrid/events/{rel}", f"[{len(batch) - 1}]", kind, detail))
    # The unreadable POST body only repeats events delivered elsewhere: nothing is lost.
    rel = files[rng.randrange(len(files))]
    with open(os.path.join(root, rel), "rb") as fh:
        batch = orjson.loads(fh.read())
    copies = [
        e for e in batch if "sg_event_id" in e and not str(e["sg_event_id"]).startswith("malformed")
    ][:20]
    body = orjson.dumps(copies)
    bad_rel = os.path.join(os.path.dirname(rel), "batch-009999.json")
    with open(os.path.join(root, bad_rel), "wb") as fh:
        fh.write(body[: len(body) * 3 // 5])
    defects.append(
        (
            "sendgrid",
            f"sendgrid/events/{bad_rel}",
            "",
            "unreadable_file",
            f"truncated body; {len(copies)} redelivered events of {rel}",
        )
    )
    return defects, len(copies)
