"""Meta Ads from Fivetran's Facebook Ads connector (schema `facebook_ads`).

| raw table | Fivetran tables |
|---|---|
| meta_ads__insights | basic_ad (+ basic_ad_actions, basic_ad_action_values; ad_history:
  campaign and ad set ids; campaign_history, ad_set_history: names; account_history: name,
  currency) |

One ad-level insights row per basic_ad row (ad × day): `ad_id` and `adset_id` make its grain.
"""

from __future__ import annotations

from ingestion.fivetran.schema import Schema, Table, record_sql

ENUMS: dict = {}


def _actions(s: Schema, name: str, alias: str) -> tuple[str, str] | None:
    """(join, value) of an actions table as the Insights API's [{action_type, value}]."""
    t = s.table(name)
    if t is None or not t.has("ad_id", "date", "action_type"):
        return None
    join = (
        f"LEFT JOIN (SELECT CAST(t.ad_id AS VARCHAR) AS ad, CAST(t.date AS VARCHAR) AS day, "
        f"to_json(list({{'action_type': CAST(t.action_type AS VARCHAR), "
        f"'value': {t.text('value')}}} ORDER BY CAST(t.action_type AS VARCHAR))) AS actions "
        f"FROM {t.ref} t WHERE {t.live()} GROUP BY 1, 2) {alias} "
        f"ON {alias}.ad = CAST(o.ad_id AS VARCHAR) AND {alias}.day = CAST(o.date AS VARCHAR)"
    )
    return join, f"{alias}.actions"


def _date(t: Table) -> str:
    if t.kind("date") in ("timestamp", "timestamptz"):
        return "strftime(CAST(o.date AS DATE), '%Y-%m-%d')"
    return t.text("date", "o")


def insights_sql(s: Schema) -> str | None:
    t = s.table("basic_ad")
    if t is None or not t.has("ad_id", "date"):
        return None
    ad = "CAST(o.ad_id AS VARCHAR)"
    joins = []
    v = dict.fromkeys(("campaign", "adset", "campaign_name", "adset_name", "currency"), "NULL")
    v["ad_name"] = t.text("ad_name", "o")
    v["account_name"] = t.text("account_name", "o")
    ah = s.table("ad_history")
    if ah is not None and "id" in ah.columns:
        joins.append(f"LEFT JOIN {ah.latest()} ah ON CAST(ah.id AS VARCHAR) = {ad}")
        v["campaign"], v["adset"] = ah.text("campaign_id", "ah"), ah.text("ad_set_id", "ah")
        v["ad_name"] = f"coalesce({v['ad_name']}, {ah.text('name', 'ah')})"
    for name, alias, ref, key in (
        ("campaign_history", "ch", "campaign_name", "campaign"),
        ("ad_set_history", "sh", "adset_name", "adset"),
    ):
        h = s.table(name)
        if h is not None and "id" in h.columns and v[key] != "NULL":
            joins.append(
                f"LEFT JOIN {h.latest()} {alias} ON CAST({alias}.id AS VARCHAR) = {v[key]}"
            )
            v[ref] = h.text("name", alias)
    acc = s.table("account_history")
    if acc is not None and "id" in acc.columns and "account_id" in t.columns:
        joins.append(
            f"LEFT JOIN {acc.latest()} acc "
            "ON CAST(acc.id AS VARCHAR) = CAST(o.account_id AS VARCHAR)"
        )
        v["account_name"] = f"coalesce({v['account_name']}, {acc.text('name', 'acc')})"
        v["currency"] = acc.text("currency", "acc")
    actions = {}
    for table, alias in (("basic_ad_actions", "act"), ("basic_ad_action_values", "val")):
        found = _actions(s, table, alias)
        actions[alias] = found[1] if found else "NULL"
        if found:
            joins.append(found[0])
    date = _date(t)
    clicks = "clicks" if "clicks" in t.columns else "inline_link_clicks"
    payload = (
        f"json_object('account_id', {t.text('account_id', 'o')}, "
        f"'account_name', {v['account_name']}, 'account_currency', {v['currency']}, "
        f"'campaign_id', {v['campaign']}, 'campaign_name', {v['campaign_name']}, "
        f"'adset_id', {v['adset']}, 'adset_name', {v['adset_name']}, "
        f"'ad_id', {ad}, 'ad_name', {v['ad_name']}, 'date_start', {date}, 'date_stop', {date}, "
        f"'impressions', {t.int_text('impressions', 'o')}, 'clicks', {t.int_text(clicks, 'o')}, "
        f"'spend', {t.text('spend', 'o')}, "
        f"'actions', {actions['act']}, 'action_values', {actions['val']})"
    )
    body = f"FROM (SELECT * FROM {t.ref} t WHERE {t.live()}) o {' '.join(joins)}"
    return record_sql(t, f"'ad_id=' || {ad} || '|date=' || {date}", payload, body)


BUILDERS = {"meta_ads__insights": insights_sql}


def builder(contract):
    return BUILDERS.get(contract.name)
