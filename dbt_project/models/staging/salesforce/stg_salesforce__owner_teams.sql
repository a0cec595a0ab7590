{#- A User's role (UserRole) as its one team, in the columns of stg_hubspot__owner_teams.
    One row per user that has a role. -#}
with

users as (

    select * from {{ ref('base_salesforce__user') }}
    where user_role_id is not null

),

roles as (

    select * from {{ ref('base_salesforce__user_role') }}

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        users.id as owner_id,
        users.user_role_id as team_id,

        ---------- strings
        roles.name as team_name,

        ---------- booleans
        -- A Salesforce user has exactly one role.
        true as is_primary_team,

        ---------- lineage
        users._source,
        users._batch_id,
        users._loaded_at,
        users._file
    from users
    left join roles
        on users.user_role_id = roles.id

)

select * from renamed
