"""Contract of the Google Ads daily report at any grain (docs/raw-tables.md, "Ads").

Rows are googleAds:search / searchStream `GoogleAdsRow`s as the REST API returns them
(camelCase, int64 as strings): account level (no `campaign`), campaign, ad group
(`adGroup`) or ad (`adGroupAd.ad`) level, with any `segments` besides `segments.date`.
"""

from __future__ import annotations

from ingestion.contracts.ads_grain import first_match, grain, object_pairs, text_at
from ingestion.contracts.fields import (
    DATE,
    INT_STR,
    NON_NEGATIVE,
    Derived,
    Field,
    TableContract,
)

# Segments that restate the date: not a breakdown of the day's spend.
DATE_SEGMENTS = ("date", "dayOfWeek", "week", "month", "quarter", "year")

# Fields accepted from exports; the API reader (ingestion/api/google_ads.py) does not ask
# for them: its campaign report stays campaign × day.
EXPORT_ONLY = (
    "adGroup.resourceName",
    "adGroup.id",
    "adGroup.name",
    "adGroup.campaign",
    "adGroupAd.resourceName",
    "adGroupAd.ad.id",
    "adGroupAd.ad.name",
    "segments.device",
    "segments.adNetworkType",
)

_CUSTOMER = "coalesce({}, {})".format(
    text_at("customer.id"),
    first_match(
        (text_at("customer.resourceName"), "^customers/([0-9]+)"),
        (text_at("campaign.resourceName"), "^customers/([0-9]+)/"),
        (text_at("adGroup.resourceName"), "^customers/([0-9]+)/"),
        ("_file", "^google_ads/campaign_report/([0-9]+)/"),
        ("_file", "/customers/([0-9]+)/googleAds"),
    ),
)

# No campaign id: an account-level report, campaign ''.
_CAMPAIGN = "coalesce({}, {}, '')".format(
    text_at("campaign.id"),
    first_match(
        (text_at("campaign.resourceName"), "/campaigns/([0-9]+)$"),
        (text_at("adGroup.campaign"), "/campaigns/([0-9]+)$"),
    ),
)

_AD_GROUP = "coalesce({}, {})".format(
    text_at("adGroup.id"),
    first_match(
        (text_at("adGroup.resourceName"), "/adGroups/([0-9]+)$"),
        (text_at("adGroupAd.resourceName"), "/adGroupAds/([0-9]+)~"),
    ),
)

_AD = "coalesce({}, {})".format(
    text_at("adGroupAd.ad.id"),
    first_match((text_at("adGroupAd.resourceName"), "/adGroupAds/[0-9]+~([0-9]+)$")),
)

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="google_ads__campaign_report",
        source="google_ads",
        group="ads",
        fields=(
            Field("customer.resourceName"),
            Field("customer.id", output=False),  # raw column derived below
            Field("customer.currencyCode"),
            Field("campaign.resourceName"),
            Field("campaign.id", output=False),  # raw column derived below
            Field("campaign.name"),
            Field("campaign.advertisingChannelType"),
            Field("adGroup.resourceName"),
            Field("adGroup.id", output=False),
            Field("adGroup.name"),
            Field("adGroup.campaign"),
            Field("adGroupAd.resourceName"),
            Field("adGroupAd.ad.id", output=False),
            Field("adGroupAd.ad.name"),
            Field("segments.date", required=True, rules=(DATE,)),
            Field("segments.device"),
            Field("segments.adNetworkType"),
            Field("metrics.impressions", rules=(INT_STR,)),
            Field("metrics.clicks", rules=(INT_STR,)),
            Field("metrics.costMicros", required=True, rules=(INT_STR, NON_NEGATIVE)),
            Field("metrics.conversions", "DOUBLE"),
        ),
        key=("customer__id", "campaign__id", "segments__date", "grain"),
        order="_file",
        flatten=("customer", "campaign", "adGroup", "adGroupAd", "segments", "metrics"),
        derived=(
            Derived("customer__id", _CUSTOMER),
            Derived("campaign__id", _CAMPAIGN, empty_ok=True),
            Derived("ad_group__id", _AD_GROUP),
            Derived("ad_group_ad__ad__id", _AD),
            Derived(
                "grain",
                grain(
                    [("ad_group", _AD_GROUP), ("ad", _AD)],
                    [object_pairs("segments", DATE_SEGMENTS)],
                ),
                empty_ok=True,
            ),
        ),
        description="Google Ads daily performance at any grain (googleAds:search rows).",
    ),
)
