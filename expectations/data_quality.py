"""What the models handled instead of failing, for the reports (docs/resilience.md §1).

Reads `metrics.mart_data_quality` (one row per check, source and object; 0 affected rows
when nothing was odd) and returns the checks that found something, so the HTML quality
report and `make run`'s summary show each oddity: which check, how many records, their
amount and a few original ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

MART = "metrics.mart_data_quality"


@dataclass(frozen=True)
class Oddity:
    check_name: str
    source: str
    object: str
    affected_rows: int
    affected_amount_usd: float | None
    example_ids: str | None
    severity: str

    def text(self) -> str:
        amount = (
            f", ${self.affected_amount_usd:,.2f}" if self.affected_amount_usd is not None else ""
        )
        ids = f" (e.g. {self.example_ids})" if self.example_ids else ""
        return (
            f"{self.check_name} [{self.severity}] {self.source} {self.object}:"
            f" {self.affected_rows:,} record(s){amount}{ids}"
        )


def handled_oddities(connection: duckdb.DuckDBPyConnection) -> list[Oddity]:
    """The data-quality mart's rows with affected records; [] when the mart is not built."""
    try:
        rows = connection.execute(
            f"""
            select check_name, source, object, affected_rows, affected_amount_usd,
                   example_ids, severity
            from {MART}
            where affected_rows > 0
            order by severity desc, check_name, source, object
            """
        ).fetchall()
    except duckdb.CatalogException:
        return []
    return [
        Oddity(c, s, o, int(n), None if a is None else float(a), ids, sev)
        for c, s, o, n, a, ids, sev in rows
    ]
