{#- Nurture effectiveness against a matched control (docs/metrics/marketing.md): per program
    and matching cell (entry month × score band at entry × stage at entry), the program's
    leads and the never-nurtured leads described at their pseudo-entry
    (int_metrics__nurture_entries), and how many of each reached MQL / SQL AFTER entry.
    The expected conversions of a cell = the program's leads there × the controls' rate
    there; only cells with at least one control are "matched". Lift over any set of rows =
    (Σ matched conversions − Σ expected) / Σ matched leads. Cells without program leads
    are left out. -#}
with

entries as (

    select * from {{ ref('int_metrics__nurture_entries') }}

),

cells as (

    select
        nurture_program,
        entry_month_start,
        score_band_at_entry,
        stage_at_entry,
        cast(count(*) filter (where is_nurtured) as bigint) as nurtured_leads,
        cast(count(*) filter (where is_nurtured and mql_after_entry) as bigint)
            as nurtured_mql_after_entry,
        cast(count(*) filter (where is_nurtured and sql_after_entry) as bigint)
            as nurtured_sql_after_entry,
        cast(count(*) filter (where not is_nurtured) as bigint) as control_leads,
        cast(count(*) filter (where not is_nurtured and mql_after_entry) as bigint)
            as control_mql_after_entry,
        cast(count(*) filter (where not is_nurtured and sql_after_entry) as bigint)
            as control_sql_after_entry
    from entries
    group by all
    having count(*) filter (where is_nurtured) > 0

),

final as (

    select
        nurture_program,
        entry_month_start,
        score_band_at_entry,
        stage_at_entry,
        nurtured_leads,
        nurtured_mql_after_entry,
        nurtured_sql_after_entry,
        control_leads,
        control_mql_after_entry,
        control_sql_after_entry,
        case when control_leads > 0 then nurtured_leads else 0 end as matched_nurtured_leads,
        case when control_leads > 0 then nurtured_mql_after_entry else 0 end as matched_nurtured_mql_after_entry,
        case when control_leads > 0 then nurtured_sql_after_entry else 0 end as matched_nurtured_sql_after_entry,
        case
            when control_leads > 0
                then nurtured_leads * control_mql_after_entry / cast(control_leads as double)
            else 0
        end as expected_mql_after_entry,
        {{ metrics_ratio('nurtured_mql_after_entry', 'nurtured_leads') }} as nurtured_mql_rate,
        {{ metrics_ratio('control_mql_after_entry', 'control_leads') }} as control_mql_rate,
        {{ metrics_ratio('nurtured_mql_after_entry', 'nurtured_leads') }}
        - {{ metrics_ratio('control_mql_after_entry', 'control_leads') }} as mql_lift,
        case
            when control_leads > 0
                then nurtured_leads * control_sql_after_entry / cast(control_leads as double)
            else 0
        end as expected_sql_after_entry,
        {{ metrics_ratio('nurtured_sql_after_entry', 'nurtured_leads') }} as nurtured_sql_rate,
        {{ metrics_ratio('control_sql_after_entry', 'control_leads') }} as control_sql_rate,
        {{ metrics_ratio('nurtured_sql_after_entry', 'nurtured_leads') }}
        - {{ metrics_ratio('control_sql_after_entry', 'control_leads') }} as sql_lift
    from cells

)

select * from final
