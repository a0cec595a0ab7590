"""One invalid value in a copy of the tiny demo landing, for end-to-end tests of issue 12 item 3
(docs/resilience.md §3: invalid values never publish).

Each `inject_<case>(landing) -> dict` rewrites one record of one landing file in place (the
landing must be a private copy of a generated tiny landing, e.g. /work/baseline12/data/landing
or `python -m demo --scale tiny --seed 3`) and returns what raw validation must make of it:

    {"case", "table" (raw table), "file" (landing-relative), "locator", "record_key",
     "reason" (the exact quarantine reason), "reason_kind"}

The record chosen is the first, in file order, that the demo did not already make malformed
(`_truth/malformed.csv`) and whose key occurs once in the landing, so it is the only version
of its key: quarantining it removes exactly that record.

`inject_slips_through(landing)` puts in a value raw validation does not type-check (a
HubSpot property *history* entry dated 1900-01-01, see its docstring): raw loads it, the
models carry it into a published table, and the gate's value-range check on that table must
fail and hold it back. It returns {"case", "file", "locator", "record_key", "table" (the
published table expected held back), "column", "value"}.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

BEFORE = " is before 1990-01-01 (CLOSEDLOOP_TIMESTAMP_MIN)"
_MALFORMED = "_truth/malformed.csv"


def _malformed(landing: Path) -> set[tuple[str, str]]:
    with (landing / _MALFORMED).open(newline="") as fh:
        return {(row["file"], row["locator"].removeprefix("line ")) for row in csv.DictReader(fh)}


def _pages(landing: Path, pattern: str, key: str | None) -> Iterator[tuple[Path, dict, list]]:
    """(path, body, records) of every JSON page that parses (cut-off files are skipped)."""
    for path in sorted(landing.glob(pattern)):
        try:
            body = json.loads(path.read_text())
        except ValueError:
            continue
        records = body if key is None else body.get(key)
        if isinstance(records, list):
            yield path, body, records


def _pick_in_pages(landing: Path, pattern: str, key: str | None, ident, eligible=None):
    """The first eligible record of the pages: (path, body, records, index)."""
    bad, mentioned = _malformed(landing), (landing / _MALFORMED).read_text()
    pages = list(_pages(landing, pattern, key))
    counts = Counter(ident(r) for _, _, records in pages for r in records if isinstance(r, dict))
    for path, body, records in pages:
        rel = str(path.relative_to(landing))
        for i, record in enumerate(records):
            locator = f"{key or ''}[{i}]"
            if not isinstance(record, dict) or (rel, locator) in bad or (rel, f"[{i}]") in bad:
                continue
            key_of = ident(record)
            if isinstance(key_of, str) and key_of in mentioned:  # e.g. a merged contact
                continue
            if counts[key_of] == 1 and (eligible is None or eligible(record)):
                return path, body, records, i
    raise LookupError(f"no eligible record in {pattern}")


def _write(path: Path, body) -> None:
    path.write_text(json.dumps(body))


def _result(case, table, landing, path, locator, key, reason) -> dict:
    return {
        "case": case,
        "table": table,
        "file": str(path.relative_to(landing)),
        "locator": locator,
        "record_key": key,
        "reason": reason,
        "reason_kind": reason.split(":", 1)[0],
    }


def inject_ts_1900(landing: Path) -> dict:
    """A HubSpot contact (ISO timestamps) created on 1900-01-01."""
    path, body, records, i = _pick_in_pages(
        landing, "hubspot/contacts/*/page-*.json", "results", lambda r: r.get("id")
    )
    records[i]["createdAt"] = "1900-01-01T00:00:00.000Z"
    _write(path, body)
    reason = f"invalid_value: createdAt=1900-01-01T00:00:00.000Z{BEFORE}"
    return _result("ts_1900", "hubspot__contacts", landing, path, f"results[{i}]", None, reason)


def inject_ts_neg_infinity(landing: Path) -> dict:
    """A Segment web event (JSONL) whose timestamp is '-infinity' (DuckDB reads it as a date)."""
    bad, mentioned = _malformed(landing), (landing / _MALFORMED).read_text()
    files = sorted(landing.glob("web/events/*/part-*.jsonl"))
    ids = Counter()
    for path in files:
        for line in path.read_text().splitlines():
            try:
                ids[json.loads(line).get("messageId")] += 1
            except ValueError:
                continue
    for path in files:
        rel, lines = str(path.relative_to(landing)), path.read_text().splitlines()
        for n, line in enumerate(lines, 1):
            try:
                event = json.loads(line)
            except ValueError:
                continue
            message = event.get("messageId")
            if (rel, str(n)) in bad or ids[message] != 1 or str(message) in mentioned:
                continue
            event["timestamp"] = "-infinity"
            lines[n - 1] = json.dumps(event)
            path.write_text("\n".join(lines) + "\n")
            reason = "invalid_value: timestamp=-infinity is not a finite timestamp"
            key = event["messageId"]
            return _result("ts_neg_infinity", "web__events", landing, path, str(n), key, reason)
    raise LookupError("no eligible web event")


def inject_nan_spend(landing: Path) -> dict:
    """A Meta insights row whose spend is the string 'NaN'."""
    path, body, records, i = _pick_in_pages(
        landing,
        "meta_ads/insights/*/*/page-*.json",
        "data",
        lambda r: (r.get("campaign_id"), r.get("date_start"), r.get("adset_id"), r.get("ad_id")),
        lambda r: r.get("spend") not in (None, "") and not r["spend"].startswith("-"),
    )
    records[i]["spend"] = "NaN"
    _write(path, body)
    reason = "invalid_value: spend=NaN is not a finite number"
    return _result("nan_spend", "meta_ads__insights", landing, path, f"data[{i}]", None, reason)


def inject_fractional_micros(landing: Path) -> dict:
    """A Google Ads row whose costMicros has a fraction (never rounded to an integer)."""
    path, body, records, i = _pick_in_pages(
        landing,
        "google_ads/campaign_report/*/*/page-*.json",
        "results",
        lambda r: (
            (r.get("campaign") or {}).get("id"),
            (r.get("segments") or {}).get("date"),
        ),
        lambda r: str((r.get("metrics") or {}).get("costMicros", "")).isdigit(),
    )
    micros = f"{records[i]['metrics']['costMicros']}.5"
    records[i]["metrics"]["costMicros"] = micros
    _write(path, body)
    reason = f"invalid_value: metrics.costMicros={micros} is not an integer"
    table = "google_ads__campaign_report"
    return _result("fractional_micros", table, landing, path, f"results[{i}]", None, reason)


def inject_epoch_out_of_range(landing: Path) -> dict:
    """A SendGrid event (epoch seconds) of 1980-01-01, before the window."""
    path, body, records, i = _pick_in_pages(
        landing, "sendgrid/events/*/batch-*.json", None, lambda r: r.get("sg_event_id")
    )
    records[i]["timestamp"] = 315532800  # 1980-01-01T00:00:00Z
    _write(path, body)
    reason = f"invalid_value: timestamp=315532800{BEFORE}"
    key = records[i]["sg_event_id"]
    return _result("epoch_out_of_range", "sendgrid__events", landing, path, f"[{i}]", key, reason)


CASES = {
    "ts_1900": inject_ts_1900,
    "ts_neg_infinity": inject_ts_neg_infinity,
    "nan_spend": inject_nan_spend,
    "fractional_micros": inject_fractional_micros,
    "epoch_out_of_range": inject_epoch_out_of_range,
}


def inject_slips_through(landing: Path) -> dict:
    """A contact whose lifecycle-stage *history* starts on 1900-01-01.

    Raw keeps `propertiesWithHistory` as one JSON object and checks only its shape (the
    history of every HubSpot property is large and mostly unused; its entries are not
    typed at raw, docs/real-inputs.md §1). Staging unnests it
    (stg_hubspot__contact_property_history.valid_from), the lifecycle models take the
    change as the day the contact became a lead, and the first published table that carries
    it, core.fct_lifecycle_transitions, has `transitioned_at` = 1900-01-01: its value-range
    check fails, so the gate holds back core.fct_lifecycle_transitions and everything built
    from it (core.fct_contact_funnel with `lead_at` = 1900-01-01, the account funnel, the
    funnel, lead scoring and velocity marts, and, through the calendar that spans the data,
    core.dim_date: all downstream of core.fct_lifecycle_transitions).
    """

    def eligible(record: dict) -> bool:
        history = (record.get("propertiesWithHistory") or {}).get("lifecyclestage") or []
        props = record.get("properties") or {}
        return (
            bool(history) and not record.get("archived") and not props.get("hs_merged_object_ids")
        )

    folders = sorted({p.parent.name for p in landing.glob("hubspot/contacts/*/page-*.json")})
    path, body, records, i = _pick_in_pages(
        landing,
        f"hubspot/contacts/{folders[-1]}/page-*.json",  # the newest snapshot: the live version
        "results",
        lambda r: r.get("id"),
        eligible,
    )
    history = records[i]["propertiesWithHistory"]["lifecyclestage"]
    history[-1]["timestamp"] = "1900-01-01T00:00:00.000Z"  # newest first: the oldest change
    _write(path, body)
    return {
        "case": "slips_through",
        "file": str(path.relative_to(landing)),
        "locator": f"results[{i}]",
        "record_key": records[i]["id"],
        "table": "core.fct_lifecycle_transitions",
        "column": "transitioned_at",
        "value": "1900-01-01 00:00:00",
    }
