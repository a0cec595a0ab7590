"""One local HTTP server for every vendor: routing, fault injection, request log."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from . import auth, google_ads, hubspot, linkedin_ads, meta_ads, salesforce, sendgrid
from .landing import LandingStore
from .protocol import ApiError, Context, Request, Response, Vendor, json_response

VENDORS: tuple[Vendor, ...] = (
    hubspot.VENDOR,
    salesforce.VENDOR,
    google_ads.VENDOR,
    meta_ads.VENDOR,
    linkedin_ads.VENDOR,
    sendgrid.VENDOR,
)

FailMode = Literal["error", "drop"]
DROPPED = 0  # the status logged for a connection closed without an answer


class LoggedRequest(NamedTuple):
    method: str
    path: str
    status: int
    query: str
    vendor: str | None


@dataclass
class Faults:
    """Failure injection, adjustable while the server runs (under `lock`).

    After `fail_after` successful (2xx) answers, requests fail with the
    vendor's 500 (`fail_mode="error"`) or a dropped connection ("drop"), for
    `fail_times` requests (None: from then on). Every `rate_limit_every`-th
    authenticated request gets the vendor's 429 instead.
    """

    fail_after: int | None = None
    fail_mode: FailMode = "error"
    fail_times: int | None = None
    rate_limit_every: int | None = None
    successes: int = 0
    failures: int = 0
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def verdict(self) -> Literal["throttle", "error", "drop"] | None:
        with self.lock:
            self.requests += 1
            if self.rate_limit_every and self.requests % self.rate_limit_every == 0:
                return "throttle"
            if (
                self.fail_after is not None
                and self.successes >= self.fail_after
                and (self.fail_times is None or self.failures < self.fail_times)
            ):
                self.failures += 1
                return self.fail_mode
            return None

    def succeeded(self) -> None:
        with self.lock:
            self.successes += 1


@dataclass
class VendorApiHandle:
    base_url: str
    landing_dir: Path
    tokens: dict[str, str]
    faults: Faults
    request_log: list[LoggedRequest]
    _server: ThreadingHTTPServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def requests_to(self, path_prefix: str) -> list[LoggedRequest]:
        return [r for r in self.request_log if r.path.startswith(path_prefix)]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    ctx: Context
    faults: Faults
    request_log: list[LoggedRequest]
    verbose: bool


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    # Keep-alive like the real APIs, so client sessions reuse connections.
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Request(self.command, url.path, url.query, self.headers, body, self.server.ctx)
        vendor, resp = self._answer(req)
        status = DROPPED if resp is None else resp.status
        self.server.request_log.append(
            LoggedRequest(
                req.method, req.path, status, req.raw_query, vendor.name if vendor else None
            )
        )
        if resp is None:
            self._drop()
        else:
            self._send(resp)

    def _answer(self, req: Request) -> tuple[Vendor | None, Response | None]:
        matched_path = False
        for vendor in VENDORS:
            for method, pattern, handler in vendor.routes:
                match = pattern.match(req.path)
                if not match:
                    continue
                matched_path = True
                if method != req.method:
                    continue
                return vendor, self._call(vendor, handler, req, match)
        if matched_path:
            return None, json_response(405, {"message": f"{req.method} not allowed here"})
        return None, json_response(404, {"message": f"no vendor endpoint at {req.path}"})

    def _call(self, vendor: Vendor, handler, req: Request, match) -> Response | None:
        denied = vendor.authenticate(req)
        if denied is not None:
            return denied
        faults = self.server.faults
        verdict = faults.verdict()
        if verdict == "throttle":
            return vendor.throttled()
        if verdict == "error":
            return vendor.server_error()
        if verdict == "drop":
            return None
        try:
            resp = handler(req, match)
        except ApiError as exc:
            return exc.response
        except Exception:
            # A bug in the fake must show in the test output, not as a hang.
            traceback.print_exc(file=sys.stderr)
            return json_response(
                500, {"message": "vendor fake crashed", "traceback": traceback.format_exc()}
            )
        if 200 <= resp.status < 300:
            faults.succeeded()
        return resp

    def _send(self, resp: Response) -> None:
        self.send_response(resp.status)
        for name, value in resp.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        self.wfile.write(resp.body)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def serve(
    landing_dir: str | Path,
    *,
    tokens: dict[str, str] | None = None,
    page_size: int | None = None,
    fail_after: int | None = None,
    fail_mode: FailMode = "error",
    fail_times: int | None = None,
    rate_limit_every: int | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    verbose: bool = False,
) -> Iterator[VendorApiHandle]:
    """Serve `landing_dir` through the vendors' APIs for the `with` block.

    tokens: overrides of auth.DEFAULT_TOKENS. page_size: caps every page
    (Google Ads' fixed 10,000 included) so tiny data still spans pages.
    fail_after / fail_mode / fail_times / rate_limit_every: see Faults.
    port=0 picks a free port; the handle's base_url says which.
    """
    handle = start(
        landing_dir,
        tokens=tokens,
        page_size=page_size,
        fail_after=fail_after,
        fail_mode=fail_mode,
        fail_times=fail_times,
        rate_limit_every=rate_limit_every,
        host=host,
        port=port,
        verbose=verbose,
    )
    try:
        yield handle
    finally:
        handle.stop()


def start(
    landing_dir: str | Path,
    *,
    tokens: dict[str, str] | None = None,
    page_size: int | None = None,
    fail_after: int | None = None,
    fail_mode: FailMode = "error",
    fail_times: int | None = None,
    rate_limit_every: int | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    verbose: bool = False,
) -> VendorApiHandle:
    """Like serve(), without the `with`: call .stop() on the handle."""
    landing = Path(landing_dir)
    if not landing.is_dir():
        raise FileNotFoundError(f"landing folder {landing} does not exist")
    if fail_mode not in ("error", "drop"):
        raise ValueError("fail_mode must be 'error' or 'drop'")
    resolved = auth.resolve_tokens(tokens)
    server = _Server((host, port), _Handler)
    base_url = f"http://{host}:{server.server_address[1]}"
    server.ctx = Context(LandingStore(landing), resolved, base_url, page_size)
    server.faults = Faults(fail_after, fail_mode, fail_times, rate_limit_every)
    server.request_log = []
    server.verbose = verbose
    # A short poll keeps stop() (and so each test) fast.
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="vendor-api-fake",
        daemon=True,
    )
    thread.start()
    return VendorApiHandle(
        base_url, landing, resolved, server.faults, server.request_log, server, thread
    )
