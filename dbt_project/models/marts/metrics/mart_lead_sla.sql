{#- MQL follow-up SLA (DESIGN.md §5), cohort-based by the period the contact became an MQL,
    overall and per owner and owner team: hours from MQL to the first sales activity
    listing the contact (fct_sales_activities.contact_keys), % followed up within the SLA
    window (var mql_sla_hours, default 24), SAL acceptance rate (MQLs that reached SAL) and
    recycle rate (MQLs recycled to marketing at least once). Inferred MQLs (the stage was
    skipped, so nobody could follow it up) are left out. -#}
{%- set sla_hours = var('mql_sla_hours', 24) -%}
{%- set dimension_columns = {'owner': 'owner_key', 'owner_team': 'owner_team'} -%}
with

contacts as (

    select * from {{ ref('fct_contact_funnel') }}
    where mql_at is not null and not coalesce(mql_is_inferred, false)

),

contact_dimensions as (

    select * from {{ ref('int_metrics__contact_dimensions') }}

),

activities as (

    select * from {{ ref('fct_sales_activities') }}

),

snapshot as (

    select * from {{ ref('dim_snapshot_date') }}

),

activity_contacts as (

    select distinct
        occurred_at,
        unnest(list_append(coalesce(contact_keys, []), contact_key)) as contact_key
    from activities

),

mqls as (

    select
        contacts.contact_key,
        contacts.mql_at,
        contacts.sal_at is not null as reached_sal,
        coalesce(contacts.recycle_count, 0) > 0 as was_recycled,
        contact_dimensions.owner_team,
        {{ metrics_unknown('contacts.owner_key') }} as owner_key,
        min(activity_contacts.occurred_at) as first_activity_at
    from contacts
    inner join contact_dimensions
        on contacts.contact_key = contact_dimensions.contact_key
    cross join snapshot
    left join activity_contacts
        on
            contacts.contact_key = activity_contacts.contact_key
            and contacts.mql_at <= activity_contacts.occurred_at
            and cast(activity_contacts.occurred_at as date) <= snapshot.snapshot_date
    where cast(contacts.mql_at as date) <= snapshot.snapshot_date
    group by all

),

timed as (

    select
        *,
        (epoch(first_activity_at) - epoch(mql_at)) / 3600.0 as hours_to_first_activity
    from mqls

),

slices as (

    {{ metrics_dimension_rows('timed', 'contact_key', dimension_columns) }}

),

aggregated as (

    select
        period_grains.period_grain,
        {{ metrics_period_start('timed.mql_at', 'period_grains.period_grain') }} as period_start,
        slices.dimension,
        slices.dimension_value,
        count(*) as mqls,
        count(timed.first_activity_at) as mqls_followed_up,
        count(*) filter (where timed.hours_to_first_activity <= {{ sla_hours }}) as mqls_within_sla,
        quantile_cont(timed.hours_to_first_activity, 0.5) as median_hours_to_first_activity,
        avg(timed.hours_to_first_activity) as mean_hours_to_first_activity,
        count(*) filter (where timed.reached_sal) as mqls_accepted,
        count(*) filter (where timed.was_recycled) as mqls_recycled
    from timed
    inner join slices
        on timed.contact_key = slices.entity_key
    cross join {{ metrics_period_grains() }}
    group by all

),

final as (

    select
        period_grain,
        period_start,
        dimension,
        dimension_value,
        {{ sla_hours }} as sla_hours,
        mqls,
        mqls_followed_up,
        mqls_within_sla,
        100 * {{ metrics_ratio('mqls_within_sla', 'mqls') }} as pct_within_sla,
        median_hours_to_first_activity,
        mean_hours_to_first_activity,
        mqls_accepted,
        {{ metrics_ratio('mqls_accepted', 'mqls') }} as sal_acceptance_rate,
        mqls_recycled,
        {{ metrics_ratio('mqls_recycled', 'mqls') }} as recycle_rate
    from aggregated

)

select * from final
