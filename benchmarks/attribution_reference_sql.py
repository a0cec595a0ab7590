"""The reference side of benchmarks/bench_attribution.py: one SELECT that computes first /
last / linear / position-based / time-decay channel totals per stage straight from the core
tables, with the same eligibility as the dbt models.
"""

from __future__ import annotations

from benchmarks.attribution_core_tables import TYPES


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
