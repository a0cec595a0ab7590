"""Contracts of the HubSpot raw tables: CRM v3 objects, owners, deal pipelines
(docs/raw-tables.md, "CRM — HubSpot").
"""

from __future__ import annotations

from ingestion.contracts.fields import (
    DECIMAL_STR,
    DIGITS,
    FUTURE_OK,
    ISO_TS,
    NON_NEGATIVE,
    Field,
    TableContract,
)

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


def _times(*names: str, planned: tuple[str, ...] = ()) -> tuple[Field, ...]:
    """The date properties staging reads as timestamps: ISO-8601, within the time window
    (docs/real-inputs.md §1); `planned` ones (a scheduled meeting, an expected close date)
    may lie in the future."""
    return tuple(
        Field(
            f"properties.{n}",
            rules=(ISO_TS, FUTURE_OK) if n in planned else (ISO_TS,),
            output=False,
        )
        for n in (*names, *planned)
    )


# Values inside HubSpot `properties` that have a vendor-defined domain or a type the models
# rely on (checked, not extracted).
HUBSPOT_PROPERTY_CHECKS = {
    "contacts": (
        Field("properties.lifecyclestage", enum=HUBSPOT_LIFECYCLE, output=False),
        *_times(
            *(
                f"hs_lifecyclestage_{stage}_date"
                for stage in (
                    "lead",
                    "marketingqualifiedlead",
                    "salesqualifiedlead",
                    "opportunity",
                    "customer",
                    "evangelist",
                )
            )
        ),
    ),
    "companies": _times(
        "hs_lifecyclestage_lead_date",
        "hs_lifecyclestage_opportunity_date",
        "hs_lifecyclestage_customer_date",
        "churn_date",
    ),
    "deals": (
        Field("properties.dealstage", enum_ref="hubspot_deal_stages", output=False),
        Field("properties.amount", rules=(DECIMAL_STR, NON_NEGATIVE), output=False),
        *_times("createdate", planned=("closedate",)),
    ),
    "calls": _times("hs_timestamp"),
    "emails": _times("hs_timestamp"),
    "meetings": _times(planned=("hs_timestamp", "hs_meeting_start_time", "hs_meeting_end_time")),
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
            Field("archivedAt", rules=(ISO_TS,)),
            Field("properties", "JSON", required=True, shape="OBJECT"),
            Field("propertiesWithHistory", "JSON", shape="OBJECT"),
            Field("associations", "JSON", shape="OBJECT"),
            *HUBSPOT_PROPERTY_CHECKS.get(obj, ()),
        ),
        key=("id",),
        order="updated_at",
        description=description,
    )


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
)
