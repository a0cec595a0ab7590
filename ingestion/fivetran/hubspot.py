"""HubSpot from Fivetran's HubSpot connector (schema `hubspot`).

| raw table | Fivetran tables |
|---|---|
| hubspot__contacts | contact, contact_property_history, contact_company |
| hubspot__companies | company, company_property_history, contact_company |
| hubspot__deals | deal, deal_property_history, deal_stage, deal_contact, deal_company |
| hubspot__calls / meetings / emails | engagement_call / _meeting / _email, engagement,
  engagement_contact, engagement_deal, engagement_company |
| hubspot__owners | owner, owner_team, team |
| hubspot__deal_pipelines | deal_pipeline, deal_pipeline_stage |

Deleted rows (`is_deleted`, `_fivetran_deleted`) are left out.
"""

from __future__ import annotations

from ingestion.fivetran.hubspot_objects import OBJECTS, object_sql
from ingestion.fivetran.schema import Schema, iso_text, record_sql


def owners_sql(s: Schema) -> str | None:
    t = s.table("owner")
    if t is None or "owner_id" not in t.columns:
        return None
    ot, team = s.table("owner_team"), s.table("team")
    teams, join = "NULL", ""
    if ot is not None and ot.has("owner_id", "team_id"):
        name = (
            f"CAST({team.col('name', 'tm')} AS VARCHAR)"
            if team and "name" in team.columns
            else "NULL"
        )
        team_join = (
            f"LEFT JOIN {team.ref} tm ON tm.id = t.team_id" if team and "id" in team.columns else ""
        )
        primary = ot.flag("is_team_primary")
        join = (
            f"LEFT JOIN (SELECT CAST(t.owner_id AS VARCHAR) AS oid, to_json(list({{'id': "
            f"CAST(t.team_id AS VARCHAR), 'name': {name}, 'primary': {primary}}} "
            f"ORDER BY CAST(t.team_id AS VARCHAR))) AS teams FROM {ot.ref} t {team_join} "
            f"WHERE {ot.live()} GROUP BY 1) ot ON ot.oid = CAST(o.owner_id AS VARCHAR)"
        )
        teams = "ot.teams"
    active = t.flag("is_active", "o")
    created = t.iso("created_at", "o")
    updated = iso_text(
        f"coalesce({t.iso('updated_at', 'o')}, {t.iso('_fivetran_synced', 'o')}, {created})"
    )
    payload = (
        f"json_object('id', CAST(o.owner_id AS VARCHAR), 'email', {t.text('email', 'o')}, "
        f"'firstName', {t.text('first_name', 'o')}, 'lastName', {t.text('last_name', 'o')}, "
        f"'userId', try_cast({t.first('active_user_id', 'user_id', alias='o')} AS BIGINT), "
        f"'createdAt', {created}, 'updatedAt', {updated}, "
        f"'archived', coalesce(NOT {active}, false), 'teams', {teams})"
    )
    body = f"FROM (SELECT * FROM {t.ref} t WHERE {t.live()}) o {join}"
    return record_sql(t, "'owner_id=' || CAST(o.owner_id AS VARCHAR)", payload, body)


def pipelines_sql(s: Schema) -> str | None:
    p, st = s.table("deal_pipeline"), s.table("deal_pipeline_stage")
    if p is None or "pipeline_id" not in p.columns:
        return None
    stages = "'[]'::JSON"
    join = ""
    if st is not None and st.has("pipeline_id", "stage_id"):
        closed = st.first("is_closed", "closed_won")
        stage = (
            f"{{'id': CAST(t.stage_id AS VARCHAR), 'label': {st.text('label')}, "
            f"'displayOrder': try_cast({st.col('display_order')} AS INTEGER), "
            f"'archived': coalesce(NOT {st.flag('active')}, false), "
            f"'createdAt': {st.iso('created_at')}, 'updatedAt': {st.iso('updated_at')}, "
            f"'metadata': {{'isClosed': CAST(try_cast({closed} AS BOOLEAN) AS VARCHAR), "
            f"'probability': CAST({st.col('probability')} AS VARCHAR)}}}}"
        )
        join = (
            f"LEFT JOIN (SELECT CAST(t.pipeline_id AS VARCHAR) AS pid, to_json(list({stage} "
            f"ORDER BY try_cast({st.col('display_order')} AS INTEGER), "
            "CAST(t.stage_id AS VARCHAR))) "
            f"AS stages FROM {st.ref} t WHERE {st.live()} GROUP BY 1) st "
            "ON st.pid = CAST(o.pipeline_id AS VARCHAR)"
        )
        stages = "coalesce(st.stages, '[]'::JSON)"
    payload = (
        f"json_object('id', CAST(o.pipeline_id AS VARCHAR), 'label', {p.text('label', 'o')}, "
        f"'displayOrder', try_cast({p.col('display_order', 'o')} AS INTEGER), "
        f"'archived', coalesce(NOT {p.flag('active', 'o')}, false), 'stages', {stages}, "
        f"'createdAt', {p.iso('created_at', 'o')}, 'updatedAt', {p.iso('updated_at', 'o')})"
    )
    body = f"FROM (SELECT * FROM {p.ref} t WHERE {p.live()}) o {join}"
    return record_sql(p, "'pipeline_id=' || CAST(o.pipeline_id AS VARCHAR)", payload, body)


def deal_stages(con, s: Schema) -> tuple[str, ...] | None:
    """The stage ids of the live deal pipeline stages (the `dealstage` check)."""
    st = s.table("deal_pipeline_stage")
    if st is None or "stage_id" not in st.columns:
        return None
    rows = con.execute(
        f"SELECT DISTINCT CAST(t.stage_id AS VARCHAR) FROM {st.ref} t "
        f"WHERE t.stage_id IS NOT NULL AND {st.live()} ORDER BY 1"
    ).fetchall()
    return tuple(r[0] for r in rows) or None


BUILDERS = {f"hubspot__{obj}": (lambda s, obj=obj: object_sql(s, obj)) for obj in OBJECTS}
BUILDERS.update({"hubspot__owners": owners_sql, "hubspot__deal_pipelines": pipelines_sql})


ENUMS = {"hubspot_deal_stages": deal_stages}


def builder(contract):
    return BUILDERS.get(contract.name)
