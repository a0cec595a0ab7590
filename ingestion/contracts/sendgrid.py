"""Contracts of the SendGrid event webhook events and single sends
(docs/raw-tables.md, "Email — SendGrid").
"""

from __future__ import annotations

from ingestion.contracts.fields import EPOCH_TS, Field, TableContract

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

CONTRACTS: tuple[TableContract, ...] = (
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
)
