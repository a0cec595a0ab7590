"""Salesforce REST: OAuth client-credentials token, sobject describe, queryAll with paging.

The org is the landing folder's `salesforce/<Object>/*.csv` and `salesforce/<Object>.csv`
(Bulk API 2.0 or Data Loader extracts): per Id the row with the newest `SystemModstamp`
(`CreatedDate` for objects without it); an object's fields are the columns of its files (a
Data Loader upper-case header takes a mixed-case spelling when some file has one). Values
are served as the REST API types them: `true`/`false` booleans, numbers, null for ''.

Supported SOQL: `SELECT f, ... FROM Object [WHERE Field > <dateTime>] [ORDER BY Field]`.
`state(api)` gives tests the issued tokens, the SOQL received and `expire_after` (after that
many answered data requests every issued token expires once: the next request gets 401).
"""

from __future__ import annotations

import csv
import io
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs

from . import auth
from .protocol import ApiError, Request, Response, Vendor, json_response

KEY = "salesforce/state"
QUERY_PAGE = 2000
NUMBERS = {"Amount", "Probability", "ExpectedRevenue", "ActualCost", "BudgetedCost"}
NUMBERS |= {"ConversionRate", "NumberOfEmployees", "CallDurationInSeconds"}
NUMBERS |= {"DurationInMinutes", "DecimalPlaces"}
BOOLEAN = re.compile(r"(Is|Has)[A-Z]\w*")
SOQL = re.compile(
    r"SELECT\s+(?P<fields>\w+(?:\s*,\s*\w+)*)\s+FROM\s+(?P<obj>\w+)"
    r"(?:\s+WHERE\s+(?P<wf>\w+)\s*>\s*(?P<wv>\S+))?(?:\s+ORDER\s+BY\s+(?P<of>\w+))?\s*",
    re.IGNORECASE,
)
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)")
VERSION = r"/services/data/v(?P<ver>\d+\.\d)"
NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass
class State:
    valid: set[str] = field(default_factory=set)
    issued: list[str] = field(default_factory=list)
    soql: list[str] = field(default_factory=list)
    expire_after: int | None = None
    answered: int = 0
    results: dict[str, tuple[str, list[dict]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def state(api) -> State:
    """The fake's Salesforce state behind a running `serve()` handle."""
    return api._server.ctx.store.get(KEY, lambda root: State())


def _state(req: Request) -> State:
    return req.ctx.store.get(KEY, lambda root: State())


def error(status: int, code: str, message: str) -> Response:
    return json_response(status, [{"message": message, "errorCode": code}])


def authenticate(req: Request) -> Response | None:
    if req.path == "/services/oauth2/token":
        return None
    if req.bearer() not in _state(req).valid:
        return error(401, "INVALID_SESSION_ID", "Session expired or invalid")
    return None


def throttled() -> Response:
    resp = error(429, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
    resp.headers["Retry-After"] = "1"
    return resp


def server_error() -> Response:
    return error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable")


def token(req: Request, m: re.Match[str]) -> Response:
    form = {k: v[0] for k, v in parse_qs(req.body.decode()).items()}
    t = req.ctx.tokens
    if (
        form.get("grant_type") != "client_credentials"
        or not auth.matches(form.get("client_id"), t["salesforce_client_id"])
        or not auth.matches(form.get("client_secret"), t["salesforce_client_secret"])
    ):
        return json_response(
            400, {"error": "invalid_client", "error_description": "invalid client credentials"}
        )
    st = _state(req)
    with st.lock:
        issued = f"00Dfake!sf-access-{len(st.issued) + 1}"
        st.issued.append(issued)
        st.valid.add(issued)
    return json_response(
        200,
        {
            "access_token": issued,
            "instance_url": req.ctx.base_url,
            "token_type": "Bearer",
            "issued_at": str(int(time.time() * 1000)),
        },
    )


def _instant(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat((value or "").replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


def _files(root: Path, obj: str) -> list[Path]:
    folder = root / "salesforce"
    return sorted((folder / obj).glob("*.csv")) + sorted(folder.glob(f"{obj}.csv"))


def org_object(root: Path, obj: str) -> tuple[list[str], list[dict]] | None:
    """(field names, current records) of `obj`, None when the org has no such object."""
    files = _files(root, obj)
    if not files:
        return None
    spelling: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    for path in files:
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
        for name in reader.fieldnames or []:
            if name.casefold() not in spelling or spelling[name.casefold()].isupper():
                spelling[name.casefold()] = name
        rows += [{k.casefold(): v for k, v in row.items()} for row in reader]
    names = list(spelling.values())
    stamp = "systemmodstamp" if "systemmodstamp" in spelling else "createddate"
    newest: dict[str, dict] = {}
    for row in rows:
        if not row.get("id"):
            continue
        seen = newest.get(row["id"])
        when = _instant(row.get(stamp)) or NEVER
        if seen is None or when > (_instant(seen.get(stamp)) or NEVER):
            newest[row["id"]] = row
    return names, [{spelling[k]: v for k, v in r.items() if k in spelling} for r in newest.values()]


def _served(name: str, text: str | None):
    if text is None or text == "":
        return None
    if BOOLEAN.fullmatch(name) and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if name in NUMBERS:
        try:
            return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        except ValueError:
            return text
    return text


def _object(req: Request, obj: str) -> tuple[list[str], list[dict]]:
    found = req.ctx.store.get(f"salesforce/{obj}", lambda root: org_object(root, obj))
    if found is None:
        raise ApiError(error(404, "NOT_FOUND", f"The requested resource does not exist: {obj}"))
    return found


def _answered(req: Request) -> None:
    st = _state(req)
    with st.lock:
        st.answered += 1
        if st.expire_after is not None and st.answered == st.expire_after:
            st.valid.clear()


def describe(req: Request, m: re.Match[str]) -> Response:
    names, _ = _object(req, m["obj"])
    _answered(req)
    fields = [{"name": n, "type": "boolean" if BOOLEAN.fullmatch(n) else "string"} for n in names]
    return json_response(200, {"name": m["obj"], "queryable": True, "fields": fields})


def _page(req: Request, ver: str, locator: str, offset: int) -> Response:
    st = _state(req)
    records = st.results[locator][1]
    size = req.ctx.cap(QUERY_PAGE)
    page = records[offset : offset + size]
    body: dict = {"totalSize": len(records), "done": offset + size >= len(records)}
    if not body["done"]:
        body["nextRecordsUrl"] = f"/services/data/v{ver}/query/{locator}-{offset + size}"
    body["records"] = page
    _answered(req)
    return json_response(200, body)


def query_all(req: Request, m: re.Match[str]) -> Response:
    soql = req.arg("q") or ""
    parsed = SOQL.fullmatch(soql.strip())
    if not parsed or (parsed["wv"] and not DATETIME.fullmatch(parsed["wv"])):
        raise ApiError(error(400, "MALFORMED_QUERY", f"unexpected token in: {soql[:200]}"))
    obj = parsed["obj"]
    try:
        names, rows = _object(req, obj)
    except ApiError:
        unknown = error(400, "INVALID_TYPE", f"sObject type '{obj}' is not supported")
        raise ApiError(unknown) from None
    known = {n.casefold(): n for n in names}
    wanted = [known.get(f.strip().casefold(), f.strip()) for f in parsed["fields"].split(",")]
    for name in [*wanted, parsed["wf"], parsed["of"]]:
        if name and name.casefold() not in known:
            raise ApiError(error(400, "INVALID_FIELD", f"No such column '{name}' on {obj}"))
    if parsed["wf"]:
        bound, wf = _instant(parsed["wv"]), known[parsed["wf"].casefold()]
        rows = [r for r in rows if (_instant(r.get(wf)) or bound) > bound]
    if parsed["of"]:
        of = known[parsed["of"].casefold()]
        rows = sorted(rows, key=lambda r: (_instant(r.get(of)) or NEVER, r[known["id"]]))
    ver, idf = m["ver"], known["id"]
    records = [
        {
            "attributes": {"type": obj, "url": f"/services/data/v{ver}/sobjects/{obj}/{r[idf]}"},
            **{f: _served(f, r.get(f)) for f in wanted},
        }
        for r in rows
    ]
    st = _state(req)
    with st.lock:
        st.soql.append(soql)
        locator = f"01gFAKE{len(st.results):011d}"
        st.results[locator] = (obj, records)
    return _page(req, ver, locator, 0)


def query_more(req: Request, m: re.Match[str]) -> Response:
    if m["locator"] not in _state(req).results:
        raise ApiError(error(400, "INVALID_QUERY_LOCATOR", "invalid query locator"))
    return _page(req, m["ver"], m["locator"], int(m["offset"]))


VENDOR = Vendor(
    name="salesforce",
    routes=[
        ("POST", re.compile(r"^/services/oauth2/token$"), token),
        ("GET", re.compile(rf"^{VERSION}/sobjects/(?P<obj>\w+)/describe/?$"), describe),
        ("GET", re.compile(rf"^{VERSION}/queryAll/?$"), query_all),
        ("GET", re.compile(rf"^{VERSION}/query/(?P<locator>\w+)-(?P<offset>\d+)$"), query_more),
    ],
    authenticate=authenticate,
    throttled=throttled,
    server_error=server_error,
)
