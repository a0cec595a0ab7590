"""Contracts of the LinkedIn Ads accounts, campaigns and daily analytics
(docs/raw-tables.md, "Ads").
"""

from __future__ import annotations

from ingestion.contracts.fields import DECIMAL_STR, NON_NEGATIVE, Derived, Field, TableContract

# Fields accepted from exports; the API reader (ingestion/api/linkedin_ads.py) does not ask
# for them (`pivot` is the finder's parameter, echoed by some exports).
EXPORT_ONLY = ("pivot",)

# The pivot values as text, when `pivotValues` is an array.
_URNS = (
    "CASE WHEN f IS NOT NULL AND json_type(payload, '$.pivotValues') = 'ARRAY' "
    "THEN from_json(payload->'$.pivotValues', '[\"VARCHAR\"]') ELSE [] END"
)
# The campaign of the row: its sponsoredCampaign urn (CAMPAIGN pivot, or the statistics
# finder with pivots CAMPAIGN and CREATIVE); NULL for a CREATIVE-only pivot.
_CAMPAIGN_URN = f"list_filter({_URNS}, u -> u LIKE 'urn:li:sponsoredCampaign:%')[1]"
# Every other pivot value is part of the grain: `creative=<id>` for a sponsoredCreative,
# `<snake_case urn type>=<id>` for any other urn, `pivot=<value>` for a plain value.
_URN_TYPE = "regexp_extract(u, '^urn:li:([A-Za-z]+):', 1)"
_URN_NAME = (
    f"CASE {_URN_TYPE} WHEN 'sponsoredCreative' THEN 'creative' "
    "WHEN 'sponsoredCampaignGroup' THEN 'campaign_group' "
    "WHEN 'sponsoredAccount' THEN 'account' "
    f"WHEN '' THEN 'pivot' ELSE lower(regexp_replace({_URN_TYPE}, '([A-Z])', '_\\1', 'g')) END"
)
_URN_VALUE = (
    f"CASE WHEN {_URN_TYPE} = '' THEN u ELSE regexp_extract(u, '^urn:li:[A-Za-z]+:(.*)$', 1) END"
)
_GRAIN = (
    "CASE WHEN f IS NOT NULL THEN array_to_string(list_sort(list_transform("
    f"list_filter({_URNS}, u -> u IS NOT NULL AND u NOT LIKE 'urn:li:sponsoredCampaign:%'), "
    f"u -> {_URN_NAME} || '=' || replace({_URN_VALUE}, '|', '/'))), '|') END"
)

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
            Field("dailyBudget.amount", rules=(DECIMAL_STR,)),
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
            Field("pivot", output=False),  # echoed by some exports; `pivot` is a SQL keyword
            Field("dateRange.start.year", "BIGINT", required=True),
            Field("dateRange.start.month", "BIGINT", required=True),
            Field("dateRange.start.day", "BIGINT", required=True),
            Field("dateRange.end.year", "BIGINT"),
            Field("dateRange.end.month", "BIGINT"),
            Field("dateRange.end.day", "BIGINT"),
            Field("impressions", "BIGINT"),
            Field("clicks", "BIGINT"),
            Field("costInLocalCurrency", rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("costInUsd", rules=(DECIMAL_STR, NON_NEGATIVE)),
        ),
        # Any subset of the metrics, but a row without a cost is meaningless.
        required_any=(("costInLocalCurrency", "costInUsd"),),
        key=(
            "pivot_value",
            "date_range__start__year",
            "date_range__start__month",
            "date_range__start__day",
            "grain",
        ),
        order="_file",
        flatten=("dateRange",),
        derived=(
            Derived("pivot_value", "nullif(payload->>'$.pivotValues[0]', '')"),
            Derived("campaign_urn", _CAMPAIGN_URN),
            Derived("grain", _GRAIN, empty_ok=True),
        ),
        extra={"date_parts": "date_range__start", "optional_date_parts": ("date_range__end",)},
        description="LinkedIn daily ad analytics: CAMPAIGN or CREATIVE pivots (or both).",
    ),
)
