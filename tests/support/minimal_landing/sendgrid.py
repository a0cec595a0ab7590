"""SendGrid: single sends and webhook batches with a duplicate delivery and a cut-off batch."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.minimal_landing.files import write_json, write_truncated


def _event(n: int, kind: str, day: str) -> dict:
    return {
        "email": f"person.{n}@corp.example",
        "timestamp": 1735725600 + n * 60,
        "smtp-id": f"<{n}@sg.example>",
        "event": kind,
        "category": ["nurture"],
        "sg_event_id": f"evt-{n}",
        "sg_message_id": f"msg-{n}.filter0001",
        "singlesend_id": "ss-1",
        "marketing_campaign_id": "ss-1",
        "marketing_campaign_name": "Nurture 1",
        "day": day,
    }


def write_sendgrid(root: Path, malformed: list[list[str]]) -> None:
    base = root / "sendgrid"
    sends = [
        {
            "id": f"ss-{i}",
            "name": f"Nurture {i}",
            "status": "triggered",
            "categories": ["nurture"],
            "send_at": "2025-01-02T09:00:00Z",
            "created_at": "2025-01-01T09:00:00Z",
            "updated_at": "2025-01-01T09:00:00Z",
            "is_abtest": False,
        }
        for i in range(1, 6)
    ]
    write_json(
        base / "singlesends" / "page-000001.json",
        {
            "result": sends,
            "_metadata": {
                "self": "https://api.sendgrid.com/v3/marketing/singlesends",
                "count": len(sends),
            },
        },
    )
    events = base / "events"
    batches = {
        ("2025-01-02", 1): [
            _event(1, "processed", "2025-01-02"),
            _event(2, "delivered", "2025-01-02"),
        ],
        ("2025-01-02", 2): [_event(3, "open", "2025-01-02")],
        # A duplicate delivery of event 3, as SendGrid retries do.
        ("2025-01-03", 1): [_event(3, "open", "2025-01-02"), _event(4, "click", "2025-01-03")],
    }
    for (day, number), body in batches.items():
        # Compact separators: the replay must send these exact bytes, not re-serialised JSON.
        path = events / day / f"batch-{number:06d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(json.dumps(body, separators=(",", ":")).encode())
    bad = events / "2025-01-03" / "batch-000002.json"
    write_truncated(bad, [_event(5, "bounce", "2025-01-03")])
    malformed.append(["sendgrid", str(bad.relative_to(root)), "", "truncated_json", ""])
