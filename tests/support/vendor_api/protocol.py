"""The request/response types shared by the vendor modules, and opaque cursors."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qs, urlencode

from .landing import LandingStore


@dataclass
class Context:
    store: LandingStore
    tokens: dict[str, str]
    base_url: str
    # Caps every vendor's page size so that tests page through tiny data sets.
    page_size: int | None = None

    def cap(self, size: int) -> int:
        return min(size, self.page_size) if self.page_size else size


@dataclass
class Request:
    method: str
    path: str
    raw_query: str
    headers: Message
    body: bytes
    ctx: Context
    query: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.query = parse_qs(self.raw_query, keep_blank_values=True)

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def list_arg(self, name: str) -> list[str] | None:
        """Accepts both `a,b` and repeated `x=a&x=b`, as the vendors do."""
        if name not in self.query:
            return None
        return [p.strip() for v in self.query[name] for p in v.split(",") if p.strip()]

    def bearer(self) -> str | None:
        auth = self.headers.get("Authorization") or ""
        scheme, _, token = auth.partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None

    def link(self, replace: dict[str, str], drop: tuple[str, ...] = ()) -> str:
        """This request's absolute URL with some query parameters replaced."""
        params = [(k, v) for k, vs in self.query.items() for v in vs]
        params = [(k, v) for k, v in params if k not in replace and k not in drop]
        params += list(replace.items())
        return f"{self.ctx.base_url}{self.path}?{urlencode(params)}"


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(status, body, {"Content-Type": "application/json", **(headers or {})})


Handler = Callable[["Request", re.Match[str]], Response]


@dataclass(frozen=True)
class Vendor:
    """One vendor's routes and the error answers its clients must cope with."""

    name: str
    routes: list[tuple[str, re.Pattern[str], Handler]]
    authenticate: Callable[[Request], Response | None]
    throttled: Callable[[], Response]
    server_error: Callable[[], Response]


class ApiError(Exception):
    """Raised by a handler to answer with a vendor-shaped error body."""

    def __init__(self, response: Response):
        super().__init__(response.status)
        self.response = response


def encode_cursor(kind: str, offset: int, bound_to: str = "") -> str:
    # Opaque on purpose: a client that computes cursors instead of echoing them
    # would break against the real vendors, so it must break here too.
    raw = json.dumps([kind, offset, bound_to]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, kind: str, bound_to: str = "") -> int | None:
    """The offset in `token`, or None when it is not a cursor this server issued."""
    try:
        padded = token + "=" * (-len(token) % 4)
        got_kind, offset, got_bound = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError):
        return None
    if got_kind != kind or got_bound != bound_to or not isinstance(offset, int) or offset < 0:
        return None
    return offset


def int_arg(value: str | None, default: int) -> int | None:
    """`value` as a positive int, `default` when absent, None when malformed."""
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number > 0 else None
