{#- Salesforce Users (record owners) in the columns of stg_hubspot__owners; the user is its
    own owner (user_id = owner_id); an inactive user is archived. -#}
with

users as (

    select * from {{ ref('base_salesforce__user') }}

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        id as owner_id,
        id as user_id,

        ---------- strings
        email,
        {{ normalize_email('email') }} as email_normalized,
        first_name,
        last_name,

        ---------- booleans
        not coalesce(is_active, true) as is_archived,

        ---------- timestamps
        created_date as created_at,
        last_modified_date as updated_at,

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from users

)

select * from renamed
