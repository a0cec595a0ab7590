"""Contract of the Meta Ads daily insights at any level (docs/raw-tables.md, "Ads").

Rows are Insights API rows (`GET /act_<id>/insights`, `time_increment=1`) at
`level=account|campaign|adset|ad`, with or without `breakdowns`; each breakdown arrives as
a column of the same name.
"""

from __future__ import annotations

from ingestion.contracts.ads_grain import first_match, grain, text_at
from ingestion.contracts.fields import (
    DATE,
    DECIMAL_STR,
    INT_STR,
    NON_NEGATIVE,
    Derived,
    Field,
    TableContract,
)

# Insights breakdowns (Marketing API "Insights API Breakdowns"); each one present in a row
# is part of its grain. Asset breakdowns arrive as objects and count by their JSON text.
BREAKDOWNS = (
    "age",
    "gender",
    "country",
    "region",
    "dma",
    "device_platform",
    "publisher_platform",
    "platform_position",
    "impression_device",
    "product_id",
    "frequency_value",
    "hourly_stats_aggregated_by_advertiser_time_zone",
    "hourly_stats_aggregated_by_audience_time_zone",
    "place_page_id",
    "user_segment_key",
    "app_id",
    "ad_format_asset",
    "body_asset",
    "call_to_action_asset",
    "description_asset",
    "image_asset",
    "link_url_asset",
    "title_asset",
    "video_asset",
)
# Breakdowns kept as their own raw columns (the rest stay in the record's undeclared fields).
COLUMN_BREAKDOWNS = BREAKDOWNS[:10]

# Fields accepted from exports; the API reader (ingestion/api/meta_ads.py) does not ask for
# them: its request stays level=campaign without breakdowns.
EXPORT_ONLY = (
    "account_name",
    "adset_id",
    "adset_name",
    "ad_id",
    "ad_name",
    "action_values",
    *COLUMN_BREAKDOWNS,
)

_ACCOUNT = "coalesce({}, {})".format(
    text_at("account_id"),
    first_match(
        ("_file", "^meta_ads/insights/(?:act_)?([0-9]+)/"),
        ("_file", "/act_([0-9]+)/insights"),
    ),
)

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="meta_ads__insights",
        source="meta_ads",
        group="ads",
        fields=(
            Field("account_id", output=False),  # raw column derived below
            Field("account_name"),
            Field("account_currency"),
            Field("campaign_id", output=False),  # raw column derived below
            Field("campaign_name"),
            Field("adset_id"),
            Field("adset_name"),
            Field("ad_id"),
            Field("ad_name"),
            Field("date_start", required=True, rules=(DATE,)),
            Field("date_stop", rules=(DATE,)),
            *(Field(b) for b in COLUMN_BREAKDOWNS),
            Field("impressions", rules=(INT_STR,)),
            Field("clicks", rules=(INT_STR,)),
            Field("spend", required=True, rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("actions", "JSON", shape="ARRAY"),
            Field("action_values", "JSON", shape="ARRAY"),
        ),
        key=("account_id", "campaign_id", "date_start", "grain"),
        order="_file",
        derived=(
            Derived("account_id", _ACCOUNT),
            # No campaign_id: an account-level row, campaign ''.
            Derived("campaign_id", f"coalesce({text_at('campaign_id')}, '')", empty_ok=True),
            Derived(
                "grain",
                grain(
                    [("adset", text_at("adset_id")), ("ad", text_at("ad_id"))]
                    + [(b, text_at(b)) for b in BREAKDOWNS]
                ),
                empty_ok=True,
            ),
        ),
        description="Meta daily insights at account, campaign, ad set or ad level.",
    ),
)
