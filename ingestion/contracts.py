"""The raw-layer contract of every vendor object, declared in one place.

Each `TableContract` says which vendor fields a raw table keeps, their types, which are
required, the merge key, how the newest record of a key is chosen, and the rules whose
violation sends a record to `raw._quarantine`. docs/raw-tables.md is the prose of this file:
change both together. The validator (ingestion/validate.py) turns a contract into SQL; no
source-specific `if`s live anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dlt.common.normalizers.naming.snake_case import NamingConvention

_NAMING = NamingConvention()

# Rules a field's value must satisfy (checked in SQL, in this order after type checks).
ISO_TS = "iso_timestamp"  # ISO-8601 timestamp string; also "not after load time"
EPOCH_TS = "epoch_timestamp"  # epoch seconds; also "not after load time"
DATE = "date"  # YYYY-MM-DD; also "not after load time"
NON_NEGATIVE = "non_negative"  # a number (or decimal string) >= 0
POSITIVE = "positive"  # a number (or decimal string) > 0
DIGITS = "digits"  # an id made of digits only
INT_STR = "int_string"  # an integer sent as a string (Google int64, Meta counts)
DECIMAL_STR = "decimal_string"  # a decimal number sent as a string (HubSpot amount, spend)

TYPES = ("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "JSON")


def column_name(path: str) -> str:
    """The raw column of a vendor field path: dlt's snake_case per level, levels joined by __."""
    return "__".join(_NAMING.normalize_identifier(part) for part in path.split("."))


@dataclass(frozen=True)
class Field:
    path: str  # vendor field, dotted for a leaf of a flattened object ("metrics.costMicros")
    type: str = "VARCHAR"
    required: bool = False
    enum: tuple[str, ...] | None = None
    rules: tuple[str, ...] = ()
    shape: str | None = None  # for JSON: "OBJECT" or "ARRAY" when the vendor guarantees it
    enum_ref: str | None = None  # enum whose values come from the source (ingestion/enums.py)
    output: bool = True  # False: checked only (a value inside a JSON column), no raw column

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type

    @property
    def column(self) -> str:
        return column_name(self.path)


@dataclass(frozen=True)
class Derived:
    """A column ingestion adds from a vendor field (only where the merge key needs it)."""

    column: str
    sql: str  # over `payload` (the record's JSON text)
    type: str = "VARCHAR"


@dataclass(frozen=True)
class TableContract:
    name: str  # raw table, "<source>__<object>"
    source: str  # vendor, e.g. "hubspot"
    group: str  # Dagster asset group: crm, ads, email, web, targets
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # raw column names
    order: str | None = None  # raw column whose highest value wins within a run ("desc")
    order_dir: str = "desc"
    flatten: tuple[str, ...] = ()  # top-level objects flattened into a__b columns
    derived: tuple[Derived, ...] = ()
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def required_columns(self) -> list[str]:
        return [f.column for f in self.fields if f.required]


HUBSPOT_LIFECYCLE = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
)

# Values inside HubSpot `properties` that have a vendor-defined domain (checked, not extracted).
HUBSPOT_PROPERTY_CHECKS = {
    "contacts": (Field("properties.lifecyclestage", enum=HUBSPOT_LIFECYCLE, output=False),),
    "deals": (
        Field("properties.dealstage", enum_ref="hubspot_deal_stages", output=False),
        Field("properties.amount", rules=(DECIMAL_STR, NON_NEGATIVE), output=False),
    ),
}


def _hubspot_object(obj: str, description: str) -> TableContract:
    return TableContract(
        name=f"hubspot__{obj}",
        source="hubspot",
        group="crm",
        fields=(
            Field("id", required=True, rules=(DIGITS,)),
            Field("createdAt", required=True, rules=(ISO_TS,)),
            Field("updatedAt", required=True, rules=(ISO_TS,)),
            Field("archived", "BOOLEAN"),
            Field("properties", "JSON", required=True, shape="OBJECT"),
            Field("propertiesWithHistory", "JSON", shape="OBJECT"),
            Field("associations", "JSON", shape="OBJECT"),
            *HUBSPOT_PROPERTY_CHECKS.get(obj, ()),
        ),
        key=("id",),
        order="updated_at",
        description=description,
    )


SENDGRID_EVENTS = (
    "processed",
    "delivered",
    "open",
    "click",
    "bounce",
    "dropped",
    "spamreport",
    "unsubscribe",
    "deferred",
    "group_unsubscribe",
    "group_resubscribe",
)
SEGMENT_TYPES = ("page", "track", "identify", "screen", "group", "alias")

CONTRACTS: tuple[TableContract, ...] = (
    _hubspot_object("contacts", "HubSpot contacts (CRM v3 objects), newest version per id."),
    _hubspot_object("companies", "HubSpot companies, newest version per id."),
    _hubspot_object("deals", "HubSpot deals with stage/amount history, newest version per id."),
    _hubspot_object("calls", "HubSpot call engagements."),
    _hubspot_object("meetings", "HubSpot meeting engagements."),
    _hubspot_object("emails", "HubSpot 1:1 sales emails logged by reps."),
    TableContract(
        name="hubspot__owners",
        source="hubspot",
        group="crm",
        fields=(
            Field("id", required=True),
            Field("email"),
            Field("firstName"),
            Field("lastName"),
            Field("userId", "BIGINT"),
            Field("createdAt", rules=(ISO_TS,)),
            Field("updatedAt", required=True, rules=(ISO_TS,)),
            Field("archived", "BOOLEAN"),
            Field("teams", "JSON", shape="ARRAY"),
        ),
        key=("id",),
        order="updated_at",
        description="HubSpot owners (sales reps).",
    ),
    TableContract(
        name="hubspot__deal_pipelines",
        source="hubspot",
        group="crm",
        fields=(
            Field("id", required=True),
            Field("label", required=True),
            Field("displayOrder", "BIGINT"),
            Field("archived", "BOOLEAN"),
            Field("stages", "JSON", required=True, shape="ARRAY"),
            Field("createdAt", rules=(ISO_TS,)),
            Field("updatedAt", rules=(ISO_TS,)),
        ),
        key=("id",),
        description="HubSpot deal pipelines and their stages.",
    ),
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
    TableContract(
        name="sendgrid__events",
        source="sendgrid",
        group="email",
        fields=(
            Field("sg_event_id", required=True),
            Field("event", required=True, enum=SENDGRID_EVENTS),
            Field("email", required=True),
            Field("timestamp", "BIGINT", required=True, rules=(EPOCH_TS,)),
            Field("sg_message_id"),
            Field("smtp-id"),
            Field("category", "JSON"),
            Field("sg_machine_open", "BOOLEAN"),
            Field("useragent"),
            Field("ip"),
            Field("url"),
            Field("marketing_campaign_id"),
            Field("marketing_campaign_name"),
            Field("singlesend_id"),
            Field("reason"),
            Field("status"),
            Field("type"),
            Field("asm_group_id", "BIGINT"),
        ),
        key=("sg_event_id",),
        order="_file",
        order_dir="asc",
        description="SendGrid event webhook events, one row per sg_event_id.",
    ),
    TableContract(
        name="sendgrid__singlesends",
        source="sendgrid",
        group="email",
        fields=(
            Field("id", required=True),
            Field("name"),
            Field("status"),
            Field("categories", "JSON"),
            Field("send_at"),
            Field("created_at"),
            Field("updated_at"),
            Field("is_abtest", "BOOLEAN"),
        ),
        key=("id",),
        order="updated_at",
        description="SendGrid single sends (campaigns).",
    ),
    TableContract(
        name="web__events",
        source="web",
        group="web",
        fields=(
            Field("messageId", required=True),
            Field("type", required=True, enum=SEGMENT_TYPES),
            Field("anonymousId"),
            Field("userId"),
            Field("event"),
            Field("name"),
            Field("timestamp", required=True, rules=(ISO_TS,)),
            Field("receivedAt"),
            Field("sentAt"),
            Field("originalTimestamp"),
            Field("context", "JSON", shape="OBJECT"),
            Field("properties", "JSON", shape="OBJECT"),
            Field("traits", "JSON", shape="OBJECT"),
        ),
        key=("message_id",),
        order="_file",
        order_dir="asc",
        description="Segment tracker events (page, track, identify), one row per messageId.",
    ),
    TableContract(
        name="targets__quotas",
        source="targets",
        group="targets",
        fields=(
            Field("owner_id", required=True),
            Field("owner_email"),
            Field("period_start", required=True, rules=(DATE,)),
            Field("period_end", required=True),
            Field("quota_amount", required=True, rules=(DECIMAL_STR, NON_NEGATIVE)),
            Field("currency", required=True),
        ),
        key=("owner_id", "period_start"),
        order="_file",
        description="Rep quotas per period.",
        extra={"future_ok": True},
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

BY_NAME: dict[str, TableContract] = {c.name: c for c in CONTRACTS}
SOURCES: tuple[str, ...] = tuple(dict.fromkeys(c.source for c in CONTRACTS))


def contracts_of(source: str) -> list[TableContract]:
    return [c for c in CONTRACTS if c.source == source]
