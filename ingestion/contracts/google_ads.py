"""Contract of the Google Ads daily campaign report (docs/raw-tables.md, "Ads")."""

from __future__ import annotations

from ingestion.contracts.fields import DATE, INT_STR, NON_NEGATIVE, Field, TableContract

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="google_ads__campaign_report",
        source="google_ads",
        group="ads",
        fields=(
            Field("customer.resourceName"),
            Field("customer.id", required=True),
            Field("customer.currencyCode", required=True),
            Field("campaign.resourceName"),
            Field("campaign.id", required=True),
            Field("campaign.name"),
            Field("campaign.advertisingChannelType"),
            Field("segments.date", required=True, rules=(DATE,)),
            Field("metrics.impressions", rules=(INT_STR,)),
            Field("metrics.clicks", rules=(INT_STR,)),
            Field("metrics.costMicros", required=True, rules=(INT_STR, NON_NEGATIVE)),
            Field("metrics.conversions", "DOUBLE"),
        ),
        key=("customer__id", "campaign__id", "segments__date"),
        order="_file",
        flatten=("customer", "campaign", "segments", "metrics"),
        description="Google Ads daily campaign performance (googleAds:search rows).",
    ),
)
