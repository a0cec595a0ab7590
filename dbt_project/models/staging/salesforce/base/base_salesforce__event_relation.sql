{#- Salesforce EventRelation, 1:1 with raw.salesforce__event_relation: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. With shared
    activities, one row per person of an Event (IsWhat false; IsParent for the people it is
    about, IsInvitee for the invited, users included) and one for its WhatId (IsWhat true). -#}
with

source as (

    select * from {{ source('raw', 'salesforce__event_relation') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('event_id') }} as event_id,
        {{ salesforce_text('relation_id') }} as relation_id,
        {{ salesforce_text('account_id') }} as account_id,

        ---------- strings
        {{ salesforce_text('status') }} as status,
        {{ salesforce_text('response') }} as response,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,
        {{ try_cast('is_parent', 'boolean') }} as is_parent,
        {{ try_cast('is_invitee', 'boolean') }} as is_invitee,
        {{ try_cast('is_what', 'boolean') }} as is_what,

        ---------- timestamps
        {{ salesforce_timestamp('responded_date') }} as responded_date,
        {{ salesforce_timestamp('created_date') }} as created_date,
        {{ salesforce_timestamp('last_modified_date') }} as last_modified_date,
        {{ salesforce_timestamp('system_modstamp') }} as system_modstamp,

        ---------- lineage
        _extra,
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
