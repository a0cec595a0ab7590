"""Google Ads API (REST): googleAds:search with GAQL over the campaign report."""

from __future__ import annotations

import hashlib
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
    json_response,
)

# Fixed since v17: the API rejects a client-chosen page size.
PAGE_SIZE = 10_000
VERSION = "v17"

SELECT_RE = re.compile(
    r"^\s*SELECT\s+(?P<fields>.+?)\s+FROM\s+(?P<resource>\w+)\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
BETWEEN_RE = re.compile(
    r"segments\.date\s+BETWEEN\s+'(\d{4}-\d{2}-\d{2})'\s+AND\s+'(\d{4}-\d{2}-\d{2})'", re.IGNORECASE
)
COMPARE_RE = re.compile(r"segments\.date\s*(>=|<=|>|<|=)\s*'(\d{4}-\d{2}-\d{2})'", re.IGNORECASE)
LIMIT_RE = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)


def error(code: int, status: str, message: str, error_code: dict[str, str]) -> Response:
    request_id = uuid.uuid4().hex[:22]
    details = [
        {
            "@type": f"type.googleapis.com/google.ads.googleads.{VERSION}.errors.GoogleAdsFailure",
            "errors": [{"errorCode": error_code, "message": message}],
            "requestId": request_id,
        }
    ]
    return json_response(
        code,
        {"error": {"code": code, "message": message, "status": status, "details": details}},
        {"request-id": request_id},
    )


def invalid(message: str, error_code: dict[str, str]) -> ApiError:
    return ApiError(error(400, "INVALID_ARGUMENT", message, error_code))


def authenticate(req: Request) -> Response | None:
    if not auth.matches(req.bearer(), req.ctx.tokens["google_ads"]):
        return error(
            401,
            "UNAUTHENTICATED",
            "Request is missing required authentication credential. Expected OAuth 2 "
            "access token, login cookie or other valid authentication credential.",
            {"authenticationError": "AUTHENTICATION_ERROR"},
        )
    developer_token = req.headers.get("developer-token")
    if not developer_token:
        return error(
            401,
            "UNAUTHENTICATED",
            "The developer token is not on the request.",
            {"authenticationError": "DEVELOPER_TOKEN_PARAMETER_MISSING"},
        )
    if not auth.matches(developer_token, req.ctx.tokens["google_ads_developer_token"]):
        return error(
            401,
            "UNAUTHENTICATED",
            "The developer token is not valid.",
            {"authenticationError": "DEVELOPER_TOKEN_INVALID"},
        )
    return None


def throttled() -> Response:
    resp = error(
        429,
        "RESOURCE_EXHAUSTED",
        "Resource has been exhausted (e.g. check quota).",
        {"quotaError": "RESOURCE_EXHAUSTED"},
    )
    resp.headers["Retry-After"] = "1"
    return resp


def server_error() -> Response:
    return error(
        500, "INTERNAL", "Internal error encountered.", {"internalError": "INTERNAL_ERROR"}
    )


def _customer_key(customer_id: str) -> str:
    return customer_id.replace("-", "")


def campaign_days(root: Path) -> dict[str, list[dict]]:
    """Rows per customer, one per (campaign, day): the newest monthly export
    wins because each month restates the previous month's last days."""
    out: dict[str, list[dict]] = {}
    for customer in subfolders(root / "google_ads" / "campaign_report"):
        latest: dict[tuple, dict] = {}
        for month in subfolders(customer):
            for page in sorted_files(month, "page-*.json"):
                for pos, row in enumerate(list_field(read_json(page), "results")):
                    campaign = row.get("campaign") if isinstance(row.get("campaign"), dict) else {}
                    segments = row.get("segments") if isinstance(row.get("segments"), dict) else {}
                    key = (campaign.get("id"), segments.get("date"))
                    # A row missing its key is kept as is rather than collapsed.
                    latest[key if None not in key else (str(page), pos)] = row
        out[_customer_key(customer.name)] = sorted(latest.values(), key=_row_order)
    return out


def _row_order(row: dict) -> tuple:
    date = (row.get("segments") or {}).get("date") or ""
    campaign = str((row.get("campaign") or {}).get("id") or "")
    return (date, int(campaign) if campaign.isdigit() else 0, campaign)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _project(row: dict, fields: list[list[str]]) -> dict:
    """Only the selected fields, plus each selected resource's resourceName."""
    out: dict[str, Any] = {}
    for path in fields:
        source: Any = row
        for part in path:
            source = source.get(part) if isinstance(source, dict) else None
        if source is None:
            continue
        target = out
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = source
    for resource, value in out.items():
        stored = row.get(resource)
        if isinstance(value, dict) and isinstance(stored, dict) and "resourceName" in stored:
            value.setdefault("resourceName", stored["resourceName"])
    return out


def _date_filter(where: str):
    bounds: list[tuple[str, str]] = []
    for low, high in BETWEEN_RE.findall(where):
        bounds += [(">=", low), ("<=", high)]
    bounds += COMPARE_RE.findall(BETWEEN_RE.sub("", where))
    checks = {">=": str.__ge__, "<=": str.__le__, ">": str.__gt__, "<": str.__lt__, "=": str.__eq__}

    def keep(row: dict) -> bool:
        date = (row.get("segments") or {}).get("date")
        return isinstance(date, str) and all(checks[op](date, day) for op, day in bounds)

    return keep if bounds else (lambda row: True)


def search(req: Request, m: re.Match[str]) -> Response:
    try:
        body = json.loads(req.body or b"{}")
    except ValueError:
        raise invalid("Invalid JSON payload received.", {"requestError": "INVALID_INPUT"}) from None
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        raise invalid("The query is empty.", {"queryError": "QUERY_ERROR"})
    if "pageSize" in body:
        raise invalid(
            "Setting the page size is not supported.", {"requestError": "PAGE_SIZE_NOT_SUPPORTED"}
        )
    query = body["query"]
    parsed = SELECT_RE.match(query)
    if not parsed:
        raise invalid(
            "Error in query: expected SELECT ... FROM ...",
            {"queryError": "UNEXPECTED_END_OF_QUERY"},
        )
    if parsed["resource"].lower() != "campaign":
        raise invalid(
            f"The fake serves FROM campaign only, not {parsed['resource']}.",
            {"queryError": "INVALID_RESOURCE_NAME"},
        )
    if re.search(r"\bDURING\b", parsed["rest"], re.IGNORECASE):
        raise invalid(
            "The fake does not implement DURING; use BETWEEN.", {"queryError": "UNRECOGNIZED_FIELD"}
        )
    selected = [f.strip() for f in parsed["fields"].split(",") if f.strip()]
    paths = [[_camel(p) for p in f.split(".")] for f in selected]
    customer = _customer_key(m["customer"])
    data = req.ctx.store.get("google_ads/campaign_report", campaign_days)
    if customer not in data:
        return error(
            403,
            "PERMISSION_DENIED",
            "The caller does not have permission",
            {"authorizationError": "USER_PERMISSION_DENIED"},
        )
    in_range = _date_filter(parsed["rest"])
    rows = [r for r in data[customer] if in_range(r)]
    limit = LIMIT_RE.search(parsed["rest"])
    if limit:
        rows = rows[: int(limit[1])]
    # A page token is only valid for the query that produced it, as at Google.
    bound_to = hashlib.sha256(f"{customer}\n{query}".encode()).hexdigest()[:16]
    start = 0
    if body.get("pageToken"):
        start = decode_cursor(str(body["pageToken"]), "google_ads", bound_to)
        if start is None:
            raise invalid("Page token is invalid.", {"requestError": "INVALID_PAGE_TOKEN"})
    page = rows[start : start + req.ctx.cap(PAGE_SIZE)]
    out: dict[str, Any] = {}
    # proto3 JSON leaves out an empty repeated field: no rows means no key.
    if page:
        out["results"] = [_project(r, paths) for r in page]
    if start + len(page) < len(rows):
        out["nextPageToken"] = encode_cursor("google_ads", start + len(page), bound_to)
    out["totalResultsCount"] = str(len(rows))
    out["fieldMask"] = ",".join(".".join(p) for p in paths)
    return json_response(200, out, {"request-id": uuid.uuid4().hex[:22]})


VENDOR = Vendor(
    name="google_ads",
    routes=[
        ("POST", re.compile(r"^/v\d+/customers/(?P<customer>[\d-]+)/googleAds:search$"), search)
    ],
    authenticate=authenticate,
    throttled=throttled,
    server_error=server_error,
)
