"""The landing sensor and the SendGrid webhook receiver."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

from dagster import DagsterInstance, RunRequest, SkipReason, build_sensor_context

from ingestion.webhooks.sendgrid import make_server
from ingestion.webhooks.signature import SIGNATURE_HEADER, TIMESTAMP_HEADER
from orchestration.sensors import landing_sensor
from tests.ingestion.webhook_signing import WebhookKey


def _tick(cursor=None):
    context = build_sensor_context(instance=DagsterInstance.ephemeral(), cursor=cursor)
    result = landing_sensor(context)
    return result, context.cursor


def test_sensor_fires_on_new_files_and_not_again_without_change(env):
    first, cursor = _tick()
    assert isinstance(first, RunRequest)
    # every raw table of the HubSpot demo on the first look (18, plus the 3 cost and target
    # inputs: targets/marketing_costs, sales_costs, funnel_targets)
    assert len(first.asset_selection) == 21

    again, same_cursor = _tick(cursor)
    assert isinstance(again, SkipReason) and same_cursor == cursor

    day = env.landing / "web" / "events" / "2026-06-30"
    day.mkdir(parents=True, exist_ok=True)
    (day / "part-999.jsonl").write_text('{"type":"page","messageId":"new-1"}\n')
    fired, new_cursor = _tick(cursor)
    assert isinstance(fired, RunRequest)
    assert {k.path[-1] for k in fired.asset_selection} == {"web__events"}
    assert fired.run_key != first.run_key
    assert isinstance(_tick(new_cursor)[0], SkipReason)


def test_webhook_receiver_lands_post_bodies_atomically(tmp_path):
    key = WebhookKey()
    server = make_server(tmp_path, port=0, verifier=key.verifier())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        bodies = [b'[{"sg_event_id":"a","event":"open"}]', b'[{"sg_event_id":"b"', b"[]"]
        for body in bodies:
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: key.sign(body, timestamp),
                TIMESTAMP_HEADER: timestamp,
            }
            req = urllib.request.Request(url, data=body, method="POST", headers=headers)
            with urllib.request.urlopen(req) as resp:
                assert resp.status == 200
                json.loads(resp.read())
    finally:
        server.shutdown()
        server.server_close()
    landed = sorted((tmp_path / "sendgrid" / "events").glob("*/*"))
    assert [p.read_bytes() for p in landed] == bodies  # byte for byte, damaged one included
    assert all(p.name.startswith("batch-") and p.suffix == ".json" for p in landed)
