"""Replaying push-based vendor data (SendGrid's Event Webhook) into a receiver."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .landing import sorted_files

# signer(payload, timestamp) -> base64 signature. SendGrid signs the timestamp
# followed by the raw body (ECDSA); the standard library has no ECDSA, so the
# caller supplies whatever its receiver verifies.
Signer = Callable[[bytes, str], str]


def replay_sendgrid_webhooks(
    landing_dir: str | Path, url: str, *, signer: Signer | None = None, timeout: float = 10.0
) -> int:
    """POST every `sendgrid/events/**/batch-*.json` body to `url`, byte for byte
    and in file-name order, as SendGrid would; returns how many were sent.

    Damaged batches are sent too: the receiver, not the replayer, must cope.
    A non-2xx answer raises urllib.error.HTTPError.
    """
    batches = sorted_files(Path(landing_dir) / "sendgrid" / "events", "**/batch-*.json")
    for batch in batches:
        payload = batch.read_bytes()
        headers = {"Content-Type": "application/json", "User-Agent": "SendGrid Event API"}
        if signer is not None:
            timestamp = str(int(time.time()))
            headers["X-Twilio-Email-Event-Webhook-Timestamp"] = timestamp
            headers["X-Twilio-Email-Event-Webhook-Signature"] = signer(payload, timestamp)
        request = urllib.request.Request(url, data=payload, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    return len(batches)
