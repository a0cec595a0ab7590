{#- team and owner_email (per-team / per-rep goals) are optional contract columns: a raw table
    loaded before the contract listed them has no such column and keeps them in `_extra`
    (as do its older rows once a later load added the column), so each is read from its
    column when the table has one, else (or when NULL) from `_extra`. -#}
{%- set raw_columns = relation_column_names(source('raw', 'targets__funnel_targets')) -%}
{%- set team_column = "coalesce(team, _extra ->> 'team')"
    if 'team' in raw_columns else "_extra ->> 'team'" -%}
{%- set owner_email_column = "coalesce(owner_email, _extra ->> 'owner_email')"
    if 'owner_email' in raw_columns else "_extra ->> 'owner_email'" -%}
with

source as (

    select * from {{ source('raw', 'targets__funnel_targets') }}
    {{ deduplicate('period_start, period_grain, metric, line_key', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        line_key,

        ---------- strings
        period_grain,
        metric,
        -- NULL = the whole company.
        nullif(trim(segment), '') as segment,
        -- NULL = not a team goal (the whole company or segment).
        nullif(trim({{ team_column }}), '') as team,
        -- NULL = not a rep goal; lower case to match core.dim_owner.email_normalized.
        nullif(lower(trim({{ owner_email_column }})), '') as owner_email,
        -- An empty currency is the reporting currency (used by the revenue metric only).
        coalesce(nullif(upper(trim(currency)), ''), '{{ var("reporting_currency") }}') as currency_code,

        ---------- numerics
        {{ to_money('target') }} as target_value,

        ---------- dates
        {{ try_cast('period_start', 'date') }} as period_start_date,
        -- The period the target is for: its month or quarter, whatever day the file names.
        cast(date_trunc(period_grain, {{ try_cast('period_start', 'date') }}) as date) as period_start,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
