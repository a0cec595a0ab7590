"""PII in the serving file: columns named like email/phone, or declared PII in the model's
yml (`meta: {pii: true}`, e.g. a contact's name), are dropped or salted-hashed.

Default (nothing set): dropped. An unsalted hash of an email address is reversible by
hashing a list of addresses, so hashing needs a secret salt:
- CLOSEDLOOP_PII_SALT=<secret>: such columns are published as sha256(salt || value),
  still joinable across tables, not readable;
- CLOSEDLOOP_PUBLISH_PII=1: raw values are published (only for a serving file that
  is itself access-controlled).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from expectations.publish.serving_types import cast_expression

Action = Literal["keep", "hash", "drop"]

# Whole words of a column name: email, e_mail, contact_email, phone, phone_number, mobile...
PII_NAME = re.compile(r"(^|_)(e_?mail|email_address|phone|phone_number|mobile|telephone)(_|$)")
# ... except ids, keys and domains *about* an email (email_event_id, email_domain).
NOT_PII_SUFFIXES = ("_id", "_key", "_domain")


@dataclass(frozen=True)
class PiiPolicy:
    publish_raw: bool = False
    salt: str | None = None

    @classmethod
    def from_env(cls) -> PiiPolicy:
        return cls(
            publish_raw=os.environ.get("CLOSEDLOOP_PUBLISH_PII") == "1",
            salt=os.environ.get("CLOSEDLOOP_PII_SALT") or None,
        )

    def action(self, column: str, declared: bool = False) -> Action:
        name = column.lower()
        named = PII_NAME.search(name) and not name.endswith(NOT_PII_SUFFIXES)
        if not (declared or named):
            return "keep"
        if self.publish_raw:
            return "keep"
        return "hash" if self.salt else "drop"


def plan(columns_by_table: Mapping[str, Sequence[str]], policy: PiiPolicy) -> dict:
    """table -> {column: action} for every column of every table."""
    return {t: {c: policy.action(c) for c in cols} for t, cols in columns_by_table.items()}


def select_list(
    columns: Sequence[str],
    policy: PiiPolicy,
    types: Mapping[str, str] | None = None,
    declared: Collection[str] = (),
) -> tuple[str, list[str]]:
    """The SELECT list for one table, and its parameters (the salt, never inlined in SQL).

    `types` (column -> DuckDB type) casts kept columns to the serving types
    (serving_types.py); `declared` names the columns the model's yml declares PII."""
    expressions, params = [], []
    for column in columns:
        quoted = '"' + column.replace('"', '""') + '"'
        action = policy.action(column, column in declared)
        if action == "keep":
            kind = (types or {}).get(column)
            expressions.append(quoted if kind is None else cast_expression(quoted, column, kind))
        elif action == "hash":
            # Case and blanks do not matter in emails: normalise so hashes still join.
            expressions.append(
                f"case when {quoted} is null then null"
                f" else sha256(? || lower(trim(cast({quoted} as varchar)))) end as {quoted}"
            )
            params.append(policy.salt)
    if not expressions:
        raise ValueError("every column would be dropped")
    return ", ".join(expressions), params
