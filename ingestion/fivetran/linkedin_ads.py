"""LinkedIn Ads from Fivetran's LinkedIn Ad Analytics connector (schema `linkedin_ads`).

| raw table | Fivetran tables |
|---|---|
| linkedin_ads__accounts | account_history (newest version per id) |
| linkedin_ads__campaigns | campaign_history (newest version per id) |
| linkedin_ads__ad_analytics | ad_analytics_by_campaign (a CAMPAIGN pivot per row) |
"""

from __future__ import annotations

from ingestion.fivetran.schema import Schema, record_sql

ENUMS: dict = {}


def accounts_sql(s: Schema) -> str | None:
    t = s.table("account_history")
    if t is None or "id" not in t.columns:
        return None
    payload = (
        f"json_object('id', try_cast(o.id AS BIGINT), 'name', {t.text('name', 'o')}, "
        f"'currency', {t.text('currency', 'o')}, 'status', {t.text('status', 'o')})"
    )
    return record_sql(t, "'id=' || CAST(o.id AS VARCHAR)", payload, f"FROM {t.latest()} o")


def campaigns_sql(s: Schema) -> str | None:
    t = s.table("campaign_history")
    if t is None or "id" not in t.columns:
        return None
    account = f"'urn:li:sponsoredAccount:' || CAST({t.col('account_id', 'o')} AS VARCHAR)"
    group = (
        f"'urn:li:sponsoredCampaignGroup:' || CAST({t.col('campaign_group_id', 'o')} AS VARCHAR)"
    )
    payload = (
        f"json_object('id', try_cast(o.id AS BIGINT), 'name', {t.text('name', 'o')}, "
        f"'account', {account}, 'campaignGroup', {group}, 'status', {t.text('status', 'o')}, "
        f"'costType', {t.text('cost_type', 'o')}, 'dailyBudget', json_object("
        f"'amount', {t.text('daily_budget_amount', 'o')}, "
        f"'currencyCode', {t.text('daily_budget_currency_code', 'o')}))"
    )
    return record_sql(t, "'id=' || CAST(o.id AS VARCHAR)", payload, f"FROM {t.latest()} o")


def ad_analytics_sql(s: Schema) -> str | None:
    t = s.table("ad_analytics_by_campaign")
    if t is None or not t.has("campaign_id", "day"):
        return None
    day = "try_cast(o.day AS DATE)"
    parts = f"{{'year': year({day}), 'month': month({day}), 'day': day({day})}}"
    payload = (
        "json_object('pivotValues', "
        "['urn:li:sponsoredCampaign:' || CAST(o.campaign_id AS VARCHAR)], "
        f"'dateRange', json_object('start', {parts}, 'end', {parts}), "
        f"'impressions', try_cast({t.col('impressions', 'o')} AS BIGINT), "
        f"'clicks', try_cast({t.col('clicks', 'o')} AS BIGINT), "
        f"'costInLocalCurrency', {t.text('cost_in_local_currency', 'o')}, "
        f"'costInUsd', {t.text('cost_in_usd', 'o')})"
    )
    locator = (
        f"'campaign_id=' || CAST(o.campaign_id AS VARCHAR) || '|day=' || CAST({day} AS VARCHAR)"
    )
    body = f"FROM (SELECT * FROM {t.ref} t WHERE {t.live()}) o"
    return record_sql(t, locator, payload, body)


BUILDERS = {
    "linkedin_ads__accounts": accounts_sql,
    "linkedin_ads__campaigns": campaigns_sql,
    "linkedin_ads__ad_analytics": ad_analytics_sql,
}


def builder(contract):
    return BUILDERS.get(contract.name)
