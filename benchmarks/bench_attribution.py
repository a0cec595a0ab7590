"""Attribution benchmark: our dbt attribution models vs one reference SELECT.

    python -m benchmarks.bench_attribution [--touches 4000000] [--workdir DIR] [--keep]

Synthesizes core tables shaped like docs/core-schema.md (fct_touchpoints with N touches,
N/4 contacts, accounts of ~5 contacts, deals with buying groups, daily spend) in a fresh
DuckDB file, deterministically (hash-based, no RNG state). Then, each in its own child
process so that each peak RSS is its own:

  ours       `dbt run` of models/intermediate/attribution + models/marts/attribution: all nine
             models at all five stages, the Markov solve, the credit table and the marts;
  reference  one SELECT that computes first / last / linear / position-based / time-decay
             channel totals per stage straight from the core tables, with the same
             eligibility (contacts, buying groups, lookback, touch types, strictly before).

Prints both times, the ratio (issue target: <= 2x), both peak RSS (target: < 4 GB) and the
largest relative difference between the two sides' channel totals (must be ~1e-12).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DBT_PROJECT = REPO / "dbt_project"
SELECTOR = ["path:models/intermediate/attribution", "path:models/marts/attribution"]
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


def reference_sql(lookback_days=365, half_life_days=7.0) -> str:
    """One SELECT: five models' channel totals per stage straight from the core tables."""
    countable = ", ".join(f"'{t}'" for t in TYPES if t != "email_open")
    return f"""
    with conversions as (
        select 'lead' as stage, contact_key as conversion_id, contact_key, lead_at as conv_at
            from core.fct_contact_funnel where lead_at is not null
        union all select 'mql', contact_key, contact_key, mql_at
            from core.fct_contact_funnel where mql_at is not null
        union all select 'sql', contact_key, contact_key, sql_at
            from core.fct_contact_funnel where sql_at is not null
        union all
        select stage, o.opportunity_key, g.contact_key, conv_at
        from (select 'opportunity' as stage, opportunity_key, account_key, created_at as conv_at
                  from core.fct_opportunities where created_at is not null
              union all
              select 'closed_won', opportunity_key, account_key, closed_at
                  from core.fct_opportunities where is_won and closed_at is not null) o
        join (select distinct opportunity_key, contact_key from core.fct_opportunity_contacts
              union all
              select o.opportunity_key, f.contact_key
              from core.fct_opportunities o
              join core.fct_contact_funnel f on f.account_key = o.account_key
              where not exists (select 1 from core.fct_opportunity_contacts r
                                where r.opportunity_key = o.opportunity_key)) g
            on g.opportunity_key = o.opportunity_key
    ),
    paths as (
        select c.stage, c.conversion_id, t.channel,
            row_number() over w as pos, count(*) over p as n,
            pow(2.0, -(date_diff('microsecond', t.touched_at, c.conv_at) / 86400000000.0)
                / {half_life_days}) as decay,
            sum(pow(2.0, -(date_diff('microsecond', t.touched_at, c.conv_at) / 86400000000.0)
                / {half_life_days})) over p as decay_total
        from conversions c
        join core.fct_touchpoints t on t.contact_key = c.contact_key
            and t.touched_at < c.conv_at
            and t.touched_at >= c.conv_at - interval '{lookback_days} days'
            and t.touch_type in ({countable})
        window p as (partition by c.stage, c.conversion_id),
               w as (partition by c.stage, c.conversion_id order by t.touched_at, t.touchpoint_id)
    )
    select stage, channel,
        sum(case when pos = 1 then 1.0 else 0.0 end)::double as first_touch,
        sum(case when pos = n then 1.0 else 0.0 end)::double as last_touch,
        sum(1.0 / n)::double as linear,
        sum(case when n = 1 then 1.0 when n = 2 then 0.5
                 when pos = 1 or pos = n then 0.4 else 0.2 / (n - 2) end)::double
            as position_based,
        sum(decay / decay_total)::double as time_decay
    from paths group by stage, channel
    """


def _child_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_reference(warehouse: Path) -> dict:
    """Child process: time the reference SELECT, write its totals next to the warehouse."""
    code = f"""
import duckdb, json, time, resource
con = duckdb.connect({str(warehouse)!r}, read_only=True)
con.execute("set enable_progress_bar = false")
sql = {reference_sql()!r}
start = time.perf_counter()
rows = con.execute(sql).fetchall()
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "rows": rows,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("reference SELECT failed:\n" + out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_ours(warehouse: Path, workdir: Path) -> dict:
    dbt = Path(sys.executable).with_name("dbt")
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }
    target = workdir / "target"
    # parse first, so that the timed run is the models, not dbt reading the project
    subprocess.run(
        [
            str(dbt),
            "parse",
            "--profiles-dir",
            ".",
            "--target-path",
            str(target),
            "--log-path",
            str(workdir / "logs"),
        ],
        cwd=DBT_PROJECT,
        env=env,
        check=True,
        capture_output=True,
    )
    run_args = [
        str(dbt),
        "run",
        "--profiles-dir",
        ".",
        "--target-path",
        str(target),
        "--log-path",
        str(workdir / "logs"),
        "--select",
        *SELECTOR,
    ]
    code = f"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run({run_args!r}, cwd={str(DBT_PROJECT)!r}, capture_output=True, text=True)
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "returncode": done.returncode,
                   "output": done.stdout[-3000:] + done.stderr[-2000:],
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["returncode"] != 0:
        raise SystemExit("dbt run failed:\n" + result["output"])
    run_results = json.loads((target / "run_results.json").read_text())
    result["models"] = {
        r["unique_id"].split(".")[-1]: r["execution_time"] for r in run_results["results"]
    }
    return result


def agreement(warehouse: Path, reference_rows: list) -> float:
    import duckdb

    models = ["first_touch", "last_touch", "linear", "position_based", "time_decay"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ours = {
            (stage, channel, model): value
            for stage, channel, model, value in con.execute(
                "select conversion_stage, channel, attribution_model, sum(credited_conversions)"
                " from attribution.mart_channel_attribution group by all"
            ).fetchall()
        }
    worst = 0.0
    for stage, channel, *values in reference_rows:
        for model, value in zip(models, values, strict=True):
            mine = ours.get((stage, channel, model), 0.0)
            worst = max(worst, abs(mine - value) / max(abs(value), 1e-12))
    return worst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touches", type=int, default=4_000_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_attribution_"))
    workdir.mkdir(parents=True, exist_ok=True)
    warehouse = workdir / "warehouse.duckdb"
    try:
        if warehouse.exists():
            warehouse.unlink()
        start = time.perf_counter()
        sizes = synthesize(warehouse, args.touches)
        print(f"synthesized {sizes} in {time.perf_counter() - start:.1f}s")
        reference = run_reference(warehouse)
        ours = run_ours(warehouse, workdir)
        ratio = ours["seconds"] / reference["seconds"]
        model_seconds = sum(ours["models"].values())
        print(
            f"reference SELECT (5 models)      {reference['seconds']:8.2f}s"
            f"  peak RSS {reference['peak_rss_mb']:7.0f} MB"
        )
        print(
            f"ours: dbt run (9 models, marts)  {ours['seconds']:8.2f}s"
            f"  peak RSS {ours['peak_rss_mb']:7.0f} MB"
            f"  (models alone {model_seconds:.2f}s)"
        )
        for name, seconds in sorted(ours["models"].items(), key=lambda kv: -kv[1]):
            print(f"    {name:45s} {seconds:7.2f}s")
        print(
            f"ratio ours / reference: {ratio:.2f}x wall,"
            f" {model_seconds / reference['seconds']:.2f}x models alone (target <= 2x)"
        )
        print(
            f"channel totals, largest relative difference: "
            f"{agreement(warehouse, reference['rows']):.2e}"
        )
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
