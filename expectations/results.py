"""The gate's report types: what a suite run found, plain and serialisable.

`ValidationReport` (one suite on one table) holds one `ExpectationResult` per expectation.
The runner builds them, the history stores and rebuilds them, the HTML report, the audit
and the Dagster checks read them; this module imports nothing else of the gate.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from expectations.checks import BLOCKING


@dataclass(frozen=True)
class ExpectationResult:
    expectation_type: str
    description: str | None
    severity: str
    success: bool
    kwargs: dict[str, Any]
    observed_value: Any
    unexpected_count: int | None
    sample: list[dict[str, Any]]
    error: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    suite: str
    table: str
    success: bool
    results: list[ExpectationResult]
    row_count: int | None
    validated_at: dt.datetime = field(default_factory=lambda: _utcnow())

    @property
    def blocking_failures(self) -> list[ExpectationResult]:
        return [r for r in self.results if not r.success and r.severity == BLOCKING]

    @property
    def warnings(self) -> list[ExpectationResult]:
        return [r for r in self.results if not r.success and r.severity != BLOCKING]

    @property
    def publishable(self) -> bool:
        """No blocking expectation failed (warnings do not stop publication)."""
        return not self.blocking_failures

    def summary(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "table": self.table,
            "success": self.success,
            "publishable": self.publishable,
            "expectations": len(self.results),
            "failed": sum(not r.success for r in self.results),
            "blocking_failed": len(self.blocking_failures),
            "row_count": self.row_count,
        }

    def to_dict(self) -> dict[str, Any]:
        return jsonable(asdict(self))


def jsonable(value: Any) -> Any:
    """Plain JSON types: dates and timestamps as ISO text, decimals as text (exact cents)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
