"""The time window every timestamp and date of a record must fall in, as validator SQL.

docs/real-inputs.md §1: a time field (rule ISO_TS, DATE or EPOCH_TS, and the LinkedIn
`dateRange` parts) must be finite, not before CLOSEDLOOP_TIMESTAMP_MIN and not after the
load time plus CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS (closedloop/settings.py). A field with
rule FUTURE_OK (a planned time: an expected close date, a scheduled send) has no future
bound. Outside the window the record is quarantined (the smallest unit that holds the
value, required field or optional one):

- `invalid_value: <field>=<value> is not a finite timestamp` (`infinity`, `-infinity`,
  `NaN`, `inf`, in any case) — DuckDB would read `infinity` as a valid timestamp;
- `invalid_value: <field>=<value> is not an ISO-8601 timestamp` / `is not a date`;
- `invalid_value: <field>=<value> is before <min> (CLOSEDLOOP_TIMESTAMP_MIN)`;
- `future_timestamp: <field>=<value> is after the load time + <n> day(s)` (the kind the
  demo's truth and docs/raw-tables.md already name for "after the load").

Each ISO/DATE field is parsed once per record into `w{i}` (see `window_value`), which the
conditions share. An optional field sent as `''` is absent, as staging reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from closedloop.settings import TIMESTAMP_MAX_FUTURE_DAYS_ENV, TIMESTAMP_MIN_ENV, Settings
from ingestion.contracts import DATE, EPOCH_TS, FUTURE_OK, ISO_TS, Field, TableContract
from ingestion.sqltext import lit

SCALARS = "('VARCHAR','BIGINT','UBIGINT','DOUBLE','BOOLEAN')"
NON_FINITE = "('nan', '+nan', '-nan', 'infinity', '+infinity', '-infinity', 'inf', '+inf', '-inf')"


@dataclass(frozen=True)
class TimeWindow:
    earliest: date = date(1990, 1, 1)
    future_days: int = 1

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> TimeWindow:
        settings = settings or Settings.from_env()
        return cls(settings.timestamp_min, settings.timestamp_max_future_days)

    @property
    def earliest_epoch(self) -> int:
        return int(datetime(*self.earliest.timetuple()[:3], tzinfo=UTC).timestamp())

    def latest(self, load_ts: str) -> str:
        """SQL: the latest TIMESTAMPTZ accepted, `load_ts` plus the future days."""
        return f"(TIMESTAMPTZ {lit(load_ts)} + INTERVAL {int(self.future_days)} DAY)"

    def before(self) -> str:
        return f"' is before {self.earliest.isoformat()} ({TIMESTAMP_MIN_ENV})'"

    def after(self) -> str:
        days = f"{self.future_days} day" + ("" if self.future_days == 1 else "s")
        return f"' is after the load time + {days} ({TIMESTAMP_MAX_FUTURE_DAYS_ENV})'"


def _kind(f: Field) -> str | None:
    return next((r for r in f.rules if r in (ISO_TS, DATE)), None)


def window_value(f: Field, i: int) -> str | None:
    """SQL of `w{i}`: the field parsed as TIMESTAMPTZ (ISO_TS) or DATE, else None."""
    kind = _kind(f)
    if kind is None:
        return None
    cast = "TIMESTAMPTZ" if kind == ISO_TS else "DATE"
    return f"TRY_CAST(CASE WHEN j{i} IN {SCALARS} THEN nullif(t{i}, '') END AS {cast})"


def format_checks(f: Field, i: int, window: TimeWindow) -> list[tuple[str, str]]:
    """(condition, reason) of a time field: finite, parseable, not before the window."""
    shown = f"'invalid_value: {f.path}=' || left(t{i}, 80)"
    if EPOCH_TS in f.rules:
        return [(f"v{i} < {window.earliest_epoch}", f"{shown} || {window.before()}")]
    kind = _kind(f)
    if kind is None:
        return []
    what = "timestamp" if kind == ISO_TS else "date"
    present = f"v{i} IS NOT NULL" + ("" if f.required else f" AND v{i} <> ''")
    parse_why = "an ISO-8601 timestamp" if kind == ISO_TS else "a date (YYYY-MM-DD)"
    low = f"TIMESTAMPTZ {lit(window.earliest.isoformat() + ' 00:00:00+00')}"
    if kind == DATE:
        low = f"DATE {lit(window.earliest.isoformat())}"
    return [
        (
            f"NOT isfinite(w{i}) OR (w{i} IS NULL AND lower(trim(v{i})) IN {NON_FINITE})",
            f"{shown} || ' is not a finite {what}'",
        ),
        (f"{present} AND w{i} IS NULL", f"{shown} || ' is not {parse_why}'"),
        (f"w{i} < {low}", f"{shown} || {window.before()}"),
    ]


def _date_parts(contract: TableContract) -> list[tuple[str, bool]]:
    """(raw column prefix, required) of the dates sent as year / month / day parts."""
    required = contract.extra.get("date_parts")
    optional = contract.extra.get("optional_date_parts", ())
    return ([(required, True)] if required else []) + [(p, False) for p in optional]


def _made(parts: str) -> str:
    ymd = ", ".join(f"TRY_CAST({parts}__{p} AS BIGINT)" for p in ("year", "month", "day"))
    return f"try(make_date({ymd}))"


def parts_checks(contract: TableContract, window: TimeWindow) -> list[tuple[str, str]]:
    """Dates sent as parts (`<prefix>__year`, `__month`, `__day`): a date, not before the window.

    A required date (`extra["date_parts"]`) must be there; an optional one
    (`extra["optional_date_parts"]`) is checked when any of its parts is.
    """
    low = f"DATE {lit(window.earliest.isoformat())}"
    out = []
    for parts, required in _date_parts(contract):
        made = _made(parts)
        sent = " OR ".join(f"{parts}__{p} IS NOT NULL" for p in ("year", "month", "day"))
        bad = f"{made} IS NULL" if required else f"({sent}) AND {made} IS NULL"
        out.append((bad, f"'invalid_value: {parts} is not a date'"))
        out.append(
            (
                f"{made} < {low}",
                f"'invalid_value: {parts}=' || {made}::VARCHAR || {window.before()}",
            )
        )
    return out


def future_checks(
    contract: TableContract, idx: dict[str, int], load_ts: str, window: TimeWindow
) -> list[tuple[str, str]]:
    """`future_timestamp` conditions: a time after the load time plus the future days."""
    latest = window.latest(load_ts)
    out = []
    for f in contract.fields:
        if FUTURE_OK in f.rules:
            continue
        i = idx[f.path]
        if EPOCH_TS in f.rules:
            cond = f"try(to_timestamp(v{i})) > {latest}"
        elif _kind(f) == ISO_TS:
            cond = f"w{i} > {latest}"
        elif _kind(f) == DATE:
            cond = f"w{i} > CAST({latest} AS DATE)"
        else:
            continue
        out.append((cond, f"'future_timestamp: {f.path}=' || t{i} || {window.after()}"))
    for parts, _ in _date_parts(contract):
        made = _made(parts)
        out.append(
            (
                f"{made} > CAST({latest} AS DATE)",
                f"'future_timestamp: {parts}=' || {made}::VARCHAR || {window.after()}",
            )
        )
    return out
