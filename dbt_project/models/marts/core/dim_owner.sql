{#- Reps: int_owners__roles (teams and the role their name gives) as published. -#}
with

owners as (

    select * from {{ ref('int_owners__roles') }}

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
        updated_at
    from owners

)

select * from final
