"""SendGrid Event Webhook receiver: lands each POST body as a batch file, atomically.

SendGrid pushes events (it has no list API for them), so the API way in for email events is
this receiver: every POST body (a JSON array of events) is written to
`<landing>/sendgrid/events/<UTC day>/batch-<NNNNNN>.json`, first to a hidden temp file in the
same folder and then renamed, so ingestion never reads a half-written batch. The body is
stored as received; validation happens at ingestion (bad events go to quarantine there).

Only SendGrid may push: each request's Signed Event Webhook signature is verified over the
exact bytes received before anything is written (signature.py); an unsigned or forged request
is answered 401, a stale one 403, and nothing lands. Without SENDGRID_WEBHOOK_PUBLIC_KEY the
receiver refuses to start unless --insecure-no-signature (or SENDGRID_WEBHOOK_INSECURE=1) is
given, for local use only.

    python -m ingestion.webhooks.sendgrid --port 8085 [--landing DIR] [--host 127.0.0.1]
        [--insecure-no-signature]
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import sys
import tempfile
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from closedloop.settings import Settings
from ingestion.webhooks.signature import (
    INSECURE_VAR,
    KEY_VAR,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Rejected,
    SignatureVerifier,
    WebhookConfigError,
    insecure_from_env,
)

log = logging.getLogger(__name__)
MAX_BODY = 64 * 2**20  # SendGrid batches are far smaller; refuse anything absurd


class Lander:
    """Allocates batch numbers per day and writes bodies atomically (thread-safe)."""

    def __init__(self, landing: Path):
        self.root = landing / "sendgrid" / "events"
        self._lock = threading.Lock()
        self._next: dict[str, itertools.count] = {}

    def _number(self, day: str, folder: Path) -> int:
        with self._lock:
            if day not in self._next:
                taken = [
                    int(p.stem.split("-")[1])
                    for p in folder.glob("batch-*.json")
                    if p.stem.split("-")[1].isdigit()
                ]
                # Receiver batches start at 500000 so they never collide with an export's.
                self._next[day] = itertools.count(max([499_999, *taken]) + 1)
            return next(self._next[day])

    def land(self, body: bytes, now: datetime | None = None) -> Path:
        day = (now or datetime.now(UTC)).strftime("%Y-%m-%d")
        folder = self.root / day
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"batch-{self._number(day, folder):06d}.json"
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)  # atomic within one filesystem
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target


def make_handler(
    lander: Lander, verifier: SignatureVerifier | None
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            raw_length = (self.headers.get("Content-Length") or "0").strip()
            length = int(raw_length) if raw_length.isdecimal() else 0
            if length <= 0 or length > MAX_BODY:
                self.close_connection = True  # the unread body must not pass for a request
                self._answer(400 if length <= 0 else 413, {"error": "bad body length"})
                return
            body = self.rfile.read(length)
            if verifier is not None:
                try:
                    verifier.check(
                        self.headers.get(SIGNATURE_HEADER),
                        self.headers.get(TIMESTAMP_HEADER),
                        body,
                    )
                except Rejected as refused:
                    # The reason only: never the body (it is untrusted and may be anything).
                    log.warning(
                        "refused webhook POST from %s (%d): %s",
                        self.client_address[0],
                        refused.status,
                        refused.reason,
                    )
                    self._answer(refused.status, {"error": refused.reason})
                    return
            path = lander.land(body)
            try:
                events = json.loads(body)
            except ValueError:
                events = None
            # A damaged body is landed too and answered 2xx: SendGrid would only resend the
            # same bytes, and ingestion reports the file (quarantine, unreadable_file) instead
            # of it vanishing here.
            count = len(events) if isinstance(events, list) else None
            if count is None:
                log.warning("landed a body that is not a JSON array: %s", path)
            self._answer(200, {"landed": path.name, "events": count})

        def do_GET(self) -> None:
            self._answer(200, {"status": "ok"})  # health check

        def _answer(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:
            log.debug(format, *args)

    return Handler


def make_server(
    landing: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    verifier: SignatureVerifier | None = None,
    insecure: bool = False,
) -> ThreadingHTTPServer:
    """A receiver that verifies every POST with `verifier`; without one it refuses to be
    built unless `insecure` (accept unsigned requests, local use only)."""
    if verifier is None and not insecure:
        raise WebhookConfigError(
            f"{KEY_VAR} is not set: set it to the Signed Event Webhook verification key, "
            f"or pass --insecure-no-signature (or {INSECURE_VAR}=1) for local use only"
        )
    if verifier is None:
        log.warning(
            "INSECURE: webhook signatures are not verified, anyone who reaches this port can "
            "land events (local use only; set %s)",
            KEY_VAR,
        )
    return ThreadingHTTPServer((host, port), make_handler(Lander(landing), verifier))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8085)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--landing", type=Path, default=None)
    parser.add_argument(
        "--insecure-no-signature",
        action="store_true",
        help=f"accept unsigned requests (local use only; also {INSECURE_VAR}=1)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    landing = args.landing or Settings.from_env().landing_dir
    insecure = args.insecure_no_signature or insecure_from_env(os.environ)
    try:
        verifier = SignatureVerifier.from_env(os.environ)
        server = make_server(landing, args.host, args.port, verifier=verifier, insecure=insecure)
    except WebhookConfigError as exc:
        sys.exit(f"error: {exc}")
    log.info(
        "SendGrid webhook receiver on http://%s:%d -> %s",
        args.host,
        server.server_address[1],
        landing,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
