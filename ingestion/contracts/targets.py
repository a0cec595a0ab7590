"""Contracts of the sales targets CSVs: rep quotas and FX rates (docs/raw-tables.md, "Targets")."""

from __future__ import annotations

from ingestion.contracts.fields import (
    DATE,
    DECIMAL_STR,
    FUTURE_OK,
    NON_NEGATIVE,
    POSITIVE,
    Field,
    TableContract,
)

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
)
