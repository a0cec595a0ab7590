"""A bare urllib client, so the tests exercise real HTTP without extra libraries."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def call(
    method: str, url: str, *, headers: dict[str, str] | None = None, json_body: Any = None
) -> Reply:
    data = None if json_body is None else json.dumps(json_body).encode()
    all_headers = {**(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, dict(exc.headers), exc.read())


def get(url: str, headers: dict[str, str] | None = None) -> Reply:
    return call("GET", url, headers=headers)


def post(url: str, body: Any, headers: dict[str, str] | None = None) -> Reply:
    return call("POST", url, headers=headers, json_body=body)
