"""Summary sections of the playbook extras (docs/playbook.md): revenue retention, goals vs
actuals and the stalled pipeline, each read from its published mart."""

from __future__ import annotations


def _pct(value) -> str:
    return "—" if value is None else f"{100 * float(value):.1f}%"


def _money(value) -> str:
    return "—" if value is None else f"${float(value):,.0f}"


def retention(con) -> list[str]:
    """NRR and GRR of the last complete quarter (the last one before the snapshot's)."""
    rows = con.execute("""
        select quarter_start, start_arr_usd, expansion_arr_usd, contraction_arr_usd,
               churned_arr_usd, net_revenue_retention, gross_revenue_retention_rate
        from metrics.mart_revenue_retention_quarterly_total
        where is_complete_quarter and start_arr_usd > 0
        order by quarter_start desc
        limit 2
    """).fetchall()
    if not rows:
        return ["    (no customers at the start of a complete quarter)"]
    return [
        f"    {quarter}  NRR {_pct(nrr):>7}  GRR {_pct(grr):>7}  start ARR {_money(start):>11}"
        f"  +expansion {_money(expansion)}  −contraction {_money(contraction)}"
        f"  −churn {_money(churned)}"
        for quarter, start, expansion, contraction, churned, nrr, grr in rows
    ]


def goals(con) -> list[str]:
    """Company-wide goal attainment of the last complete month."""
    month = con.execute("""
        select max(month_start) from metrics.mart_goal_attainment_monthly
        where not is_current_period and elapsed_days > 0 and target_value is not null
    """).fetchone()[0]
    if month is None:
        return ["    (no goals input: targets/funnel_targets*.csv)"]
    rows = con.execute(
        """
        select metric, target_value, actual_value, attainment
        from metrics.mart_goal_attainment_monthly
        where month_start = ? and segment = '(all)' and team = '(all)'
          and owner_key = '(all)'
        order by metric
        """,
        [month],
    ).fetchall()
    lines = [f"    {str(month):<14}{'target':>12}{'actual':>12}   attainment (company-wide)"]
    for metric, target, actual, attainment in rows:
        fmt = _money if metric.startswith("revenue") else (lambda v: f"{float(v or 0):,.0f}")
        lines.append(f"    {metric:<14}{fmt(target):>12}{fmt(actual):>12}   {_pct(attainment):>7}")
    return lines


def stalled(con) -> list[str]:
    rows = con.execute("""
        select item_type, count(*) filter (where is_stalled), count(*),
               sum(amount_usd) filter (where is_stalled)
        from metrics.mart_stalled_items
        group by item_type
        order by item_type
    """).fetchall()
    if not rows:
        return ["    (no open leads or deals)"]
    return [
        f"    {n_stalled:,} stalled of {n_open:,} open {item_type}s"
        + (f"  ({_money(amount or 0)} of open pipeline)" if item_type == "deal" else "")
        for item_type, n_stalled, n_open, amount in rows
    ]
