"""Salesforce REST readers: one per object, `queryAll` SOQL, incremental by `SystemModstamp`.

Auth (docs/salesforce.md §3): a ready `SALESFORCE_ACCESS_TOKEN` with `SALESFORCE_INSTANCE_URL`,
or the OAuth 2.0 client-credentials flow (`SALESFORCE_CLIENT_ID` / `_CLIENT_SECRET`) at
`{login URL}/services/oauth2/token`, whose answer names the org's instance URL. A 401 (expired
session) fetches a new token once per object and repeats the request.

Per object: `GET .../sobjects/<Object>/describe` drops the contract fields the org lacks (a
custom field not created; an object the org does not have gives no records), then
`GET .../queryAll?q=SELECT <fields> FROM <Object> [WHERE <cursor> > <mark>] ORDER BY <cursor>`
(queryAll: deleted and merged-away records too), pages followed through `nextRecordsUrl`
until `done`. The cursor is `SystemModstamp` (`CreatedDate` for the field-history objects);
its high-water mark is kept in the resource state. Records lose Salesforce's `attributes`,
and their field names take the contract's spelling (matched case-insensitively), as the CSV
headers do. An `INVALID_FIELD` / `MALFORMED_QUERY` answer stops that object only (logged;
its mark stays); any other error fails the run. 429 and 5xx retry with the shared policy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime

from ingestion.api.client import MissingCredential, session
from ingestion.api.provider import Page
from ingestion.config import VendorConfig
from ingestion.contracts.salesforce import OBJECTS, cursor_field, table_name

log = logging.getLogger(__name__)

API_VERSION = "62.0"
STOP_OBJECT = {"INVALID_FIELD", "MALFORMED_QUERY"}


class SalesforceError(RuntimeError):
    pass


def _error_code(resp) -> str:
    try:
        body = resp.json()
    except ValueError:
        return ""
    first = body[0] if isinstance(body, list) and body else body
    if not isinstance(first, dict):
        return ""
    return str(first.get("errorCode") or first.get("error") or "")


class Org:
    """An authenticated connection to one org: token, instance URL, retrying HTTP session."""

    def __init__(self, vendor: VendorConfig):
        self.vendor, self.http = vendor, session(vendor)
        self.token = vendor.secrets.get("access_token")
        self.instance_url = (vendor.secrets.get("instance_url") or "").rstrip("/")
        self.refreshed = False
        if not (self.token and self.instance_url):
            self.new_token()

    def new_token(self) -> None:
        client_id = self.vendor.secrets.get("client_id")
        client_secret = self.vendor.secrets.get("client_secret")
        if not (client_id and client_secret):
            raise MissingCredential(
                "CLOSEDLOOP_SALESFORCE_MODE=api needs $SALESFORCE_CLIENT_ID and "
                "$SALESFORCE_CLIENT_SECRET (or $SALESFORCE_ACCESS_TOKEN with "
                "$SALESFORCE_INSTANCE_URL; a token that expires needs the client credentials)"
            )
        login = (self.vendor.secrets.get("login_url") or self.vendor.base_url).rstrip("/")
        resp = self.http.post(
            f"{login}/services/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": client_id,
                "client_secret": client_secret,
            },
        )
        if resp.status_code != 200:
            raise SalesforceError(
                f"Salesforce token request failed: HTTP {resp.status_code} {_error_code(resp)}"
            )
        body = resp.json()
        self.token = body["access_token"]
        self.instance_url = str(body.get("instance_url") or self.instance_url).rstrip("/")

    def get(self, path: str, params: dict | None = None):
        """GET `path` (relative to the instance URL); a 401 refreshes the token once."""
        url = path if path.startswith("http") else f"{self.instance_url}{path}"
        resp = self.http.get(url, params=params, headers=self._headers())
        if resp.status_code == 401 and not self.refreshed:
            self.refreshed = True
            log.info("Salesforce session expired (%s); fetching a new token", _error_code(resp))
            self.new_token()
            url = path if path.startswith("http") else f"{self.instance_url}{path}"
            resp = self.http.get(url, params=params, headers=self._headers())
        return resp

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}


def _instant(value) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def soql_instant(mark: str) -> str:
    """A SOQL dateTime literal at or before `mark` (whole seconds, UTC): `> it` misses nothing;
    a record of the mark's own second is read again and merged by Id."""
    return _instant(mark).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def available_fields(org: Org, base: str, obj: str) -> list[str] | None:
    """The contract fields of `obj` the org has (describe), None when it has no such object."""
    resp = org.get(f"{base}/sobjects/{obj}/describe")
    if resp.status_code == 404:
        log.warning("Salesforce %s: not in this org (%s); no records", obj, _error_code(resp))
        return None
    if resp.status_code != 200:
        raise SalesforceError(f"Salesforce describe {obj}: HTTP {resp.status_code}")
    names = {str(f.get("name", "")).casefold() for f in resp.json().get("fields") or []}
    lacking = [f for f in OBJECTS[obj] if f.casefold() not in names]
    if lacking:
        log.info("Salesforce %s: the org lacks %s (left out)", obj, ", ".join(lacking))
    return [f for f in OBJECTS[obj] if f.casefold() in names]


def _record(rec: dict, spelling: dict[str, str]) -> dict:
    return {spelling.get(k.casefold(), k): v for k, v in rec.items() if k != "attributes"}


def reader(obj: str):
    key, cursor = f"cursor:{obj}", cursor_field(obj)
    spelling = {f.casefold(): f for f in OBJECTS[obj]}

    def read(vendor: VendorConfig, state: dict, updates: dict) -> Iterator[Page]:
        org = Org(vendor)
        base = f"/services/data/v{vendor.api_version or API_VERSION}"
        fields = available_fields(org, base, obj)
        if not fields:
            return
        mark = state.get(key)
        soql = f"SELECT {', '.join(fields)} FROM {obj}"
        if mark:
            soql += f" WHERE {cursor} > {soql_instant(mark)}"
        soql += f" ORDER BY {cursor}"
        now, newest = datetime.now(UTC), _instant(mark)
        path, params = f"{base}/queryAll", {"q": soql}
        while path:
            resp = org.get(path, params)
            if resp.status_code == 400 and _error_code(resp) in STOP_OBJECT:
                log.error("Salesforce %s: %s; object skipped this run", obj, resp.text[:300])
                return
            if resp.status_code != 200:
                raise SalesforceError(
                    f"Salesforce {obj}: HTTP {resp.status_code} {_error_code(resp)}"
                )
            body = resp.json()
            records = [_record(r, spelling) for r in body.get("records") or []]
            for rec in records:
                when = _instant(rec.get(cursor))
                # A record dated in the future is quarantined; it must not move the mark.
                if when and when <= now and (newest is None or when > newest):
                    newest = when
            if records:
                yield Page(f"GET {resp.request.url}", "records", list(enumerate(records)))
            path = None if body.get("done", True) else body.get("nextRecordsUrl")
            params = None
        if newest:
            updates[key] = newest.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    return read


READERS = {table_name(obj): reader(obj) for obj in OBJECTS}
