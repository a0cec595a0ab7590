"""Meta Graph API: ad account insights at campaign level, one row per day."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from . import auth
from .landing import list_field, read_json, sorted_files, subfolders
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

DEFAULT_LIMIT = 25
MAX_LIMIT = 5000
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def error(status: int, code: int, message: str, **extra: Any) -> Response:
    return json_response(
        status,
        {
            "error": {
                "message": message,
                "type": "OAuthException",
                "code": code,
                **extra,
                "fbtrace_id": uuid.uuid4().hex[:11],
            }
        },
    )


def invalid(message: str) -> ApiError:
    return ApiError(error(400, 100, f"(#100) {message}"))


def authenticate(req: Request) -> Response | None:
    # Graph accepts the token either way; the query parameter is the common one.
    token = req.arg("access_token") or req.bearer()
    if token is None:
        return error(400, 104, "An access token is required to request this resource.")
    if not auth.matches(token, req.ctx.tokens["meta_ads"]):
        return error(400, 190, "Invalid OAuth access token.")
    return None


def throttled() -> Response:
    # Real Graph often signals this throttle on a 400; 429 lets one retry policy
    # serve every vendor, and the body carries Meta's own code.
    resp = error(
        429,
        80000,
        "There have been too many calls from this ad-account. Wait a bit and try again.",
        error_subcode=2446079,
        is_transient=True,
    )
    resp.headers.update(
        {
            "Retry-After": "1",
            "x-business-use-case-usage": json.dumps(
                {
                    "0": [
                        {
                            "type": "ads_insights",
                            "call_count": 100,
                            "estimated_time_to_regain_access": 1,
                        }
                    ]
                }
            ),
        }
    )
    return resp


def server_error() -> Response:
    return error(
        500,
        2,
        "An unexpected error has occurred. Please retry your request later.",
        is_transient=True,
    )


def insights(root: Path) -> dict[str, list[dict]]:
    """Rows per account id (without `act_`); a later monthly file wins a day."""
    out: dict[str, list[dict]] = {}
    for account in subfolders(root / "meta_ads" / "insights"):
        latest: dict[tuple, dict] = {}
        for month in subfolders(account):
            for page in sorted_files(month, "page-*.json"):
                for pos, row in enumerate(list_field(read_json(page), "data")):
                    key = (row.get("campaign_id"), row.get("date_start"))
                    latest[key if None not in key else (str(page), pos)] = row
        rows = sorted(
            latest.values(),
            key=lambda r: (str(r.get("date_start") or ""), str(r.get("campaign_id") or "")),
        )
        out[account.name.removeprefix("act_")] = rows
    return out


def _time_range(req: Request) -> tuple[str, str]:
    raw = req.arg("time_range")
    if raw is None:
        raise invalid("The fake needs time_range={'since':..,'until':..}; no date_preset.")
    try:
        span = json.loads(raw)
        since, until = span["since"], span["until"]
    except (ValueError, TypeError, KeyError):
        raise invalid("Param time_range must be a JSON object with since and until") from None
    if not (
        isinstance(since, str)
        and isinstance(until, str)
        and DATE_RE.match(since)
        and DATE_RE.match(until)
    ):
        raise invalid("Param time_range dates must be YYYY-MM-DD")
    return since, until


def get_insights(req: Request, m: re.Match[str]) -> Response:
    account = m["account"]
    data = req.ctx.store.get("meta_ads/insights", insights)
    if account not in data:
        raise ApiError(
            error(
                400,
                100,
                f"Unsupported get request. Object with ID 'act_{account}' "
                "does not exist, cannot be loaded due to missing permissions, or "
                "does not support this operation.",
                error_subcode=33,
            )
        )
    if (req.arg("level") or "account") != "campaign":
        raise invalid("The fake serves level=campaign only")
    if req.arg("time_increment") != "1":
        raise invalid("The fake serves time_increment=1 (daily rows) only")
    since, until = _time_range(req)
    limit = int_arg(req.arg("limit"), DEFAULT_LIMIT)
    if limit is None:
        raise invalid("Param limit must be a positive integer")
    limit = req.ctx.cap(min(limit, MAX_LIMIT))
    rows = [r for r in data[account] if since <= str(r.get("date_start") or "") <= until]
    bound_to = f"{account}/{since}/{until}"
    start = 0
    for name, shift in (("after", 0), ("before", -limit)):
        if req.arg(name):
            cursor = decode_cursor(req.arg(name), "meta_ads", bound_to)
            if cursor is None:
                raise invalid(f"Invalid cursor for param {name}")
            start = max(cursor + shift, 0)
    page = rows[start : start + limit]
    fields = req.list_arg("fields")
    if fields:
        keep = dict.fromkeys([*fields, "date_start", "date_stop"])
        page = [{k: r[k] for k in keep if k in r} for r in page]
    body: dict[str, Any] = {"data": page}
    if page:
        # Cursors point at a row boundary: `before` = this page's start.
        before = encode_cursor("meta_ads", start, bound_to)
        after = encode_cursor("meta_ads", start + len(page), bound_to)
        paging: dict[str, Any] = {"cursors": {"before": before, "after": after}}
        if start + len(page) < len(rows):
            paging["next"] = req.link({"after": after}, drop=("before",))
        if start > 0:
            paging["previous"] = req.link({"before": before}, drop=("after",))
        body["paging"] = paging
    return json_response(200, body)


VENDOR = Vendor(
    name="meta_ads",
    routes=[("GET", re.compile(r"^/v\d+\.\d+/act_(?P<account>\w+)/insights/?$"), get_insights)],
    authenticate=authenticate,
    throttled=throttled,
    server_error=server_error,
)
