"""Shared pieces of the mart and core-fact suites (not a suite: the leading underscore).

Every published table's suite has: its documented columns (extra columns allowed), its
key unique and not null, value ranges, accepted sets and a row-count drift check against
the last published run. The drift bound is configurable:

- CLOSEDLOOP_ROW_COUNT_MAX_DROP (default 0.5): fail when the table lost more than this
  fraction of the rows it had in the last publication;
- CLOSEDLOOP_ROW_COUNT_MAX_GROWTH (default unset = unbounded): fail when it grew more.

Suites are built when a validation starts, so a changed variable applies to the next run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.checks import BLOCKING, Severity, meta, row_count_drift, sql_check

MAX_DROP_ENV = "CLOSEDLOOP_ROW_COUNT_MAX_DROP"
MAX_GROWTH_ENV = "CLOSEDLOOP_ROW_COUNT_MAX_GROWTH"
DEFAULT_MAX_DROP = 0.5

# Canonical funnel stages (seed canonical_stages) in order, and the CRM side states
# (seed stage_mapping, is_side_state) a contact's current stage can also be.
FUNNEL_STAGES = ("visitor", "lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist")
SIDE_STATES = ("nurture", "recycled", "disqualified", "closed_lost", "churned")
ATTRIBUTION_MODELS = (
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position_based",
    "u_shaped",
    "w_shaped",
    "full_path",
    "data_driven",
)
PERIOD_GRAINS = ("month", "quarter")

# A timestamp more than this far ahead of the validation is "in the future" (clock skew).
FUTURE_SLACK = "interval 1 day"


def _fraction_env(name: str, default: float | None) -> float | None:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = float(raw)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {raw!r}")
    return value


def drift(severity: Severity = BLOCKING):
    """Row count vs the last published run, bounds from the environment (see module doc)."""
    max_drop = _fraction_env(MAX_DROP_ENV, DEFAULT_MAX_DROP)
    if max_drop is not None and max_drop > 1:
        raise ValueError(f"{MAX_DROP_ENV} is a fraction of rows (0-1), got {max_drop}")
    return row_count_drift(
        max_drop=max_drop, max_growth=_fraction_env(MAX_GROWTH_ENV, None), severity=severity
    )


def columns(names: Iterable[str]):
    """The documented columns exist (a model may add columns: extra ones pass)."""
    names = list(names)
    return gxe.ExpectTableColumnsToMatchSet(
        column_set=names,
        exact_match=False,
        meta=meta(f"documented columns present: {', '.join(names)}"),
    )


def key(*names: str) -> list:
    """The grain: each key column not null, the combination unique."""
    checks = [
        gxe.ExpectColumnValuesToNotBeNull(column=n, meta=meta(f"key column {n} not null"))
        for n in names
    ]
    if len(names) == 1:
        checks.append(
            gxe.ExpectColumnValuesToBeUnique(column=names[0], meta=meta(f"{names[0]} unique"))
        )
    else:
        checks.append(
            gxe.ExpectCompoundColumnsToBeUnique(
                column_list=list(names), meta=meta(f"one row per {', '.join(names)}")
            )
        )
    return checks


def not_null(*names: str) -> list:
    return [gxe.ExpectColumnValuesToNotBeNull(column=n, meta=meta(f"{n} not null")) for n in names]


def non_negative(*names: str, severity: Severity = BLOCKING) -> list:
    return [
        gxe.ExpectColumnValuesToBeBetween(
            column=n, min_value=0, meta=meta(f"{n} >= 0 (NULL allowed)", severity)
        )
        for n in names
    ]


def fraction(*names: str, severity: Severity = BLOCKING) -> list:
    """Rates stored as a fraction: in [0, 1] (NULL when the denominator is 0)."""
    return [
        gxe.ExpectColumnValuesToBeBetween(
            column=n, min_value=0, max_value=1, meta=meta(f"{n} is a fraction in [0, 1]", severity)
        )
        for n in names
    ]


def percent(*names: str, severity: Severity = BLOCKING) -> list:
    """Rates stored as a percentage (`*_pct`): in [0, 100]."""
    return [
        gxe.ExpectColumnValuesToBeBetween(
            column=n, min_value=0, max_value=100, meta=meta(f"{n} is a % in [0, 100]", severity)
        )
        for n in names
    ]


def accepted(name: str, values: Sequence, severity: Severity = BLOCKING):
    return gxe.ExpectColumnValuesToBeInSet(
        column=name,
        value_set=list(values),
        meta=meta(f"{name} in {{{', '.join(map(str, values))}}}", severity),
    )


def not_in_future(names: Sequence[str], key_columns: Sequence[str], severity=BLOCKING):
    """No timestamp/date after now (UTC) plus a day of slack; the rows that are come back."""
    now = f"(cast(now() at time zone 'UTC' as timestamp) + {FUTURE_SLACK})"
    condition = " or ".join(f"cast({n} as timestamp) > {now}" for n in names)
    return sql_check(
        f"select {', '.join([*key_columns, *names])} from {{batch}} where {condition}",
        f"{', '.join(names)} not in the future",
        severity,
    )


def suite(name: str, *parts) -> gx.ExpectationSuite:
    """A suite from expectations and lists of expectations, flattened in order."""
    expectations = []
    for part in parts:
        expectations.extend(part if isinstance(part, list) else [part])
    return gx.ExpectationSuite(name=name, expectations=expectations)


def period_mart(
    name: str,
    key_columns: Sequence[str],
    *,
    required: Sequence[str] = (),
    fractions: Sequence[str] = (),
    percents: Sequence[str] = (),
    non_negatives: Sequence[str] = (),
    extra: Sequence = (),
) -> gx.ExpectationSuite:
    """The usual metric-mart suite: columns, key, ranges, period grain, drift."""
    cols = list(dict.fromkeys([*key_columns, *required, *fractions, *percents, *non_negatives]))
    parts: list = [columns(cols), key(*key_columns)]
    if "period_grain" in key_columns:
        parts.append(accepted("period_grain", PERIOD_GRAINS))
    parts += [fraction(*fractions), percent(*percents), non_negative(*non_negatives)]
    parts += list(extra)
    parts.append(drift())
    return suite(name, *parts)
