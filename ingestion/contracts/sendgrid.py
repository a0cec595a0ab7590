"""Contracts of the SendGrid event webhook events and single sends
(docs/raw-tables.md, "Email — SendGrid").
"""

from __future__ import annotations

from ingestion.contracts.fields import EPOCH_TS, FUTURE_OK, ISO_TS, Derived, Field, TableContract

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

# SQL: the event's JSON with its top-level fields sorted by name, minified (nested values as
# sent). The same event redelivered gives the same text whatever its spacing or field order.
_CANONICAL = (
    "'{' || array_to_string(list_transform(list_sort(json_keys(payload)), "
    "k -> to_json(k)::VARCHAR || ':' || "
    """json_extract(payload, '$."' || replace(k, '"', '\\"') || '"')::VARCHAR), ',') || '}'"""
)
# `sg_event_id` as sent, or (a body without it) the md5 of the canonical event JSON, so
# redeliveries of the same event still share one key (docs/raw-tables.md, "Email — SendGrid").
# It reads the already-extracted value of the first field (`v1`, see `Derived.sql`) rather
# than parsing every event's JSON a second time: `sg_event_id` must stay the first field.
EVENT_ID = f"coalesce(nullif(v1, ''), md5({_CANONICAL}))"

CONTRACTS: tuple[TableContract, ...] = (
    TableContract(
        name="sendgrid__events",
        source="sendgrid",
        group="email",
        fields=(
            Field("sg_event_id", output=False),  # the raw column is derived (EVENT_ID)
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
        derived=(Derived("sg_event_id", EVENT_ID),),
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
            Field("send_at", rules=(ISO_TS, FUTURE_OK)),  # a scheduled send may lie ahead
            Field("created_at", rules=(ISO_TS,)),
            Field("updated_at", rules=(ISO_TS,)),
            Field("is_abtest", "BOOLEAN"),
        ),
        key=("id",),
        order="updated_at",
        description="SendGrid single sends (campaigns).",
    ),
)

assert CONTRACTS[0].fields[0].path == "sg_event_id"  # EVENT_ID reads it as v1
