"""Contract of the Segment web tracker events (docs/raw-tables.md, "Web — Segment tracker")."""

from __future__ import annotations

from ingestion.contracts.fields import ISO_TS, Field, TableContract

SEGMENT_TYPES = ("page", "track", "identify", "screen", "group", "alias")

CONTRACTS: tuple[TableContract, ...] = (
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
            Field("receivedAt", rules=(ISO_TS,)),
            Field("sentAt", rules=(ISO_TS,)),
            Field("originalTimestamp", rules=(ISO_TS,)),
            Field("context", "JSON", shape="OBJECT"),
            Field("properties", "JSON", shape="OBJECT"),
            Field("traits", "JSON", shape="OBJECT"),
        ),
        key=("message_id",),
        order="_file",
        order_dir="asc",
        description="Segment tracker events (page, track, identify), one row per messageId.",
    ),
)
