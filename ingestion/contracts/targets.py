"""Contracts of the targets CSVs (docs/raw-tables.md, "Targets"): rep quotas, FX rates, and the
company's own inputs: marketing costs, sales costs and funnel (revenue and stage) targets."""

from __future__ import annotations

from ingestion.contracts.fields import (
    DATE,
    DECIMAL_STR,
    FUTURE_OK,
    NON_NEGATIVE,
    POSITIVE,
    Derived,
    Field,
    TableContract,
)
from ingestion.sqltext import json_path, lit

# The metrics a funnel target may name: revenue (money) and the canonical stage counts.
FUNNEL_METRICS = ("revenue", "visitors", "leads", "mqls", "sqls", "opportunities", "customers")
PERIOD_GRAINS = ("month", "quarter")


def _text(field: str) -> str:
    """The field's text, '' when absent or empty (optional key parts of a CSV row)."""
    return f"coalesce(json_extract_string(payload, {lit(json_path(field))}), '')"


def _line_key(*fields: str) -> Derived:
    """Key part made of optional columns (an empty cell is a value: 'the whole')."""
    return Derived("line_key", " || '|' || ".join(_text(f) for f in fields), empty_ok=True)


# Budgets and targets are set ahead: their months may lie in the future.
_MONTH = Field("month", required=True, rules=(DATE, FUTURE_OK))
_COST = Field("cost", required=True, rules=(DECIMAL_STR, NON_NEGATIVE))

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="targets__quotas",
        source="targets",
        group="targets",
        fields=(
            Field("owner_id", required=True),
            Field("owner_email"),
            # Quotas are set ahead: a period may lie in the future.
            Field("period_start", required=True, rules=(DATE, FUTURE_OK)),
            Field("period_end", required=True, rules=(DATE, FUTURE_OK)),
            Field("quota_amount", required=True, rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("currency", required=True),
        ),
        key=("owner_id", "period_start"),
        order="_file",
        description="Rep quotas per period.",
    ),
    TableContract(
        name="targets__fx_rates",
        source="targets",
        group="targets",
        fields=(
            Field("date", required=True, rules=(DATE,)),
            Field("currency", required=True),
            Field("rate_to_usd", required=True, rules=(DECIMAL_STR, POSITIVE)),
        ),
        key=("date", "currency"),
        order="_file",
        description="Daily FX rates to USD.",
    ),
    TableContract(
        name="targets__marketing_costs",
        source="targets",
        group="targets",
        fields=(
            _MONTH,
            Field("channel", required=True),
            Field("campaign"),
            _COST,
            Field("currency"),
            Field("description"),
        ),
        derived=(_line_key("campaign", "description"),),
        key=("month", "channel", "line_key"),
        order="_file",
        description="Marketing costs that are not ad spend, per month and channel.",
    ),
    TableContract(
        name="targets__sales_costs",
        source="targets",
        group="targets",
        fields=(
            _MONTH,
            Field("team"),
            _COST,
            Field("currency"),
            Field("description"),
        ),
        derived=(_line_key("team", "description"),),
        key=("month", "line_key"),
        order="_file",
        description="What the sales organisation costs, per month.",
    ),
    TableContract(
        name="targets__funnel_targets",
        source="targets",
        group="targets",
        fields=(
            Field("period_start", required=True, rules=(DATE, FUTURE_OK)),
            Field("period_grain", required=True, enum=PERIOD_GRAINS),
            Field("metric", required=True, enum=FUNNEL_METRICS),
            Field("segment"),
            Field("target", required=True, rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("currency"),
            # Optional team / rep goals: empty = not a team (rep) goal.
            Field("team"),
            Field("owner_email"),
        ),
        derived=(_line_key("segment", "team", "owner_email"),),
        key=("period_start", "period_grain", "metric", "line_key"),
        order="_file",
        description="Revenue and funnel-stage targets per month or quarter (per team/rep).",
    ),
)
