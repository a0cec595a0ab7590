"""The synthesized core tables of benchmarks/bench_attribution.py.

Core tables shaped like docs/core-schema.md (fct_touchpoints with N touches, N/4 contacts,
accounts of ~5 contacts, deals with buying groups, daily spend) in a fresh DuckDB file,
deterministically (hash-based, no RNG state).
"""

from __future__ import annotations

from pathlib import Path

CHANNELS = [
    "paid_search",
    "paid_social",
    "linkedin",
    "email",
    "organic_search",
    "direct",
    "referral",
    "events",
    "sales",
]
TYPES = [
    "ad_click",
    "web_session",
    "form_submission",
    "email_click",
    "email_open",
    "event_attendance",
    "sales_meeting",
    "sales_call",
]


def _u(expr: str, salt: int) -> str:
    """A deterministic uniform [0, 1) from an integer expression."""
    return f"((hash(({expr}) * 1000003 + {salt}) % 1000000007) / 1000000007.0)"


def synthesize(path: Path, touches: int) -> dict:
    import duckdb

    contacts = max(touches // 4, 10)
    accounts = max(contacts // 5, 2)
    start = "timestamp '2025-01-01'"
    span_s = 540 * 86400
    channels = "[" + ", ".join(f"'{c}'" for c in CHANNELS) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema core")
        con.execute(f"""
            create table core.fct_contact_funnel as
            with base as (
                select i,
                    'c' || i as contact_key,
                    'a' || (i % {accounts}) as account_key,
                    {start} + to_seconds(cast({_u("i", 1)} * {span_s} as bigint)) as lead_at,
                    {_u("i", 2)} as r_mql, {_u("i", 3)} as r_sql
                from range({contacts}) t(i)
            )
            select contact_key, account_key, lead_at,
                case when r_mql < 0.4
                    then lead_at + to_seconds(cast(r_mql * 90 * 86400 as bigint)) end as mql_at,
                case when r_sql < 0.15
                    then lead_at + to_seconds(cast((r_mql + r_sql) * 120 * 86400 as bigint))
                end as sql_at,
                false as lead_is_inferred, false as mql_is_inferred,
                r_sql < 0.15 and r_mql >= 0.4 as sql_is_inferred
            from base""")
        con.execute(f"""
            create table core.fct_touchpoints as
            select
                md5('t' || i) as touchpoint_id,
                'c' || c as contact_key,
                'a' || (c % {accounts}) as account_key,
                null::varchar as anonymous_id, null::varchar as session_id,
                {start} + to_seconds(cast({_u("i", 5)} * {span_s} as bigint)) as touched_at,
                {types}[1 + cast(floor({_u("i", 6)} * {len(TYPES)}) as int)] as touch_type,
                {channels}[1 + cast(floor({_u("i", 7)} * {len(CHANNELS)}) as int)] as channel,
                null::varchar as source, null::varchar as medium,
                'google_ads:' || cast(floor({_u("i", 8)} * 60) as int) as campaign_key,
                false as is_before_identification, 'bench' as source_system
            from (select i, cast(floor({_u("i", 4)} * {contacts}) as bigint) as c
                  from range({touches}) t(i))""")
        con.execute(f"""
            create table core.fct_opportunities as
            with base as (
                select i, 'o' || i as opportunity_key, 'a' || (i % {accounts}) as account_key,
                    {start} + to_seconds(cast({_u("i", 9)} * {span_s} as bigint)) as created_at,
                    {_u("i", 10)} as r
                from range({accounts // 2}) t(i)
            )
            select opportunity_key, account_key,
                cast(1000 + floor(r * 90000) as decimal(18, 2)) as amount_usd, created_at,
                case when r < 0.7
                    then created_at + to_seconds(cast(r * 120 * 86400 as bigint)) end as closed_at,
                r < 0.7 as is_closed, r < 0.3 as is_won,
                case when r < 0.3 then 'won' when r < 0.7 then 'lost' else 'open' end as outcome
            from base""")
        # buying groups for 80% of the deals: 1-3 contacts of the account
        con.execute(f"""
            create table core.fct_opportunity_contacts as
            select distinct o.opportunity_key, 'c' || (o.a + {accounts} * k) as contact_key,
                'influencer' as role
            from (select opportunity_key, cast(substr(account_key, 2) as bigint) as a,
                         {_u("hash(opportunity_key) % 1000000", 11)} as r
                  from core.fct_opportunities) o,
                 range(3) g(k)
            where o.r < 0.8 and k <= cast(o.r * 3.7 as int)
                and o.a + {accounts} * k < {contacts}""")
        con.execute("""
            create table core.fct_ad_spend_daily as
            select d::date as date_day, 'google_ads' as platform, '1' as ad_account_id,
                cast(c as varchar) as campaign_id, 'google_ads:' || c as campaign_key,
                'campaign ' || c as campaign_name, 'USD' as currency, 0 as impressions,
                0 as clicks, 100.0 as spend, cast(100.0 as decimal(18, 6)) as spend_usd
            from range(date '2025-01-01', date '2026-07-01', interval 1 day) r(d),
                range(60) s(c)""")
        con.execute("checkpoint")
        return {
            "touches": touches,
            "contacts": contacts,
            "accounts": accounts,
            "opportunities": con.execute("select count(*) from core.fct_opportunities").fetchone()[
                0
            ],
        }
