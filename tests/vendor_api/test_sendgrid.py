"""SendGrid: single sends paging, and the event-webhook replayer."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support.vendor_api import replay_sendgrid_webhooks, serve

from .client import get


def test_single_sends_follow_metadata_next(handmade_landing):
    with serve(handmade_landing) as api:
        url = f"{api.base_url}/v3/marketing/singlesends?page_size=2"
        ids, pages = [], 0
        while url:
            body = get(url, {"Authorization": f"Bearer {api.tokens['sendgrid']}"}).json()
            ids += [s["id"] for s in body["result"]]
            pages += 1
            assert body["_metadata"]["count"] == 5
            url = body["_metadata"].get("next")
    assert ids == ["ss-1", "ss-2", "ss-3", "ss-4", "ss-5"] and pages == 3


class _Capture(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, dict(self.headers), body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_replay_posts_every_batch_byte_exact_in_file_order(landing, receiver):
    batches = sorted((landing / "sendgrid" / "events").glob("*/batch-*.json"))
    url = f"http://127.0.0.1:{receiver.server_address[1]}/webhooks/sendgrid"
    sent = replay_sendgrid_webhooks(landing, url, signer=lambda payload, ts: f"sig:{len(payload)}")
    assert sent == len(batches) == len(receiver.received)
    for batch, (path, headers, body) in zip(batches, receiver.received, strict=True):
        assert path == "/webhooks/sendgrid"
        assert body == batch.read_bytes()
        assert headers["Content-Type"] == "application/json"
        assert headers["X-Twilio-Email-Event-Webhook-Signature"] == f"sig:{len(body)}"
        assert headers["X-Twilio-Email-Event-Webhook-Timestamp"].isdigit()
