"""Core-layer benchmark: our dbt core models vs plain SQL passes over the same raw tables.

    python -m benchmarks.bench_core [LANDING] [--scale default] [--seed 42] [--workdir DIR]

Setup (not timed): generates the demo landing folder at `--scale` when LANDING does not exist
yet, ingests it with a Dagster run of the raw assets (as tests/support/tiny_pipeline.py does),
then `dbt seed` and `dbt run` of models/staging (views over raw). The resulting warehouse is
copied twice, and each side runs on its own copy in its own child process, so that each side's
peak RSS (ru_maxrss from os.wait4, as benchmarks/bench_ingest.py reads it) is its own:

  ours       `dbt run` of the 34 core models: models/intermediate/{identity,lifecycle,sales,
             marketing} and models/marts/core (staging views resolve over raw inside it);
  reference  REFERENCE_SQL below, one script in one DuckDB connection: per raw table the core
             layer reads, the dedup pass (`row_number() over (partition by key order by
             newest first) = 1`) with the columns the funnel needs, then the main joins and
             aggregates a funnel needs (sessions, identity stitching, touchpoints, lifecycle
             stage changes, contact / account funnel, deals, daily ad spend), each written to a
             table like dbt's models are.

Prints both wall times, the ratio (issue target: <= 2x), both peak RSS (target: < 8 GB) and
the slowest dbt models. The reference is a floor, not a re-implementation: it does the same
kinds of passes over the same rows but skips the core layer's edge cases (merged contacts,
inferred stages, UTM-to-campaign resolution, channel grouping, lead scores, owners, dates).
Both sides run DuckDB with its default threads; dbt also runs two models at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DBT_PROJECT = REPO / "dbt_project"
CORE = [
    "path:models/intermediate/identity",
    "path:models/intermediate/lifecycle",
    "path:models/intermediate/sales",
    "path:models/intermediate/marketing",
    "path:models/marts/core",
]

REFERENCE_SQL = """
create schema ref;

-- 1. Dedup passes: per raw table the core layer reads, newest version (CRM, ads, targets) or
--    first delivery (web, email events) per key, with the columns the funnel needs.
create table ref.contacts as
select
    id as contact_id,
    lower(trim(properties ->> '$.email')) as email,
    nullif(properties ->> '$.associatedcompanyid', '') as company_id,
    nullif(properties ->> '$.hubspot_owner_id', '') as owner_id,
    properties ->> '$.lifecyclestage' as lifecycle_stage,
    try_cast(properties ->> '$.hs_lifecyclestage_lead_date' as timestamptz) as lead_at,
    try_cast(properties ->> '$.hs_lifecyclestage_marketingqualifiedlead_date' as timestamptz)
        as mql_at,
    try_cast(properties ->> '$.hs_lifecyclestage_salesqualifiedlead_date' as timestamptz)
        as sql_at,
    try_cast(properties ->> '$.hs_lifecyclestage_customer_date' as timestamptz) as customer_at,
    properties_with_history -> '$.lifecyclestage' as lifecycle_history
from raw.hubspot__contacts
qualify row_number() over (
    partition by id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.companies as
select id as company_id, properties ->> '$.name' as company_name,
    properties ->> '$.domain' as domain, properties ->> '$.industry' as industry
from raw.hubspot__companies
qualify row_number() over (
    partition by id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.deals as
select
    id as deal_id,
    json_extract_string(associations, '$.companies.results[0].id') as company_id,
    json_extract_string(associations, '$.contacts.results[*].id') as contact_ids,
    try_cast(properties ->> '$.amount' as decimal(18, 2)) as amount,
    properties ->> '$.deal_currency_code' as currency,
    properties ->> '$.dealstage' as deal_stage,
    try_cast(properties ->> '$.createdate' as timestamptz) as created_at,
    try_cast(properties ->> '$.closedate' as timestamptz) as closed_at,
    try_cast(properties ->> '$.hs_is_closed' as boolean) as is_closed,
    try_cast(properties ->> '$.hs_is_closed_won' as boolean) as is_won
from raw.hubspot__deals
qualify row_number() over (
    partition by id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.activities as
select id as activity_id, kind,
    try_cast(properties ->> '$.hs_timestamp' as timestamptz) as activity_at,
    json_extract_string(associations, '$.contacts.results[*].id') as contact_ids
from (
    select *, 'call' as kind from raw.hubspot__calls
    union all by name select *, 'meeting' as kind from raw.hubspot__meetings
    union all by name select *, 'email' as kind from raw.hubspot__emails
)
qualify row_number() over (
    partition by kind, id order by try_cast(updated_at as timestamptz) desc nulls last,
    _loaded_at desc, _file desc) = 1;

create table ref.web_events as
select
    message_id, anonymous_id, user_id, type, event,
    context ->> '$.sessionId' as session_id,
    try_cast("timestamp" as timestamptz) as event_at,
    coalesce(context ->> '$.page.url', properties ->> '$.url') as page_url,
    regexp_extract(coalesce(context ->> '$.page.url', properties ->> '$.url'),
        '[?&]utm_source=([^&#]*)', 1) as utm_source,
    regexp_extract(coalesce(context ->> '$.page.url', properties ->> '$.url'),
        '[?&]utm_medium=([^&#]*)', 1) as utm_medium,
    regexp_extract(coalesce(context ->> '$.page.url', properties ->> '$.url'),
        '[?&]utm_campaign=([^&#]*)', 1) as utm_campaign,
    lower(trim(coalesce(traits ->> '$.email', properties ->> '$.email'))) as email
from raw.web__events
qualify row_number() over (partition by message_id order by _loaded_at, _file) = 1;

create table ref.email_events as
select sg_event_id, lower(trim(email)) as email, event, url, singlesend_id,
    make_timestamp(cast("timestamp" as bigint) * 1000000) as event_at
from raw.sendgrid__events
qualify row_number() over (partition by sg_event_id order by _loaded_at, _file) = 1;

create table ref.fx_rates as
select try_cast("date" as date) as date_day, currency, try_cast(rate_to_usd as double) as rate
from raw.targets__fx_rates
qualify row_number() over (
    partition by "date", currency order by _loaded_at desc, _file desc) = 1;

create table ref.ad_spend_daily as
with spend as (
    select 'google_ads' as platform, campaign__id as campaign_id,
        try_cast(segments__date as date) as date_day, customer__currency_code as currency,
        try_cast(metrics__impressions as bigint) as impressions,
        try_cast(metrics__clicks as bigint) as clicks,
        try_cast(metrics__cost_micros as bigint) / 1e6 as spend
    from raw.google_ads__campaign_report
    qualify row_number() over (partition by customer__id, campaign__id, segments__date
        order by _file desc, _loaded_at desc) = 1
    union all
    select 'meta_ads', campaign_id, try_cast(date_start as date), account_currency,
        try_cast(impressions as bigint), try_cast(clicks as bigint), try_cast(spend as double)
    from raw.meta_ads__insights
    qualify row_number() over (partition by account_id, campaign_id, date_start
        order by _file desc, _loaded_at desc) = 1
    union all
    select 'linkedin_ads', pivot_value,
        make_date(date_range__start__year, date_range__start__month, date_range__start__day),
        'USD', impressions, clicks, try_cast(cost_in_usd as double)
    from raw.linkedin_ads__ad_analytics
    qualify row_number() over (partition by pivot_value, date_range__start__year,
        date_range__start__month, date_range__start__day
        order by _file desc, _loaded_at desc) = 1
)
select s.platform, s.campaign_id, s.date_day, sum(s.impressions) as impressions,
    sum(s.clicks) as clicks, sum(s.spend * coalesce(fx.rate, 1.0)) as spend_usd
from spend s
left join ref.fx_rates fx on fx.date_day = s.date_day and fx.currency = s.currency
group by all;

-- 2. Funnel joins and aggregates over the deduplicated tables.
create table ref.stage_changes as
select c.contact_id, h.change.value as stage,
    try_cast(h.change.timestamp as timestamptz) as changed_at
from ref.contacts c,
    unnest(from_json(c.lifecycle_history, '[{"value": "VARCHAR", "timestamp": "VARCHAR"}]'))
        as h(change)
where c.lifecycle_history is not null;

create table ref.sessions as
select session_id,
    arg_min(anonymous_id, event_at) as anonymous_id,
    min(event_at) as started_at, max(event_at) as ended_at,
    arg_min(page_url, (type != 'page', event_at)) as landing_page_url,
    arg_min(utm_source, (type != 'page', event_at)) as utm_source,
    arg_min(utm_medium, (type != 'page', event_at)) as utm_medium,
    arg_min(utm_campaign, (type != 'page', event_at)) as utm_campaign,
    count(*) as event_count,
    count(*) filter (where event = 'Form Submitted') as form_submissions
from ref.web_events
where session_id is not null
group by session_id;

create table ref.visitors as
select w.anonymous_id, arg_min(c.contact_id, w.event_at) as contact_id,
    min(w.event_at) as identified_at
from ref.web_events w
join ref.contacts c on c.email = w.email
where w.email is not null
group by w.anonymous_id;

create table ref.touchpoints as
select v.contact_id, s.started_at as touched_at, 'web_session' as touch_type,
    coalesce(s.utm_medium, 'direct') as channel, s.utm_campaign as campaign
from ref.sessions s
left join ref.visitors v using (anonymous_id)
union all
select c.contact_id, e.event_at, 'email_' || e.event, 'email', e.singlesend_id
from ref.email_events e
join ref.contacts c on c.email = e.email
where e.event in ('open', 'click')
union all
select unnest(a.contact_ids), a.activity_at, 'sales_' || a.kind, 'sales', null
from ref.activities a;

create table ref.deal_contacts as
select deal_id, unnest(contact_ids) as contact_id from ref.deals;

create table ref.contact_funnel as
with stages as (
    select contact_id,
        min(changed_at) filter (where stage = 'lead') as lead_entered_at,
        min(changed_at) filter (where stage = 'marketingqualifiedlead') as mql_entered_at,
        min(changed_at) filter (where stage = 'salesqualifiedlead') as sql_entered_at,
        min(changed_at) filter (where stage = 'opportunity') as opportunity_entered_at,
        min(changed_at) filter (where stage = 'customer') as customer_entered_at
    from ref.stage_changes
    group by contact_id
),
touches as (
    select contact_id, count(*) as touch_count, min(touched_at) as first_touch_at,
        arg_min(channel, touched_at) as first_touch_channel,
        arg_max(channel, touched_at) as last_touch_channel
    from ref.touchpoints
    where contact_id is not null
    group by contact_id
),
deals as (
    select dc.contact_id, count(*) as deal_count, count(*) filter (where d.is_won) as won_deals
    from ref.deal_contacts dc join ref.deals d using (deal_id)
    group by dc.contact_id
)
select c.contact_id, c.company_id, c.lifecycle_stage,
    coalesce(c.lead_at, s.lead_entered_at) as lead_at,
    coalesce(c.mql_at, s.mql_entered_at) as mql_at,
    coalesce(c.sql_at, s.sql_entered_at) as sql_at,
    s.opportunity_entered_at as opportunity_at,
    coalesce(c.customer_at, s.customer_entered_at) as customer_at,
    t.touch_count, t.first_touch_at, t.first_touch_channel, t.last_touch_channel,
    coalesce(d.deal_count, 0) as deal_count, coalesce(d.won_deals, 0) as won_deals
from ref.contacts c
left join stages s using (contact_id)
left join touches t using (contact_id)
left join deals d using (contact_id);

create table ref.account_funnel as
with contacts as (
    select company_id, count(*) as contacts, min(lead_at) as first_lead_at,
        min(mql_at) as first_mql_at, min(sql_at) as first_sql_at,
        sum(touch_count) as touches
    from ref.contact_funnel
    group by company_id
),
deals as (
    select company_id, count(*) as deals, min(created_at) as first_deal_at,
        min(closed_at) filter (where is_won) as first_won_at,
        sum(amount * coalesce(fx.rate, 1.0)) filter (where is_won) as won_amount_usd
    from ref.deals d
    left join ref.fx_rates fx on fx.date_day = cast(d.created_at as date)
        and fx.currency = d.currency
    group by company_id
)
select a.company_id, a.company_name, a.industry, c.contacts, c.first_lead_at, c.first_mql_at,
    c.first_sql_at, c.touches, d.deals, d.first_deal_at, d.first_won_at, d.won_amount_usd
from ref.companies a
left join contacts c using (company_id)
left join deals d using (company_id);
"""


def _env(data: Path, landing: Path, warehouse: Path) -> dict:
    return {
        **os.environ,
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "CLOSEDLOOP_DLT_DIR": str(data / "dlt"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }


def worker_ingest() -> None:
    """Child process (env set by the parent): the raw assets, as the tiny pipeline runs them."""
    from dagster import materialize

    from orchestration.assets.raw import raw_assets
    from orchestration.resources import build_resources
    from orchestration.settings import get_settings

    result = materialize(raw_assets, resources=build_resources(get_settings()))
    if not result.success:
        raise SystemExit("raw ingestion failed")


def worker_reference(warehouse: Path) -> None:
    """Child process: run REFERENCE_SQL, print its engine time and the tables' row counts."""
    import duckdb

    con = duckdb.connect(str(warehouse))
    con.execute("set enable_progress_bar = false")
    start = time.perf_counter()
    con.execute(REFERENCE_SQL)
    seconds = time.perf_counter() - start
    rows = {
        name: con.execute(f"select count(*) from ref.{name}").fetchone()[0]
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'ref' order by 1"
        ).fetchall()
    }
    con.close()
    print(json.dumps({"seconds": seconds, "rows": rows}))


def _timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """Run one child; wall seconds, its peak RSS in MB (os.wait4) and its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed ({status}):\n{output[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def _dbt(args: list[str], env: dict, target: Path) -> list[str]:
    dbt = Path(sys.executable).with_name("dbt")
    return [
        str(dbt),
        *args,
        "--profiles-dir",
        ".",
        "--target-path",
        str(target),
        "--log-path",
        str(target.parent / "logs"),
    ]


def setup(landing: Path, work: Path, scale: str, seed: str) -> Path:
    """Landing folder -> raw -> seeds + staging views, in work/base (all untimed)."""
    if not landing.exists():
        print(f"generating {scale} landing folder in {landing} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "ingestion.demo", "--scale", scale, "--seed", seed]
            + ["--out", str(landing)],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
    # Staging views name their catalog (the file's stem): every copy keeps warehouse.duckdb.
    base = work / "base" / "warehouse.duckdb"
    base.parent.mkdir(parents=True, exist_ok=True)
    env = _env(work / "data", landing, base)
    start = time.perf_counter()
    _timed([sys.executable, "-m", "benchmarks.bench_core", "--worker", "ingest"], env, REPO)
    print(f"ingested {landing} in {time.perf_counter() - start:.1f}s", flush=True)
    start = time.perf_counter()
    target = work / "target"
    _timed(_dbt(["seed"], env, target), env, DBT_PROJECT)
    _timed(_dbt(["run", "--select", "path:models/staging"], env, target), env, DBT_PROJECT)
    print(f"seeds + staging views in {time.perf_counter() - start:.1f}s", flush=True)
    return base


def _copy(base: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(base, folder / base.name))


def run_reference(base: Path, work: Path) -> dict:
    warehouse = _copy(base, work / "reference")
    cmd = [sys.executable, "-m", "benchmarks.bench_core", "--worker", "reference"]
    wall, rss, out = _timed([*cmd, "--warehouse", str(warehouse)], dict(os.environ), REPO)
    return {"wall": wall, "peak_rss_mb": rss, **json.loads(out.strip().splitlines()[-1])}


def run_ours(base: Path, work: Path, landing: Path) -> dict:
    warehouse = _copy(base, work / "ours")
    env = _env(work / "data", landing, warehouse)
    target = work / "target"
    # parse first (untimed), so that the timed run is the models, not dbt reading the project
    _timed(_dbt(["parse"], env, target), env, DBT_PROJECT)
    wall, rss, _ = _timed(_dbt(["run", "--select", *CORE], env, target), env, DBT_PROJECT)
    results = json.loads((target / "run_results.json").read_text())
    models = {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results["results"]}
    return {"wall": wall, "peak_rss_mb": rss, "seconds": results["elapsed_time"], "models": models}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("landing", nargs="?", type=Path)
    parser.add_argument("--scale", default="default", help="tiny|default|large (if generated)")
    parser.add_argument("--seed", default="42")
    parser.add_argument("--workdir", type=Path, help="keep the warehouses here")
    parser.add_argument("--worker", choices=["ingest", "reference"])
    parser.add_argument("--warehouse", type=Path)
    args = parser.parse_args(argv)
    if args.worker == "ingest":
        worker_ingest()
        return 0
    if args.worker == "reference":
        worker_reference(args.warehouse)
        return 0
    landing = (args.landing or REPO / "data" / "bench" / f"landing-{args.scale}").resolve()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench_core_"))
    work = work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        base = setup(landing, work, args.scale, args.seed)
        reference = run_reference(base, work)
        ours = run_ours(base, work, landing)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    model_sum = sum(ours["models"].values())
    print(
        f"reference SQL ({len(reference['rows'])} tables)     {reference['wall']:8.2f}s wall"
        f"  {reference['seconds']:8.2f}s in DuckDB  peak RSS {reference['peak_rss_mb']:7,.0f} MB"
    )
    print(
        f"ours: dbt run ({len(ours['models'])} core models)  {ours['wall']:8.2f}s wall"
        f"  {ours['seconds']:8.2f}s executing  peak RSS {ours['peak_rss_mb']:7,.0f} MB"
        f"  (sum of models {model_sum:.2f}s)"
    )
    for name, seconds in sorted(ours["models"].items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {name:45s} {seconds:7.2f}s")
    print(
        f"ratio ours / reference: {ours['wall'] / reference['wall']:.2f}x wall,"
        f" {ours['seconds'] / reference['seconds']:.2f}x executing (target <= 2x)"
    )
    peak = max(ours["peak_rss_mb"], reference["peak_rss_mb"])
    print(f"peak RSS: {peak:,.0f} MB (target < 8 GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
