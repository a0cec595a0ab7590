"""A small hand-made warehouse per docs/core-schema.md and the mart ymls, and a Dagster gate.

The gate is the real code (suite checks, publish asset) around a stand-in for the dbt
assets: a multi-asset with the marts' keys that builds nothing (the tables are already
there), so checks and publish run downstream of it exactly as in the pipeline. Its keys
carry the real project's lineage between these tables (LINEAGE), and it reports a dbt-like
test `stand_in_test` on core.fct_touchpoints that fails when the test created the table
`main.stand_in_failures` (a stand-in for a failed dbt test; the table is its failing rows).
"""

from __future__ import annotations

import duckdb
from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    AssetSpec,
    materialize,
    multi_asset,
)
from dagster_duckdb import DuckDBResource

from closedloop.settings import WAREHOUSE_POOL
from expectations.suites._common import ATTRIBUTION_MODELS
from orchestration.assets.publish import build_publish_asset
from orchestration.assets.quality import build_suite_checks

PUBLISHED = [
    "core.dim_channel",
    "core.dim_account",
    "core.dim_owner",
    "core.fct_contact_funnel",
    "core.fct_opportunities",
    "core.fct_touchpoints",
    "attribution.fct_attribution_credits",
    "attribution.mart_attribution_reconciliation",
    "metrics.mart_sales_performance",
]
KEYS = {table: AssetKey(table.split(".")) for table in PUBLISHED}
# What each table is built from, as in the dbt project (upstream tables among PUBLISHED).
LINEAGE = {
    "core.fct_touchpoints": ["core.dim_channel"],
    "core.fct_opportunities": ["core.dim_account", "core.dim_owner"],
    "attribution.fct_attribution_credits": [
        "core.fct_touchpoints",
        "core.fct_opportunities",
        "core.fct_contact_funnel",
    ],
    "attribution.mart_attribution_reconciliation": [
        "attribution.fct_attribution_credits",
        "core.fct_opportunities",
    ],
    "metrics.mart_sales_performance": ["core.fct_opportunities"],
}
STAND_IN_TEST = "stand_in_test"

_MODELS = ", ".join(f"('{m}')" for m in ATTRIBUTION_MODELS)

SQL = f"""
create schema core; create schema attribution; create schema metrics;

create table core.dim_channel as
select * from (values ('paid_search', 1), ('email', 2), ('organic_search', 3), ('direct', 4))
    t(channel, first_rule_priority);

create table core.dim_owner as
select 'hs_' || i as owner_key, 'Rep ' || i as owner_name, 'rep' || i || '@corp.example' as email,
       '+1 555 01' || i as phone
from range(1, 4) r(i);

create table core.dim_account as
select 'hs_' || (100 + i) as account_key, 'Account ' || i as account_name
from range(10) r(i);

create table core.dim_contact as
select 'hs_' || (1000 + i) as contact_key, 'c' || i || '@ex.example' as email,
       'hs_' || (100 + i % 10) as account_key
from range(40) r(i);

create table core.fct_contact_funnel as
with base as (
    select 'hs_' || (1000 + i) as contact_key, 'hs_' || (100 + i % 10) as account_key,
           'hs_' || (1 + i % 3) as owner_key, i,
           timestamp '2025-01-01 00:00:00' + to_days(i) as t0
    from range(40) r(i)
)
select contact_key, account_key, owner_key,
       t0 as visitor_at,
       t0 + interval 1 day as lead_at,
       case when i % 2 = 0 then t0 + interval 3 day end as mql_at,
       case when i % 2 = 0 then t0 + interval 4 day end as sal_at,
       case when i % 4 = 0 then t0 + interval 6 day end as sql_at,
       case when i % 4 = 0 then t0 + interval 8 day end as opportunity_at,
       case when i % 8 = 0 then t0 + interval 30 day end as customer_at,
       cast(null as timestamp) as evangelist_at,
       case when i % 8 = 0 then 'customer' when i % 4 = 0 then 'opportunity'
            when i % 2 = 0 then 'sal' else 'lead' end as current_stage,
       cast(null as timestamp) as disqualified_at,
       0 as recycle_count,
       cast(null as varchar) as nurture_program,
       case when i % 2 = 0 then 'fast_track' else 'lead_only' end as path_type
from base;

create table core.fct_opportunities as
select 'hs_' || (5000 + i) as opportunity_key, 'hs_' || (100 + i % 10) as account_key,
       'hs_' || (1 + i % 3) as owner_key,
       cast(1000 * (i + 1) as decimal(18, 6)) as amount, 'USD' as currency,
       cast(1000 * (i + 1) + 0.25 as decimal(18, 2)) as amount_usd,
       timestamp '2025-02-01 09:00:00' + to_days(i * 3) as created_at,
       case when i < 8 then timestamp '2025-03-01 12:00:00' + to_days(i * 5) end as closed_at,
       i < 8 as is_closed, i < 5 as is_won,
       case when i < 5 then 'won' when i < 8 then 'lost' else 'open' end as outcome
from range(12) r(i);

create table core.fct_touchpoints as
select md5('t' || i) as touchpoint_id, 'hs_' || (1000 + i % 40) as contact_key,
       'hs_' || (100 + i % 10) as account_key,
       timestamp '2025-01-01 08:00:00' + to_hours(i) as touched_at,
       case when i % 3 = 0 then 'ad_click' when i % 3 = 1 then 'email_click'
            else 'web_session' end as touch_type,
       case when i % 3 = 0 then 'paid_search' when i % 3 = 1 then 'email'
            else 'organic_search' end as channel,
       cast(null as varchar) as campaign_key, 'segment' as source_system
from range(200) r(i);

-- Won deals 0-3 have two touches each; deal 4 has none (its revenue is unattributed).
create table attribution.fct_attribution_credits as
with conversions as (
    select 'closed_won|' || opportunity_key as conversion_id, opportunity_key, amount_usd,
           closed_at, row_number() over (order by opportunity_key) - 1 as n
    from core.fct_opportunities where is_won
),
touches as (
    select c.*, p.position, md5('t' || (c.n * 2 + p.position)) as touchpoint_id
    from conversions c, (values (1), (2)) p(position)
    where c.n < 4
),
models as (select * from (values {_MODELS}) m(attribution_model))
select conversion_id || '|' || touchpoint_id || '|' || attribution_model as credit_id,
       conversion_id, 'closed_won' as conversion_stage, touchpoint_id,
       'ad_click' as touch_type, 'paid_search' as channel, attribution_model,
       case when attribution_model = 'first_touch' then (position = 1)::int::double
            when attribution_model = 'last_touch' then (position = 2)::int::double
            else 0.5 end as attribution_weight,
       case when position = 1 then 'first' else 'last' end as touch_role,
       cast(amount_usd as double) as conversion_amount_usd,
       cast(closed_at as timestamp) as converted_at
from touches, models;
alter table attribution.fct_attribution_credits add column credited_amount_usd double;
update attribution.fct_attribution_credits
    set credited_amount_usd = attribution_weight * conversion_amount_usd;

create table attribution.mart_attribution_reconciliation as
with won as (
    select cast(date_trunc('month', closed_at) as date) as month_start,
           count(*) as conversions, sum(amount_usd) as total_amount_usd
    from core.fct_opportunities where is_won group by 1
),
models as (select * from (values {_MODELS}) m(attribution_model)),
attributed as (
    select cast(date_trunc('month', converted_at) as date) as month_start, attribution_model,
           count(distinct conversion_id) as attributed_conversions,
           sum(credited_amount_usd) as attributed_amount_usd
    from attribution.fct_attribution_credits group by 1, 2
)
select 'closed_won' as conversion_stage, won.month_start, models.attribution_model,
       won.conversions,
       coalesce(attributed.attributed_conversions, 0) as attributed_conversions,
       won.total_amount_usd,
       round(coalesce(attributed.attributed_amount_usd, 0), 2) as attributed_amount_usd,
       round(won.total_amount_usd - coalesce(attributed.attributed_amount_usd, 0), 2)
           as unattributed_amount_usd,
       0.0 as unreconciled_amount_usd
from won cross join models
left join attributed
  on attributed.month_start = won.month_start
 and attributed.attribution_model = models.attribution_model;

create table metrics.mart_sales_performance as
select date '2025-03-01' as month_start, 'new_business' as deal_type, 'hs_1' as owner_key,
       'AE EMEA' as owner_team,
       '50-199' as company_size_band, 'SOFTWARE' as industry, 'paid_search' as source_channel,
       8::bigint as closed_deals, 5::bigint as won_deals, 3::bigint as lost_deals,
       5 / 8 as win_rate, cast(15001.25 as decimal(18, 2)) as won_revenue_usd,
       3000.25 as avg_deal_size_usd, 100.0 as won_sales_cycle_days_total,
       20.0 as avg_sales_cycle_days;
"""


def build(path) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute(SQL)


def execute(path, *statements: str) -> None:
    with duckdb.connect(str(path)) as connection:
        for statement in statements:
            connection.execute(statement)


@multi_asset(
    specs=[
        AssetSpec(key, deps=[KEYS[t] for t in LINEAGE.get(table, [])])
        for table, key in KEYS.items()
    ],
    check_specs=[AssetCheckSpec(STAND_IN_TEST, asset=KEYS["core.fct_touchpoints"])],
    pool=WAREHOUSE_POOL,
)
def stand_in_dbt(warehouse: DuckDBResource):
    """The dbt models, already built by the test: materializes nothing new."""
    for key in KEYS.values():
        yield _materialized(key)
    with warehouse.get_connection() as connection:
        (broken,) = connection.execute(
            "select count(*) from information_schema.tables where table_name = 'stand_in_failures'"
        ).fetchone()
    yield AssetCheckResult(
        check_name=STAND_IN_TEST,
        asset_key=KEYS["core.fct_touchpoints"],
        passed=broken == 0,
        severity=AssetCheckSeverity.ERROR,
        metadata={"dagster_dbt/failed_row_count": broken},
    )


def _materialized(key):
    from dagster import MaterializeResult

    return MaterializeResult(asset_key=key)


SUITE_CHECKS = build_suite_checks(KEYS.values(), name="quality_suites_test")
PUBLISH = build_publish_asset(KEYS)


def run_gate(warehouse_path, *, with_checks: bool = True, selection=None):
    """One Dagster run: stand-in dbt, the suite checks, publish (raise_on_error=False)."""
    assets = [stand_in_dbt, PUBLISH, *([SUITE_CHECKS] if with_checks else [])]
    return materialize(
        assets,
        resources={"warehouse": DuckDBResource(database=str(warehouse_path))},
        raise_on_error=False,
        selection=selection,
    )
