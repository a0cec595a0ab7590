"""Contracts of the LinkedIn Ads accounts, campaigns and daily analytics
(docs/raw-tables.md, "Ads").
"""

from __future__ import annotations

from ingestion.contracts.fields import DECIMAL_STR, NON_NEGATIVE, Derived, Field, TableContract

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="linkedin_ads__accounts",
        source="linkedin_ads",
        group="ads",
        fields=(
            Field("id", "BIGINT", required=True),
            Field("name"),
            Field("currency", required=True),
            Field("status"),
        ),
        key=("id",),
        description="LinkedIn ad accounts.",
    ),
    TableContract(
        name="linkedin_ads__campaigns",
        source="linkedin_ads",
        group="ads",
        fields=(
            Field("id", "BIGINT", required=True),
            Field("name"),
            Field("account", required=True),
            Field("campaignGroup"),
            Field("status"),
            Field("costType"),
            Field("dailyBudget.amount"),
            Field("dailyBudget.currencyCode"),
        ),
        key=("id",),
        flatten=("dailyBudget",),
        description="LinkedIn campaigns.",
    ),
    TableContract(
        name="linkedin_ads__ad_analytics",
        source="linkedin_ads",
        group="ads",
        fields=(
            Field("pivotValues", "JSON", required=True, shape="ARRAY"),
            Field("dateRange.start.year", "BIGINT", required=True),
            Field("dateRange.start.month", "BIGINT", required=True),
            Field("dateRange.start.day", "BIGINT", required=True),
            Field("dateRange.end.year", "BIGINT"),
            Field("dateRange.end.month", "BIGINT"),
            Field("dateRange.end.day", "BIGINT"),
            Field("impressions", "BIGINT"),
            Field("clicks", "BIGINT"),
            Field("costInLocalCurrency", required=True, rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("costInUsd", rules=(DECIMAL_STR, NON_NEGATIVE)),
        ),
        key=(
            "pivot_value",
            "date_range__start__year",
            "date_range__start__month",
            "date_range__start__day",
        ),
        order="_file",
        flatten=("dateRange",),
        derived=(Derived("pivot_value", "payload->>'$.pivotValues[0]'"),),
        extra={"date_parts": "date_range__start"},
        description="LinkedIn daily campaign analytics.",
    ),
)
