"""SendGrid Event Webhook receiver: lands each POST body as a batch file, atomically.

SendGrid pushes events (it has no list API for them), so the API way in for email events is
this receiver: every POST body (a JSON array of events) is written to
`<landing>/sendgrid/events/<UTC day>/batch-<NNNNNN>.json`, first to a hidden temp file in the
same folder and then renamed, so ingestion never reads a half-written batch. The body is
stored as received; validation happens at ingestion (bad events go to quarantine there).

    python -m ingestion.webhooks.sendgrid --port 8085 [--landing DIR] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import tempfile
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from closedloop.settings import Settings

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


def make_handler(lander: Lander) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length <= 0 or length > MAX_BODY:
                self._answer(400 if length <= 0 else 413, {"error": "bad body length"})
                return
            body = self.rfile.read(length)
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


def make_server(landing: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), make_handler(Lander(landing)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8085)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--landing", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    landing = args.landing or Settings.from_env().landing_dir
    server = make_server(landing, args.host, args.port)
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
