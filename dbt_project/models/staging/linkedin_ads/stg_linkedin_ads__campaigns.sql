with

source as (

    select * from {{ source('raw', 'linkedin_ads__campaigns') }}
    {{ deduplicate('id', '_loaded_at desc, _file desc') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as campaign_id,
        {{ urn_id('account') }} as account_id,
        {{ urn_id('campaign_group') }} as campaign_group_id,

        ---------- strings
        name as campaign_name,
        status as campaign_status,
        cost_type,
        daily_budget__currency_code as daily_budget_currency_code,

        ---------- numerics
        {{ to_money('daily_budget__amount') }} as daily_budget,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
