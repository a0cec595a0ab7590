"""The persona rule of the seed dbt_project/seeds/persona_mapping.csv, in Python: the truth's
`persona` column is computed from the same file, so truth = seed rule (docs/playbook.md §2).

Rows are tried by ascending `priority`; the first whose `title_pattern` (case-insensitive
regular expression, searched anywhere in the title; empty = any), `seniority` and
`department` (exact, case-insensitive; empty = any) all match names the persona. No match:
`(unknown)`.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "persona_mapping.csv"
UNKNOWN = "(unknown)"


@cache
def rules(path: str = str(SEED)) -> tuple[tuple[re.Pattern | None, str, str, str], ...]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["priority"]))
    return tuple(
        (
            re.compile(r["title_pattern"], re.IGNORECASE) if r["title_pattern"] else None,
            r["seniority"].strip().lower(),
            r["department"].strip().lower(),
            r["persona"].strip(),
        )
        for r in rows
    )


def persona(title: str | None, seniority: str | None, department: str | None) -> str:
    title, sen, dept = title or "", (seniority or "").lower(), (department or "").lower()
    for pattern, r_sen, r_dept, name in rules():
        if pattern is not None and not pattern.search(title):
            continue
        if r_sen and r_sen != sen:
            continue
        if r_dept and r_dept != dept:
            continue
        return name
    return UNKNOWN
