"""LinkedIn Marketing API (versioned /rest): ad accounts, campaigns, ad analytics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from . import auth, restli
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

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
ACCOUNT_URN = "urn:li:sponsoredAccount:"
CAMPAIGN_URN = "urn:li:sponsoredCampaign:"
# Without `fields` LinkedIn returns only these; pivotValues and dateRange must
# be asked for by name, which is easy to miss.
DEFAULT_ANALYTICS_FIELDS = ("impressions", "clicks")


def error(status: int, code: str, message: str, **extra: Any) -> Response:
    return json_response(status, {"status": status, "code": code, "message": message, **extra})


def invalid(message: str) -> ApiError:
    return ApiError(error(400, "ILLEGAL_ARGUMENT", message))


def authenticate(req: Request) -> Response | None:
    if not auth.matches(req.bearer(), req.ctx.tokens["linkedin_ads"]):
        return error(401, "INVALID_ACCESS_TOKEN", "Invalid access token", serviceErrorCode=65600)
    version = req.headers.get("LinkedIn-Version")
    if not version:
        return error(
            400,
            "VERSION_MISSING",
            "A version must be present. Please specify a "
            "version by adding the LinkedIn-Version header.",
        )
    if not re.fullmatch(r"\d{6}", version.strip()):
        return error(426, "NONEXISTENT_VERSION", f"Requested version {version} is not active")
    if req.headers.get("X-Restli-Protocol-Version") != "2.0.0":
        return error(
            400,
            "ILLEGAL_ARGUMENT",
            "This fake speaks Rest.li 2.0 only: send X-Restli-Protocol-Version: 2.0.0",
        )
    return None


def throttled() -> Response:
    resp = error(
        429,
        "TOO_MANY_REQUESTS",
        "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
        serviceErrorCode=101,
    )
    resp.headers["Retry-After"] = "1"
    return resp


def server_error() -> Response:
    return error(500, "INTERNAL_SERVER_ERROR", "Internal Server Error")


# --- data -------------------------------------------------------------------


def _elements(root: Path, name: str) -> list[dict]:
    return list_field(read_json(root / "linkedin_ads" / name), "elements")


def _day(date: Any) -> tuple[int, int, int] | None:
    try:
        return (int(date["year"]), int(date["month"]), int(date["day"]))
    except (TypeError, KeyError, ValueError):
        return None


def analytics(root: Path) -> list[dict]:
    """One element per (campaign, day); a later monthly file restates a day."""
    latest: dict[tuple, dict] = {}
    for month in sorted_files(root / "linkedin_ads" / "ad_analytics", "*.json"):
        for pos, row in enumerate(list_field(read_json(month), "elements")):
            pivots = row.get("pivotValues") or [None]
            key = (pivots[0], _day((row.get("dateRange") or {}).get("start")))
            latest[key if None not in key else (str(month), pos)] = row
    return sorted(
        latest.values(),
        key=lambda r: (
            _day((r.get("dateRange") or {}).get("start")) or (0, 0, 0),
            str(r.get("pivotValues")),
        ),
    )


# --- paging over finder results ---------------------------------------------


def _cursor_page(req: Request, rows: list[dict], kind: str) -> Response:
    size = int_arg(req.arg("pageSize"), DEFAULT_PAGE_SIZE)
    if size is None:
        raise invalid("pageSize must be a positive integer")
    size = req.ctx.cap(min(size, MAX_PAGE_SIZE))
    start = 0
    if req.arg("pageToken"):
        start = decode_cursor(req.arg("pageToken"), kind)
        if start is None:
            raise invalid(f"Invalid pageToken {req.arg('pageToken')}")
    page = rows[start : start + size]
    metadata: dict[str, Any] = {}
    if start + len(page) < len(rows):
        metadata["nextPageToken"] = encode_cursor(kind, start + len(page))
    return json_response(
        200,
        {
            "paging": {"start": start, "count": size, "links": []},
            "elements": page,
            "metadata": metadata,
        },
        {"X-RestLi-Protocol-Version": "2.0.0"},
    )


def _require_search(req: Request) -> None:
    if req.arg("q") != "search":
        raise invalid("This finder needs q=search")


def search_accounts(req: Request, m: re.Match[str]) -> Response:
    _require_search(req)
    return _cursor_page(
        req,
        req.ctx.store.get("linkedin_ads/accounts", lambda root: _elements(root, "accounts.json")),
        "linkedin/accounts",
    )


def search_campaigns(req: Request, m: re.Match[str]) -> Response:
    _require_search(req)
    account = m["account"]
    campaigns = req.ctx.store.get(
        "linkedin_ads/campaigns", lambda root: _elements(root, "campaigns.json")
    )
    accounts = req.ctx.store.get(
        "linkedin_ads/accounts", lambda root: _elements(root, "accounts.json")
    )
    known = {str(a.get("id")) for a in accounts}
    known |= {str(c.get("account", "")).removeprefix(ACCOUNT_URN) for c in campaigns}
    if account not in known:
        raise ApiError(error(404, "NOT_FOUND", f"Not found: {ACCOUNT_URN}{account}"))
    rows = [c for c in campaigns if c.get("account") == f"{ACCOUNT_URN}{account}"]
    return _cursor_page(req, rows, f"linkedin/campaigns/{account}")


# --- GET /rest/adAnalytics?q=analytics --------------------------------------


def _restli_param(params: dict[str, str], name: str) -> Any:
    try:
        return restli.parse(params[name]) if name in params else None
    except restli.RestliError as exc:
        raise invalid(f"Invalid value for param '{name}': {exc}") from None


def _urn_list(params: dict[str, str], name: str) -> list[str] | None:
    value = _restli_param(params, name)
    if value is not None and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        raise invalid(f"Param '{name}' must be a Rest.li List(...) of URNs")
    return value


def ad_analytics(req: Request, m: re.Match[str]) -> Response:
    params = restli.raw_params(req.raw_query)
    plain = {k: unquote(v) for k, v in params.items()}
    if plain.get("q") != "analytics":
        raise invalid("The fake implements the q=analytics finder only")
    if plain.get("pivot") != "CAMPAIGN" or plain.get("timeGranularity") != "DAILY":
        raise invalid("The fake serves pivot=CAMPAIGN&timeGranularity=DAILY only")
    date_range = _restli_param(params, "dateRange")
    start = _day(date_range.get("start")) if isinstance(date_range, dict) else None
    if start is None:
        raise invalid("Param 'dateRange' needs start:(year:..,month:..,day:..)")
    end = _day(date_range.get("end")) if "end" in date_range else (9999, 12, 31)
    if end is None:
        raise invalid("Param 'dateRange' has a malformed end")
    accounts = _urn_list(params, "accounts")
    campaigns = _urn_list(params, "campaigns")
    if not accounts and not campaigns:
        raise invalid("At least one facet (accounts, campaigns) is required")
    wanted = set(campaigns or [])
    if accounts:
        all_campaigns = req.ctx.store.get(
            "linkedin_ads/campaigns", lambda root: _elements(root, "campaigns.json")
        )
        wanted |= {
            f"{CAMPAIGN_URN}{c.get('id')}"
            for c in all_campaigns
            if c.get("account") in set(accounts)
        }
    rows = [
        r
        for r in req.ctx.store.get("linkedin_ads/ad_analytics", analytics)
        if (r.get("pivotValues") or [None])[0] in wanted
        and start <= (_day((r.get("dateRange") or {}).get("start")) or (0, 0, 0)) <= end
    ]
    fields = plain.get("fields")
    names = [f for f in fields.split(",") if f] if fields else list(DEFAULT_ANALYTICS_FIELDS)
    elements = [{n: r[n] for n in names if n in r} for r in rows]
    # The analytics finder is not paged: everything comes back at once.
    return json_response(
        200,
        {"paging": {"start": 0, "count": len(elements), "links": []}, "elements": elements},
        {"X-RestLi-Protocol-Version": "2.0.0"},
    )


VENDOR = Vendor(
    name="linkedin_ads",
    routes=[
        ("GET", re.compile(r"^/rest/adAccounts/?$"), search_accounts),
        ("GET", re.compile(r"^/rest/adAccounts/(?P<account>\d+)/adCampaigns/?$"), search_campaigns),
        ("GET", re.compile(r"^/rest/adAnalytics/?$"), ad_analytics),
    ],
    authenticate=authenticate,
    throttled=throttled,
    server_error=server_error,
)
