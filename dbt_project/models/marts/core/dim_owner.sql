{#- Reps: int_owners__roles (teams and the role their name gives) as published, plus an
    unknown member for each HubSpot owner id that a deal, sales activity, quota, contact or
    company references and the owners export does not have (docs/resilience.md §1). -#}
with

owners as (

    select * from {{ ref('int_owners__roles') }}

),

deals as (

    select * from {{ ref('int_opportunities__deals') }}

),

activities as (

    select * from {{ ref('int_sales__activities') }}

),

quotas as (

    select * from {{ ref('int_quotas') }}

),

contacts as (

    select * from {{ ref('int_contacts__survivors') }}

),

accounts as (

    select * from {{ ref('int_accounts__unioned') }}

),

referenced as (

    select owner_key from deals
    union
    select owner_key from activities
    union
    select owner_key from quotas
    union
    select {{ crm_key('hubspot_owner_id') }} as owner_key from contacts
    union
    select {{ crm_key('hubspot_owner_id') }} as owner_key from accounts

),

unknown_owners as (

    select
        referenced.owner_key,
        substr(referenced.owner_key, length('hs_') + 1) as hubspot_owner_id
    from referenced
    left join owners
        on referenced.owner_key = owners.owner_key
    where
        referenced.owner_key is not null
        and owners.owner_key is null

),

final as (

    select
        owner_key,
        hubspot_owner_id,
        user_id,
        email,
        email_normalized,
        first_name,
        last_name,
        full_name,
        primary_team_name,
        primary_team_id,
        team_names,
        role,
        is_archived,
        created_at,
        updated_at,
        false as is_unknown_member
    from owners
    union all
    select
        owner_key,
        hubspot_owner_id,
        cast(null as varchar) as user_id,
        cast(null as varchar) as email,
        cast(null as varchar) as email_normalized,
        cast(null as varchar) as first_name,
        cast(null as varchar) as last_name,
        '(unknown owner ' || hubspot_owner_id || ')' as full_name,
        'unknown' as primary_team_name,
        cast(null as varchar) as primary_team_id,
        ['unknown'] as team_names,
        cast(null as varchar) as role,
        false as is_archived,
        cast(null as timestamp) as created_at,
        cast(null as timestamp) as updated_at,
        true as is_unknown_member
    from unknown_owners

)

select * from final
