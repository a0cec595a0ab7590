"""SendGrid v3: the single sends list (events arrive by webhook, see webhooks.py)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from . import auth
from .landing import list_field, read_json, sorted_files
from .protocol import (
    ApiError,
    Request,
    Response,
    Vendor,
    decode_cursor,
    encode_cursor,
    int_arg,
    json_response,
)

MAX_PAGE_SIZE = 100


def error(status: int, message: str, field: str | None = None) -> Response:
    return json_response(status, {"errors": [{"field": field, "message": message}]})


def authenticate(req: Request) -> Response | None:
    if not auth.matches(req.bearer(), req.ctx.tokens["sendgrid"]):
        return error(401, "authorization required")
    return None


def throttled() -> Response:
    resp = error(429, "too many requests")
    resp.headers.update(
        {
            "Retry-After": "1",
            "X-RateLimit-Limit": "600",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(int(time.time()) + 1),
        }
    )
    return resp


def server_error() -> Response:
    return error(500, "internal server error")


def single_sends(root: Path) -> list[dict]:
    by_id: dict[str, dict] = {}
    for page in sorted_files(root / "sendgrid" / "singlesends", "page-*.json"):
        for rec in list_field(read_json(page), "result"):
            by_id[str(rec.get("id"))] = rec
    return list(by_id.values())


def list_single_sends(req: Request, m: re.Match[str]) -> Response:
    size = int_arg(req.arg("page_size"), MAX_PAGE_SIZE)
    if size is None or size > MAX_PAGE_SIZE:
        raise ApiError(error(400, f"page_size must be between 1 and {MAX_PAGE_SIZE}", "page_size"))
    size = req.ctx.cap(size)
    start = 0
    if req.arg("page_token"):
        start = decode_cursor(req.arg("page_token"), "sendgrid/singlesends")
        if start is None:
            raise ApiError(error(400, "invalid page_token", "page_token"))
    rows = req.ctx.store.get("sendgrid/singlesends", single_sends)
    page = rows[start : start + size]
    metadata = {"self": req.link({}), "count": len(rows)}
    if start + len(page) < len(rows):
        token = encode_cursor("sendgrid/singlesends", start + len(page))
        metadata["next"] = req.link({"page_token": token})
    if start > 0:
        token = encode_cursor("sendgrid/singlesends", max(start - size, 0))
        metadata["prev"] = req.link({"page_token": token})
    return json_response(200, {"result": page, "_metadata": metadata})


VENDOR = Vendor(
    name="sendgrid",
    routes=[("GET", re.compile(r"^/v3/marketing/singlesends/?$"), list_single_sends)],
    authenticate=authenticate,
    throttled=throttled,
    server_error=server_error,
)
