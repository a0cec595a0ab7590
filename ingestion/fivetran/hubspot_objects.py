"""HubSpot CRM objects from Fivetran's HubSpot tables, as CRM v3 records.

`properties` are the `property_<name>` columns (plus what Fivetran moves out of them:
a deal's `deal_pipeline_id`, `deal_pipeline_stage_id`, `owner_id`; an engagement's parent
`engagement` row and the pre-v3 columns); `propertiesWithHistory` come from
`<object>_property_history` for the properties staging reads (as the API reader asks for);
`associations` from the link tables (`deal_contact`, `deal_company`, `engagement_<object>`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingestion.fivetran.schema import Schema, Table, iso_text, quote, record_sql
from ingestion.sqltext import lit

# The property histories staging reads (the API reader's propertiesWithHistory).
HISTORY = {
    "contacts": (
        "lifecyclestage",
        "hs_lead_status",
        "hubspot_owner_id",
        "hubspot_owner_assigneddate",
        "disqualification_reason",
    ),
    "companies": ("lifecyclestage",),
    "deals": ("dealstage", "amount", "closedate"),
}


@dataclass(frozen=True)
class Link:
    kind: str  # association kind in the record ("contacts")
    table: str  # Fivetran link table
    from_col: str  # this object's id in it
    to_col: str  # the other object's id in it
    label: str  # association type, as HubSpot names it ("deal_to_contact")


@dataclass(frozen=True)
class ObjectMap:
    table: str  # Fivetran table
    id_col: str
    history: str | None = None  # <object>_property_history table
    history_id: str | None = None
    links: tuple[Link, ...] = ()
    # property -> columns that hold it when there is no property_<name> column (first wins)
    moved: dict[str, tuple[str, ...]] = field(default_factory=dict)
    engagement: bool = False  # joined to the parent `engagement` row


def _engagement_links(obj: str) -> tuple[Link, ...]:
    return tuple(
        Link(kind, f"engagement_{one}", "engagement_id", f"{one}_id", f"{obj}_to_{one}")
        for kind, one in (("contacts", "contact"), ("deals", "deal"), ("companies", "company"))
    )


_ENGAGEMENT_MOVED = {
    "hs_timestamp": ("timestamp", "e.timestamp"),
    "hubspot_owner_id": ("e.owner_id",),
    "hs_createdate": ("created_at", "e.created_at"),
    "hs_lastmodifieddate": ("e.last_updated",),
}

OBJECTS = {
    "contacts": ObjectMap(
        "contact",
        "id",
        "contact_property_history",
        "contact_id",
        (Link("companies", "contact_company", "contact_id", "company_id", "contact_to_company"),),
        {"hs_merged_object_ids": ("property_hs_calculated_merged_vids",)},
    ),
    "companies": ObjectMap(
        "company",
        "id",
        "company_property_history",
        "company_id",
        (Link("contacts", "contact_company", "company_id", "contact_id", "company_to_contact"),),
    ),
    "deals": ObjectMap(
        "deal",
        "deal_id",
        "deal_property_history",
        "deal_id",
        (
            Link("contacts", "deal_contact", "deal_id", "contact_id", "deal_to_contact"),
            Link("companies", "deal_company", "deal_id", "company_id", "deal_to_company"),
        ),
        {
            "pipeline": ("deal_pipeline_id",),
            "dealstage": ("deal_pipeline_stage_id",),
            "hubspot_owner_id": ("owner_id",),
        },
    ),
    "calls": ObjectMap(
        "engagement_call",
        "engagement_id",
        links=_engagement_links("call"),
        moved={
            **_ENGAGEMENT_MOVED,
            "hs_call_title": ("title",),
            "hs_call_body": ("body",),
            "hs_call_disposition": ("disposition",),
            "hs_call_duration": ("duration_milliseconds",),
            "hs_call_status": ("status",),
        },
        engagement=True,
    ),
    "meetings": ObjectMap(
        "engagement_meeting",
        "engagement_id",
        links=_engagement_links("meeting"),
        moved={
            **_ENGAGEMENT_MOVED,
            "hs_meeting_title": ("title",),
            "hs_meeting_body": ("body",),
            "hs_meeting_start_time": ("start_time",),
            "hs_timestamp": ("timestamp", "e.timestamp", "start_time"),
            "hs_meeting_end_time": ("end_time",),
            "hs_meeting_outcome": ("meeting_outcome",),
        },
        engagement=True,
    ),
    "emails": ObjectMap(
        "engagement_email",
        "engagement_id",
        links=_engagement_links("email"),
        moved={**_ENGAGEMENT_MOVED, "hs_email_subject": ("subject",), "hs_email_text": ("text",)},
        engagement=True,
    ),
}


def _value(ref: str, t: Table, e: Table | None) -> str | None:
    """A moved column as property text: `e.<col>` on the parent engagement, else own."""
    if ref.startswith("e."):
        name = ref[2:]
        return e.text(name, "e") if e is not None and name in e.columns else None
    if ref == "property_hs_calculated_merged_vids" and ref in t.columns:
        # "<id>:<merged at>;<id>:<merged at>" -> "<id>;<id>"
        return f"regexp_replace({t.text(ref, 'o')}, ':[0-9]+', '', 'g')"
    return t.text(ref, "o") if ref in t.columns else None


def properties(m: ObjectMap, t: Table, e: Table | None) -> dict[str, str]:
    props = {c[len("property_") :]: t.text(c, "o") for c in t.columns if c.startswith("property_")}
    for name, refs in m.moved.items():
        values = [v for r in refs if (v := _value(r, t, e)) is not None]
        if values:
            props[name] = (
                f"coalesce({', '.join(([props[name]] if name in props else []) + values)})"
            )
    return props


def _history_cte(s: Schema, m: ObjectMap, names: tuple[str, ...]) -> str | None:
    h = s.table(m.history) if m.history else None
    if h is None or not h.has(m.history_id, "name", "value"):
        return None
    wanted = ", ".join(lit(n) for n in names)
    rows = (
        f"SELECT CAST({h.col(m.history_id)} AS VARCHAR) AS oid, t.name AS name, "
        f"{h.text('value')} AS value, {h.iso('timestamp')} AS ts, "
        f"{h.text('source')} AS source_type, {h.text('source_id')} AS source_id "
        f"FROM {h.ref} t WHERE t.name IN ({wanted}) AND {h.live()}"
    )
    stage = s.table("deal_stage")  # Fivetran's deal stage history, when the property's is not
    if m.table == "deal" and stage is not None and stage.has("deal_id", "value"):
        rows += (
            f" UNION ALL SELECT CAST(t.deal_id AS VARCHAR), 'dealstage', {stage.text('value')}, "
            f"{stage.iso('date_entered')}, {stage.text('source')}, {stage.text('source_id')} "
            f"FROM {stage.ref} t WHERE CAST(t.deal_id AS VARCHAR) NOT IN "
            f"(SELECT CAST({h.col(m.history_id)} AS VARCHAR) FROM {h.ref} t "
            f"WHERE t.name = 'dealstage')"
        )
    changes = (
        "SELECT oid, name, to_json(list({'value': value, 'timestamp': ts, "
        "'sourceType': source_type, 'sourceId': source_id} ORDER BY ts DESC)) AS changes "
        f"FROM ({rows}) GROUP BY oid, name"
    )
    return f"SELECT oid, json_group_object(name, changes) AS h FROM ({changes}) GROUP BY oid"


def _link_cte(s: Schema, link: Link) -> str | None:
    lt = s.table(link.table)
    if lt is None or not lt.has(link.from_col, link.to_col):
        return None
    return (
        f"SELECT CAST({lt.col(link.from_col)} AS VARCHAR) AS oid, to_json(list("
        f"{{'id': CAST({lt.col(link.to_col)} AS VARCHAR), 'type': {lit(link.label)}}} "
        f"ORDER BY CAST({lt.col(link.to_col)} AS VARCHAR))) AS r "
        f"FROM {lt.ref} t WHERE {lt.col(link.to_col)} IS NOT NULL AND {lt.live()} GROUP BY 1"
    )


def object_sql(s: Schema, obj: str) -> str | None:
    m = OBJECTS[obj]
    t = s.table(m.table)
    if t is None or m.id_col not in t.columns:
        return None
    e = s.table("engagement") if m.engagement else None
    props = properties(m, t, e)
    ctes = [f"o AS (SELECT * FROM {t.ref} t WHERE {t.live()})"]
    joins = []
    oid = f"CAST(o.{quote(m.id_col)} AS VARCHAR)"
    if e is not None and "id" in e.columns:
        joins.append(f"LEFT JOIN {e.ref} e ON CAST(e.id AS VARCHAR) = {oid}")
    history = _history_cte(s, m, HISTORY.get(obj, ()))
    if history:
        ctes.append(f"ph AS ({history})")
        joins.append(f"LEFT JOIN ph ON ph.oid = {oid}")
    assoc = []
    for i, link in enumerate(m.links):
        cte = _link_cte(s, link)
        if cte:
            ctes.append(f"a{i} AS ({cte})")
            joins.append(f"LEFT JOIN a{i} ON a{i}.oid = {oid}")
            assoc.append(f"{lit(link.kind)}, json_object('results', coalesce(a{i}.r, '[]'::JSON))")
    # An engagement synced without a creation time (pre-v3 tables) was created by its time.
    created = iso_text(
        "coalesce("
        + ", ".join(props[p] for p in ("createdate", "hs_createdate", "hs_timestamp") if p in props)
        + ", NULL)"
    )
    updated = ", ".join(
        [props[p] for p in ("hs_lastmodifieddate", "lastmodifieddate") if p in props]
        + [t.iso("_fivetran_synced", "o"), created]
    )
    payload = (
        f"json_object('id', {oid}, 'createdAt', {created}, "
        f"'updatedAt', {iso_text(f'coalesce({updated})')}, "
        "'archived', false, 'properties', json_object("
        + ", ".join(f"{lit(k)}, {v}" for k, v in props.items())
        + "), 'propertiesWithHistory', "
        + ("ph.h" if history else "NULL")
        + ", 'associations', "
        + (f"json_object({', '.join(assoc)})" if assoc else "NULL")
        + ")"
    )
    body = f"FROM o {' '.join(joins)}"
    return f"WITH {', '.join(ctes)} " + record_sql(t, f"'id=' || {oid}", payload, body)
