"""Contract of the Meta Ads daily campaign insights (docs/raw-tables.md, "Ads")."""

from __future__ import annotations

from ingestion.contracts.fields import (
    DATE,
    DECIMAL_STR,
    INT_STR,
    NON_NEGATIVE,
    Field,
    TableContract,
)

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="meta_ads__insights",
        source="meta_ads",
        group="ads",
        fields=(
            Field("account_id", required=True),
            Field("account_currency", required=True),
            Field("campaign_id", required=True),
            Field("campaign_name"),
            Field("date_start", required=True, rules=(DATE,)),
            Field("date_stop"),
            Field("impressions", rules=(INT_STR,)),
            Field("clicks", rules=(INT_STR,)),
            Field("spend", required=True, rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("actions", "JSON", shape="ARRAY"),
        ),
        key=("account_id", "campaign_id", "date_start"),
        order="_file",
        description="Meta daily campaign insights.",
    ),
)
