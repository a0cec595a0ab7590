{#- Reps with their teams and the role the team name gives (HubSpot owners carry no
    role): a team named `SDR ...` / `BDR ...` makes a sales development rep, `AE ...` an
    account executive. The primary team decides, else the first team by name. -#}
with

owners as (

    select * from {{ ref('stg_crm__owners') }}

),

owner_teams as (

    select * from {{ ref('stg_crm__owner_teams') }}

),

teams as (

    select
        owner_id,
        list(team_name order by is_primary_team desc, team_name asc) as team_names,
        max(team_name) filter (where is_primary_team) as primary_team_name,
        max(team_id) filter (where is_primary_team) as primary_team_id
    from owner_teams
    group by owner_id

),

final as (

    select
        {{ crm_key('owners.owner_id') }} as owner_key,
        owners.owner_id as hubspot_owner_id,
        owners.user_id,
        owners.email,
        owners.email_normalized,
        owners.first_name,
        owners.last_name,
        nullif(trim(concat_ws(' ', owners.first_name, owners.last_name)), '') as full_name,
        coalesce(teams.primary_team_name, teams.team_names[1]) as primary_team_name,
        teams.primary_team_id,
        coalesce(teams.team_names, []) as team_names,
        case
            when regexp_matches(
                upper(coalesce(teams.primary_team_name, teams.team_names[1])),
                '^(SDR|BDR)\b'
            ) then 'sdr'
            when regexp_matches(
                upper(coalesce(teams.primary_team_name, teams.team_names[1])),
                '^AE\b'
            ) then 'ae'
        end as role,
        owners.is_archived,
        owners.created_at,
        owners.updated_at
    from owners
    left join teams
        on owners.owner_id = teams.owner_id

)

select * from final
