"""Google Ads from Fivetran's Google Ads connector (schema `google_ads`).

| raw table | Fivetran tables |
|---|---|
| google_ads__campaign_report | campaign_stats (+ campaign_history: name, channel type;
  account_history: currency) |

One `GoogleAdsRow` per campaign_stats row: customer × campaign × day × device × network
(the segments Fivetran reports at), so the raw key keeps each row.
"""

from __future__ import annotations

from ingestion.fivetran.schema import Schema, record_sql

ENUMS: dict = {}


def campaign_report_sql(s: Schema) -> str | None:
    t = s.table("campaign_stats")
    if t is None or not t.has("customer_id", "date"):
        return None
    camp = "campaign_id" if "campaign_id" in t.columns else "id"
    customer = "CAST(o.customer_id AS VARCHAR)"
    campaign = f"CAST({t.col(camp, 'o')} AS VARCHAR)"
    ch, ah = s.table("campaign_history"), s.table("account_history")
    joins, name, channel, currency = [], "NULL", "NULL", "NULL"
    if ch is not None and "id" in ch.columns:
        joins.append(f"LEFT JOIN {ch.latest()} ch ON CAST(ch.id AS VARCHAR) = {campaign}")
        name, channel = ch.text("name", "ch"), ch.text("advertising_channel_type", "ch")
    if ah is not None and "id" in ah.columns:
        joins.append(f"LEFT JOIN {ah.latest()} ah ON CAST(ah.id AS VARCHAR) = {customer}")
        currency = ah.text("currency_code", "ah")
    date = t.text("date", "o")
    if t.kind("date") in ("timestamp", "timestamptz"):
        date = f"strftime(CAST({t.col('date', 'o')} AS DATE), '%Y-%m-%d')"
    payload = (
        f"json_object('customer', json_object('resourceName', 'customers/' || {customer}, "
        f"'id', {customer}, 'currencyCode', {currency}), "
        f"'campaign', json_object('resourceName', 'customers/' || {customer} || '/campaigns/' "
        f"|| {campaign}, 'id', {campaign}, 'name', {name}, 'advertisingChannelType', {channel}), "
        f"'segments', json_object('date', {date}, 'device', {t.text('device', 'o')}, "
        f"'adNetworkType', {t.text('ad_network_type', 'o')}), "
        f"'metrics', json_object('impressions', {t.int_text('impressions', 'o')}, "
        f"'clicks', {t.int_text('clicks', 'o')}, 'costMicros', {t.int_text('cost_micros', 'o')}, "
        f"'conversions', try_cast({t.col('conversions', 'o')} AS DOUBLE)))"
    )
    key = (
        f"'_fivetran_id=' || {t.text('_fivetran_id', 'o')}"
        if "_fivetran_id" in t.columns
        else f"'customer_id=' || {customer} || '|id=' || {campaign} || '|date=' || {date}"
    )
    body = f"FROM (SELECT * FROM {t.ref} t WHERE {t.live()}) o {' '.join(joins)}"
    return record_sql(t, key, payload, body)


BUILDERS = {"google_ads__campaign_report": campaign_report_sql}


def builder(contract):
    return BUILDERS.get(contract.name)
