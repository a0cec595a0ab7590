with

source as (

    select * from {{ source('raw', 'hubspot__owners') }}
    {{ deduplicate('id', hubspot_newest_version_first()) }}

),

teams as (

    select
        id,
        unnest(from_json(teams, '[{"id": "VARCHAR", "name": "VARCHAR", "primary": "BOOLEAN"}]')) as team,
        _source,
        _batch_id,
        _loaded_at,
        _file
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as owner_id,
        team.id as team_id,

        ---------- strings
        team.name as team_name,

        ---------- booleans
        coalesce(team.primary, false) as is_primary_team,

        ---------- lineage
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from teams

)

select * from renamed
