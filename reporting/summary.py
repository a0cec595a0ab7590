"""Print what the last pipeline run produced: `python -m reporting.summary`.

A compact terminal funnel dashboard read from the warehouse (read-only): the funnel,
velocity, sales, pipeline coverage for the quarter after the snapshot date, top channels
under several attribution models with the closed-loop reconciliation, quarantine and raw
rows per source (naming the sources of which nothing was ever loaded), and rows per
schema. A section whose mart is missing is skipped with a note, so that the summary works
on a partly built warehouse.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from closedloop.settings import get_settings
from reporting.absent import absent_sources
from reporting.playbook import goals, retention, stalled
from reporting.trust import oddities, published, quarantine

STAGES = ["visitor", "lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist"]
SHOWN_MODELS = ["first_touch", "last_touch", "linear", "w_shaped", "data_driven"]


def table_counts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    tables = con.execute(
        """
        select table_schema, table_name
        from information_schema.tables
        where table_schema not in ('information_schema', 'pg_catalog')
          and table_type = 'BASE TABLE'
        order by table_schema, table_name
        """
    ).fetchall()
    return [
        (schema, name, con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0])
        for schema, name in tables
    ]


def _money(value) -> str:
    return "—" if value is None else f"${float(value):,.0f}"


def _pct(value) -> str:
    return "—" if value is None else f"{100 * float(value):.1f}%"


def _num(value, digits: int = 1) -> str:
    return "—" if value is None else f"{float(value):,.{digits}f}"


def funnel(con) -> list[str]:
    # Cohort conversion, every cohort month and slice summed (the mart is additive).
    rows = con.execute("""
        select from_stage, to_stage, sum(entered_from_stage)::bigint,
               sum(converted_to_next_stage)::bigint
        from metrics.mart_funnel_cohorts
        group by from_stage, to_stage, from_stage_order
        order by from_stage_order
    """).fetchall()
    lines = [f"    {'stage':<13}{'entered':>9}   {'→ next':>8}"]
    for from_stage, to_stage, entered, converted in rows:
        rate = converted / entered if entered else None
        lines.append(f"    {from_stage:<13}{entered:>9,}   {_pct(rate):>8}  → {to_stage}")
    return lines


def velocity(con) -> list[str]:
    rows = con.execute("""
        select from_stage, to_stage, sum(transitions)::bigint,
               sum(total_days) / sum(transitions)
        from metrics.mart_funnel_velocity_quarterly
        group by from_stage, to_stage, from_stage_order
        order by from_stage_order
    """).fetchall()
    return [
        f"    {f + ' → ' + t:<26}{_num(days):>7} days mean  ({n:,} steps)" for f, t, n, days in rows
    ]


def sales(con) -> list[str]:
    total = con.execute("""
        select count(*) filter (where is_won), count(*) filter (where not is_won),
               sum(amount_usd) filter (where is_won),
               avg(sales_cycle_days) filter (where is_won)
        from intermediate.int_metrics__closed_deals
    """).fetchone()
    won, lost, revenue, cycle = total
    win_rate = won / (won + lost) if won + lost else None
    lines = [
        f"    all time: won {won:,}  lost {lost:,}  win rate {_pct(win_rate)}"
        f"  avg deal {_money(revenue / won if won else None)}  avg cycle {_num(cycle)} days"
    ]
    for start, w, lo, rate, size in con.execute("""
        select cast(date_trunc('quarter', month_start) as date) as quarter_start,
               sum(won_deals)::bigint, sum(lost_deals)::bigint,
               sum(won_deals) / nullif(sum(closed_deals), 0),
               sum(won_revenue_usd) / nullif(sum(won_deals), 0)
        from metrics.mart_sales_performance
        group by 1
        order by 1 desc limit 4
    """).fetchall():
        lines.append(
            f"    {start}  won {w:>4}  lost {lo:>4}  win rate {_pct(rate):>6}"
            f"  avg deal {_money(size)}"
        )
    return lines


def pipeline_coverage(con) -> list[str]:
    # The next quarter after the snapshot: each rep (mart_pipeline_coverage), then the total
    # (mart_pipeline_coverage_total; it is not the sum of the reps' ratios).
    rows = con.execute("""
        with target as (
            select snapshot_date,
                   cast(date_trunc('quarter', snapshot_date + interval 3 month) as date) as quarter
            from metrics.mart_pipeline_coverage_total limit 1
        ),
        -- rows are per pipeline; a rep's quota and coverage cover all their pipelines
        both_levels as (
            select quarter_start, owner_key, sum(open_deals) as open_deals,
                   sum(open_pipeline_usd) as open_pipeline_usd,
                   sum(weighted_pipeline_usd) as weighted_pipeline_usd,
                   max(quota_usd) as quota_usd, max(coverage_ratio) as coverage_ratio,
                   max(coverage_note) as coverage_note, false as total
            from metrics.mart_pipeline_coverage
            group by quarter_start, owner_key
            union all
            select quarter_start, 'total', sum(open_deals), sum(open_pipeline_usd),
                   sum(weighted_pipeline_usd), max(quota_usd), max(coverage_ratio),
                   max(coverage_note), true
            from metrics.mart_pipeline_coverage_total
            group by quarter_start
        )
        select target.snapshot_date, target.quarter, owner_key, open_deals, open_pipeline_usd,
               weighted_pipeline_usd, quota_usd, coverage_ratio, coverage_note
        from target
        left join both_levels on both_levels.quarter_start = target.quarter
        order by total, owner_key
    """).fetchall()
    if not rows:
        return ["    (no pipeline)"]
    snapshot, quarter = rows[0][0], rows[0][1]
    lines = [f"    as of {snapshot}, quarter starting {quarter}"]
    for _, _, owner, deals, pipeline, weighted, quota, ratio, note in rows:
        if owner is None:
            return lines + ["    no open pipeline and no quota for that quarter"]
        coverage = "—" if ratio is None else f"{float(ratio):.2f}x"
        lines.append(
            f"    {owner:<10} {deals:>4} deals  open {_money(pipeline):>10}"
            f"  weighted {_money(weighted):>10}  quota {_money(quota):>10}  coverage {coverage:>6}"
            + (f"  ({note})" if note else "")
        )
    return lines


def top_channels(con) -> list[str]:
    present = {
        m
        for (m,) in con.execute("""
        select distinct attribution_model from attribution.mart_channel_attribution
    """).fetchall()
    }
    # In SHOWN_MODELS' order: `select distinct` has none, and the printed table must not
    # change its columns from one run to the next.
    models = [m for m in SHOWN_MODELS if m in present]
    columns = ", ".join(
        f"sum(credited_amount_usd) filter (where attribution_model = '{m}')" for m in models
    )
    rows = con.execute(f"""
        select channel, {columns}
        from attribution.mart_channel_attribution
        where conversion_stage = 'closed_won'
        group by channel
        order by {2 + models.index("linear") if "linear" in models else 2} desc nulls last
        limit 5
    """).fetchall()
    lines = ["    " + f"{'channel':<16}" + "".join(f"{m:>14}" for m in models)]
    lines += [
        "    " + f"{row[0]:<16}" + "".join(f"{_money(v):>14}" for v in row[1:]) for row in rows
    ]
    return lines


def reconciliation(con) -> list[str]:
    rows = con.execute("""
        select conversion_stage, sum(total_amount_usd), sum(attributed_amount_usd),
               sum(unattributed_amount_usd)
        from attribution.mart_attribution_reconciliation
        where conversion_stage in ('closed_won', 'expansion_won')
          and attribution_model = 'linear'
        group by conversion_stage
        order by conversion_stage = 'expansion_won'
    """).fetchall()
    names = {"closed_won": "new business", "expansion_won": "expansion+renewal"}
    return [
        f"    {names[stage]:<18} won {_money(total)} = attributed {_money(attributed)}"
        f" + unattributed {_money(unattributed)}  (linear; every model reconciles)"
        for stage, total, attributed, unattributed in rows
    ]


def raw_sources(con) -> list[str]:
    per_source: dict[str, int] = {}
    for schema, name, rows in table_counts(con):
        if schema == "raw" and not name.startswith("_"):
            source = name.split("__")[0]
            per_source[source] = per_source.get(source, 0) + rows
    if not per_source:
        return ["    (no raw tables)"]
    lines = [f"    {source:<16}{rows:>12,} rows" for source, rows in sorted(per_source.items())]
    if absent := absent_sources(con):
        lines.append(f"    absent (no rows ever loaded): {', '.join(absent)}")
    return lines


def quality_gate(con) -> list[str]:
    """One line per check group (the schema a suite guards) for the latest validation run."""
    rows = con.execute("""
        with latest as (
            select run_id from quality.validation_runs order by validated_at desc limit 1
        )
        select
            split_part(table_name, '.', 1) as check_group,
            count(*) as suites,
            count(*) filter (where success) as passed,
            sum(expectations) as expectations,
            sum(blocking_failed) as blocking_failed
        from quality.validation_runs
        where run_id = (select run_id from latest)
        group by check_group
        order by check_group
    """).fetchall()
    return [
        f"    {group:<14}{passed:>3}/{suites:<3} suites passed  {expectations:>4} expectations"
        f"  {blocking:>3} blocking failures"
        for group, suites, passed, expectations, blocking in rows
    ] or ["    (no validation run recorded)"]


def schemas(con) -> list[str]:
    per_schema: dict[str, tuple[int, int]] = {}
    for schema, _, rows in table_counts(con):
        tables, total = per_schema.get(schema, (0, 0))
        per_schema[schema] = (tables + 1, total + rows)
    return [
        f"    {schema:<16}{tables:>4} tables {total:>12,} rows"
        for schema, (tables, total) in per_schema.items()
    ]


SECTIONS: list[tuple[str, Callable]] = [
    ("Funnel (contacts, cohort conversion to the next stage)", funnel),
    ("Velocity (days from entering a stage to the next)", velocity),
    ("Sales", sales),
    ("Pipeline coverage, next quarter", pipeline_coverage),
    ("Top channels by won revenue, per attribution model", top_channels),
    ("Closed-loop reconciliation (all periods)", reconciliation),
    ("Revenue retention (last complete quarters)", retention),
    ("Goals vs actuals (last complete month)", goals),
    ("Stalled leads and deals (beyond their stage's p75)", stalled),
    ("Quarantine", quarantine),
    ("Odd records handled by the models", oddities),
    ("Raw sources", raw_sources),
    ("Warehouse", schemas),
    ("Quality gate (latest run, per check group)", quality_gate),
]


def render(con: duckdb.DuckDBPyConnection) -> str:
    out: list[str] = []
    for title, section in SECTIONS:
        out.append(f"\n  {title}")
        try:
            out.extend(section(con))
        except duckdb.CatalogException as missing:
            first_line = str(missing).splitlines()[0]
            out.append(f"    (skipped: {first_line})")
    return "\n".join(out)


def main() -> None:
    settings = get_settings()
    if not settings.warehouse_path.exists():
        raise SystemExit(f"No warehouse at {settings.warehouse_path}: run `make run` first.")
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        print(f"\nclosedloop warehouse: {settings.warehouse_path}")
        print(render(con))
    print("\n  Published for BI")
    try:
        print("\n".join(published(settings.serving_path)))
    except duckdb.Error as unreadable:
        print(f"    (serving file unreadable: {str(unreadable).splitlines()[0]})")


if __name__ == "__main__":
    main()
