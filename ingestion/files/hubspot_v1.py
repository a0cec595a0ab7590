"""HubSpot's legacy v1 engagements as the v3 objects our calls/meetings/emails tables hold.

Input: one element of `GET /engagements/v1/engagements/paged` → `results`:
`{"engagement": {"id", "type", "timestamp", "ownerId", "createdAt", "lastUpdated", "active",
...}, "associations": {"contactIds", "companyIds", "dealIds", ...}, "metadata": {...}}` with
epoch-millisecond times and integer ids. Output: the v3 object shape (`id`, ISO `createdAt` /
`updatedAt`, string `properties`, `associations.<kind>.results[].id`). Types: CALL → calls,
MEETING → meetings, EMAIL / INCOMING_EMAIL / FORWARDED_EMAIL → emails (the type is the v3
`hs_email_direction`); other types (NOTE, TASK, ...) belong to no table and are skipped.
A record without an `engagement.type` is handed on unchanged, so every engagement table
quarantines it (it cannot be told apart).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

TABLE_TYPES: dict[str, tuple[str, ...]] = {
    "calls": ("CALL",),
    "meetings": ("MEETING",),
    "emails": ("EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"),
}
_SINGULAR = {"calls": "call", "meetings": "meeting", "emails": "email"}
# v3 association kind -> (v1 id list, singular for the association type label)
_ASSOCIATIONS = {
    "contacts": ("contactIds", "contact"),
    "companies": ("companyIds", "company"),
    "deals": ("dealIds", "deal"),
}


def iso_ms(value: Any) -> Any:
    """Epoch milliseconds -> '2025-01-03T10:00:00.000Z'; anything else is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value
    try:
        ms = int(value)
        if ms < 0:
            return value
        at = datetime.fromtimestamp(ms // 1000, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return value
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _call(meta: dict, _type: str) -> dict:
    return {
        "hs_call_title": meta.get("title"),
        "hs_call_body": meta.get("body"),
        "hs_call_status": meta.get("status"),
        "hs_call_disposition": meta.get("disposition"),
        "hs_call_duration": _text(meta.get("durationMilliseconds")),
        "hs_call_from_number": meta.get("fromNumber"),
        "hs_call_to_number": meta.get("toNumber"),
        "hs_call_recording_url": meta.get("recordingUrl"),
    }


def _meeting(meta: dict, _type: str) -> dict:
    return {
        "hs_meeting_title": meta.get("title"),
        "hs_meeting_body": meta.get("body"),
        "hs_meeting_outcome": meta.get("meetingOutcome"),
        "hs_meeting_start_time": iso_ms(meta.get("startTime")),
        "hs_meeting_end_time": iso_ms(meta.get("endTime")),
        "hs_internal_meeting_notes": meta.get("internalMeetingNotes"),
    }


def _email(meta: dict, kind: str) -> dict:
    sender = meta.get("from") if isinstance(meta.get("from"), dict) else {}
    to = [t.get("email") for t in meta.get("to") or [] if isinstance(t, dict) and t.get("email")]
    return {
        "hs_email_direction": kind,
        "hs_email_subject": meta.get("subject"),
        "hs_email_text": meta.get("text"),
        "hs_email_html": meta.get("html"),
        "hs_email_status": meta.get("status"),
        "hs_email_from_email": sender.get("email"),
        "hs_email_to_email": ";".join(to) or None,
    }


_PROPERTIES = {"calls": _call, "meetings": _meeting, "emails": _email}


def to_v3(record: dict, table: str) -> dict:
    eng = record.get("engagement") or {}
    meta = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    assoc = record.get("associations") if isinstance(record.get("associations"), dict) else {}
    eid, created = _text(eng.get("id")), iso_ms(eng.get("createdAt"))
    updated = iso_ms(eng.get("lastUpdated", eng.get("createdAt")))
    props = {
        "hs_object_id": eid,
        "hs_timestamp": iso_ms(eng.get("timestamp")),
        "hubspot_owner_id": _text(eng.get("ownerId")),
        "hs_createdate": created,
        "hs_lastmodifieddate": updated,
        **_PROPERTIES[table](meta, str(eng.get("type")).upper()),
    }
    singular = _SINGULAR[table]
    associations = {
        kind: {"results": [{"id": str(i), "type": f"{singular}_to_{other}"} for i in ids]}
        for kind, (key, other) in _ASSOCIATIONS.items()
        if isinstance(ids := assoc.get(key), list) and ids
    }
    return {
        "id": eid,
        "createdAt": created,
        "updatedAt": updated,
        "archived": eng.get("active") is False,
        "properties": {k: v for k, v in props.items() if v is not None},
        "associations": associations,
    }


def mapper(table: str):
    types = TABLE_TYPES[table]

    def to_table(record: Any) -> list[tuple[str, Any]]:
        eng = record.get("engagement") if isinstance(record, dict) else None
        if not isinstance(eng, dict) or not isinstance(eng.get("type"), str):
            return [("", record)]
        if eng["type"].upper() not in types:
            return []
        return [("", to_v3(record, table))]

    return to_table
