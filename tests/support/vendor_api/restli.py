"""Rest.li 2.0 query values: `(k:v,k2:(..))` objects, `List(a,b)` lists, encoded leaves.

Parsed from the raw (still percent-encoded) query string, as LinkedIn does: the
structural characters `( ) , :` must be literal and the values inside them
encoded, so a client that encodes the parentheses (a plain `urlencode` of the
parameters) gets a 400 here just as it would at LinkedIn.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote


class RestliError(ValueError):
    pass


def raw_params(raw_query: str) -> dict[str, str]:
    """Query parameters with names decoded and values left encoded."""
    params: dict[str, str] = {}
    for part in raw_query.split("&"):
        if part:
            name, _, value = part.partition("=")
            params.setdefault(unquote(name), value)
    return params


def parse(text: str) -> Any:
    parser = _Parser(text)
    value = parser.value()
    if parser.pos != len(text):
        raise RestliError(f"unexpected {text[parser.pos :]!r} in {text!r}")
    return value


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise RestliError(f"expected {char!r} at {self.pos} in {self.text!r}")
        self.pos += 1

    def value(self) -> Any:
        if self.text.startswith("List(", self.pos):
            self.pos += len("List(")
            return self._sequence(lambda: self.value(), ")")
        if self._peek() == "(":
            self.pos += 1
            pairs = self._sequence(self._pair, ")")
            return dict(pairs)
        return self._leaf(",():")

    def _pair(self) -> tuple[str, Any]:
        key = self._leaf(",():")
        self._expect(":")
        return key, self.value()

    def _sequence(self, item, close: str) -> list:
        items: list = []
        if self._peek() == close:
            self.pos += 1
            return items
        while True:
            items.append(item())
            if self._peek() == ",":
                self.pos += 1
                continue
            self._expect(close)
            return items

    def _leaf(self, stops: str) -> str:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in stops:
            self.pos += 1
        if self.pos == start:
            raise RestliError(f"empty value at {start} in {self.text!r}")
        return unquote(self.text[start : self.pos])
