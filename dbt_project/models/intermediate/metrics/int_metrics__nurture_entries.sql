{#- The matched nurture comparison (docs/metrics/marketing.md), one row per nurture program
    × lead compared for it:
    - nurtured: a lead of the program (fct_contact_funnel.nurture_program) with a known
      entry time (first_nurture_at), reference time = that entry;
    - control: a lead never in any program, once per program, reference time = its lead
      creation + the program's median delay from lead creation to entry (a pseudo-entry:
      the moment it would have entered had it been nurtured).
    Both are described AT their reference time: its month, the band of the lead score it had
    then (last fct_lead_scores event at or before it; 'unscored' if none) and the furthest
    stage it had reached ('lead' not yet MQL, 'mql' MQL or SAL, 'sql' SQL or later); only
    MQL / SQL entries AFTER the reference time count as conversions. References after the
    snapshot date are left out. -#}
with

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

leads as (

    select * from {{ ref('fct_contact_funnel') }}
    where lead_at is not null

),

scores as (

    select * from {{ ref('fct_lead_scores') }}

),

bands as (

    select * from {{ ref('metrics_score_bands') }}

),

nurtured as (

    select
        nurture_program,
        contact_key,
        true as is_nurtured,
        epoch_us(first_nurture_at) as reference_us
    from leads
    where nurture_program is not null and first_nurture_at is not null

),

program_delays as (

    select
        nurtured.nurture_program,
        quantile_cont(nurtured.reference_us - epoch_us(leads.lead_at), 0.5) as median_delay_us
    from nurtured
    inner join leads
        on nurtured.contact_key = leads.contact_key
    group by nurtured.nurture_program

),

controls as (

    select
        program_delays.nurture_program,
        leads.contact_key,
        false as is_nurtured,
        epoch_us(leads.lead_at) + cast(program_delays.median_delay_us as bigint) as reference_us
    from leads
    cross join program_delays
    where leads.nurture_program is null

),

compared as (

    select
        compared.*,
        make_timestamp(compared.reference_us) as reference_at
    from (
        select * from nurtured
        union all
        select * from controls
    ) as compared
    cross join snapshot
    where cast(make_timestamp(compared.reference_us) as date) <= snapshot.snapshot_date

),

score_at_reference as (

    select
        compared.nurture_program,
        compared.contact_key,
        -- The last scoring event in the contact's timeline order (events at the same
        -- instant are ordered there, so a tie does not depend on row order).
        cast(arg_max(scores.running_score, scores.scoring_event_number) as bigint) as score
    from compared
    inner join scores
        on
            compared.contact_key = scores.contact_key
            and compared.reference_at >= scores.scored_at
    group by all

),

final as (

    select
        compared.nurture_program,
        compared.contact_key,
        compared.is_nurtured,
        compared.reference_at,
        cast(date_trunc('month', compared.reference_at) as date) as entry_month_start,
        case
            when score_at_reference.score is null then 'unscored'
            else coalesce(bands.score_band, '(unknown)')
        end as score_band_at_entry,
        case
            when leads.sql_at <= compared.reference_at then 'sql'
            when leads.mql_at <= compared.reference_at then 'mql'
            else 'lead'
        end as stage_at_entry,
        coalesce(leads.mql_at > compared.reference_at, false) as mql_after_entry,
        coalesce(leads.sql_at > compared.reference_at, false) as sql_after_entry
    from compared
    inner join leads
        on compared.contact_key = leads.contact_key
    left join score_at_reference
        on
            compared.nurture_program = score_at_reference.nurture_program
            and compared.contact_key = score_at_reference.contact_key
    left join bands
        on
            score_at_reference.score >= bands.min_score
            and (bands.max_score is null or score_at_reference.score <= bands.max_score)

)

select * from final
