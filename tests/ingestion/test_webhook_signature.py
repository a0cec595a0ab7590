"""Only SendGrid may push: the webhook receiver verifies the Signed Event Webhook (real HTTP
on 127.0.0.1, a generated P-256 key pair) and lands nothing for a refused request."""

from __future__ import annotations

import http.client
import json
import logging
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from ingestion.webhooks.sendgrid import make_server
from ingestion.webhooks.signature import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignatureVerifier,
    WebhookConfigError,
    load_public_key,
)
from tests.ingestion.webhook_signing import WebhookKey

REPO = Path(__file__).resolve().parents[2]
PAYLOADS = Path(__file__).parent / "payloads" / "webhook"
# A SendGrid-shaped batch (Event Webhook reference fields), with non-ASCII and a trailing
# newline so byte-exact landing is meaningful.
BODY = (
    '[{"email":"zoë@example.com","timestamp":1751284800,"smtp-id":"<14c5d75ce93.dfd.64b469@'
    'ismtpd-555>","event":"click","category":["cat facts"],"sg_event_id":"sg_event_id_1",'
    '"sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",'
    '"url":"https://example.com/pricing","useragent":"Mozilla/5.0"}]\n'
).encode()


@pytest.fixture(scope="module")
def key() -> WebhookKey:
    return WebhookKey()


@contextmanager
def receiver(landing: Path, verifier: SignatureVerifier | None, insecure: bool = False):
    server = make_server(landing, port=0, verifier=verifier, insecure=insecure)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/webhooks/sendgrid"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def signed(key: WebhookKey, body: bytes, timestamp: str | None = None) -> dict[str, str]:
    timestamp = timestamp or str(int(time.time()))
    return {SIGNATURE_HEADER: key.sign(body, timestamp), TIMESTAMP_HEADER: timestamp}


def landed_files(landing: Path) -> list[Path]:
    return [p for p in landing.rglob("*") if p.is_file()]  # hidden temp files included


@pytest.mark.parametrize("form", ["base64 DER", "PEM"])
def test_a_signed_body_lands_byte_exact(tmp_path, key, form):
    text = key.public_b64 if form == "base64 DER" else key.public_pem
    verifier = SignatureVerifier(load_public_key(text))
    with receiver(tmp_path, verifier) as url:
        status, answer = post(url, BODY, signed(key, BODY))
    assert status == 200 and answer["events"] == 1
    [batch] = landed_files(tmp_path)
    assert batch.read_bytes() == BODY and batch.name == answer["landed"]


def test_sendgrids_own_test_vector_verifies(tmp_path):
    """The signed request from SendGrid's helper library tests: our reading of the scheme
    (key format, signed bytes, signature encoding) is SendGrid's."""
    vector = json.loads((PAYLOADS / "sendgrid_signed_vector.json").read_text())
    body = vector["body"].encode()
    headers = {SIGNATURE_HEADER: vector["signature"], TIMESTAMP_HEADER: vector["timestamp"]}
    genuine = load_public_key(vector["public_key"])
    with receiver(
        tmp_path / "other", SignatureVerifier(load_public_key(vector["other_public_key"]), 0)
    ) as url:
        assert post(url, body, headers)[0] == 401
    with receiver(tmp_path / "windowed", SignatureVerifier(genuine)) as url:
        assert post(url, body, headers)[0] == 403  # signed in 2020: stale today
    with receiver(tmp_path / "no_window", SignatureVerifier(genuine, max_skew=0)) as url:
        assert post(url, body, headers)[0] == 200
    assert [p.read_bytes() for p in landed_files(tmp_path)] == [body]


def _tamper(key: WebhookKey, other: WebhookKey) -> dict[str, tuple[bytes, dict[str, str]]]:
    now = int(time.time())
    headers = signed(key, BODY)
    changed = BODY.replace(b'"click"', b'"clicK"')
    return {
        "a changed byte": (changed, headers),
        "a wrong key": (BODY, signed(other, BODY)),
        "a missing signature header": (BODY, {TIMESTAMP_HEADER: headers[TIMESTAMP_HEADER]}),
        "a missing timestamp header": (BODY, {SIGNATURE_HEADER: headers[SIGNATURE_HEADER]}),
        "a signature that is not base64": (BODY, {**headers, SIGNATURE_HEADER: "not*base64!"}),
        "a garbage signature": (BODY, {**headers, SIGNATURE_HEADER: "AAAA"}),
        "another timestamp": (BODY, {**headers, TIMESTAMP_HEADER: str(now - 1)}),
        "a replay an hour later": (BODY, signed(key, BODY, str(now - 3600))),
        "a timestamp from the future": (BODY, signed(key, BODY, str(now + 3600))),
        "a non-numeric timestamp": (BODY, signed(key, BODY, "2026-06-30T12:00:00Z")),
    }


REFUSALS = {
    "a changed byte": (401, "does not match"),
    "a wrong key": (401, "does not match"),
    "a missing signature header": (401, f"missing {SIGNATURE_HEADER}"),
    "a missing timestamp header": (401, f"missing {TIMESTAMP_HEADER}"),
    "a signature that is not base64": (401, "not valid base64"),
    "a garbage signature": (401, "does not match"),
    "another timestamp": (401, "does not match"),
    "a replay an hour later": (403, "stale timestamp"),
    "a timestamp from the future": (403, "stale timestamp"),
    "a non-numeric timestamp": (403, "not epoch seconds"),
}


def test_unsigned_forged_and_stale_requests_are_refused_and_land_nothing(tmp_path, key, caplog):
    cases = _tamper(key, WebhookKey())
    assert cases.keys() == REFUSALS.keys()
    caplog.set_level(logging.WARNING, logger="ingestion.webhooks.sendgrid")
    with receiver(tmp_path, key.verifier(max_skew=300)) as url:
        for case, (body, headers) in cases.items():
            caplog.clear()
            status, answer = post(url, body, headers)
            want_status, want_reason = REFUSALS[case]
            assert status == want_status, case
            assert want_reason in answer["error"], case
            [line] = [r.getMessage() for r in caplog.records]
            assert want_reason in line and f"({want_status})" in line, case
            assert "sg_event_id" not in line and "zoë" not in line  # never the body
        assert landed_files(tmp_path) == []  # not even a temp file
        status, _ = post(url, BODY, signed(key, BODY))  # the genuine one still lands
    assert status == 200 and [p.read_bytes() for p in landed_files(tmp_path)] == [BODY]


def test_skew_zero_accepts_an_old_timestamp(tmp_path, key):
    old = signed(key, BODY, "1588788367")  # May 2020
    with receiver(tmp_path, key.verifier(max_skew=0)) as url:
        assert post(url, BODY, old)[0] == 200
    with receiver(tmp_path / "windowed", key.verifier(max_skew=300)) as url:
        assert post(url, BODY, old)[0] == 403
    assert [p.read_bytes() for p in landed_files(tmp_path)] == [BODY]


def test_the_receiver_refuses_to_be_built_without_a_key(tmp_path):
    with pytest.raises(WebhookConfigError, match="SENDGRID_WEBHOOK_PUBLIC_KEY"):
        make_server(tmp_path, port=0)
    with pytest.raises(WebhookConfigError, match="SENDGRID_WEBHOOK_PUBLIC_KEY"):
        SignatureVerifier.from_env({"SENDGRID_WEBHOOK_PUBLIC_KEY": "bm90IGEga2V5"})
    with pytest.raises(WebhookConfigError, match="SENDGRID_WEBHOOK_MAX_SKEW_SECONDS"):
        SignatureVerifier.from_env({"SENDGRID_WEBHOOK_MAX_SKEW_SECONDS": "5m"})
    assert SignatureVerifier.from_env({}) is None


def _start(tmp_path: Path, args: list[str], **env: str) -> subprocess.Popen:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENDGRID_WEBHOOK_")}
    return subprocess.Popen(
        [sys.executable, "-m", "ingestion.webhooks.sendgrid", "--port", "0"]
        + ["--landing", str(tmp_path), *args],
        cwd=REPO,
        env={**clean, **env},
        stderr=subprocess.PIPE,
        text=True,
    )


def _log_until_listening(proc: subprocess.Popen) -> str:
    timer = threading.Timer(30, proc.kill)  # never hang the suite
    timer.start()
    lines = []
    try:
        for line in proc.stderr:
            lines.append(line)
            if "receiver on http://" in line:
                break
    finally:
        timer.cancel()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: never leave it running
            proc.kill()
            proc.wait(timeout=30)
        proc.stderr.close()
    return "".join(lines)


def test_the_command_needs_a_key_or_an_explicit_insecure_flag(tmp_path, key):
    refused = _start(tmp_path, [])
    _, err = refused.communicate(timeout=30)
    assert refused.returncode != 0
    assert err.strip().count("\n") == 0 and "SENDGRID_WEBHOOK_PUBLIC_KEY" in err
    assert "--insecure-no-signature" in err

    bad = _start(tmp_path, [], SENDGRID_WEBHOOK_PUBLIC_KEY="bm90IGEga2V5")
    _, err = bad.communicate(timeout=30)
    assert bad.returncode != 0 and err.strip().count("\n") == 0
    assert "SENDGRID_WEBHOOK_PUBLIC_KEY" in err

    for args, env in (
        (["--insecure-no-signature"], {}),
        ([], {"SENDGRID_WEBHOOK_INSECURE": "1"}),
    ):
        log = _log_until_listening(_start(tmp_path, args, **env))
        assert "receiver on http://" in log and "WARNING INSECURE" in log, log

    log = _log_until_listening(_start(tmp_path, [], SENDGRID_WEBHOOK_PUBLIC_KEY=key.public_b64))
    assert "receiver on http://" in log and "INSECURE" not in log, log
    assert landed_files(tmp_path) == []


def test_health_check_and_body_limits_need_no_signature(tmp_path, key):
    with receiver(tmp_path, key.verifier()) as url:
        with urllib.request.urlopen(url, timeout=10) as health:
            assert health.status == 200 and json.loads(health.read()) == {"status": "ok"}
        host, port = url.split("/")[2].split(":")
        for length, status in (("0", 400), (str(2**40), 413)):
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
            conn.putrequest("POST", "/webhooks/sendgrid")
            conn.putheader("Content-Length", length)
            conn.endheaders()
            assert conn.getresponse().status == status
            conn.close()
    assert landed_files(tmp_path) == []
