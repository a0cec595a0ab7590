{#- Salesforce Lead, 1:1 with raw.salesforce__lead: the newest version of each Id
    (highest SystemModstamp), typed; names stay the raw (API field) names. -#}
with

source as (

    select * from {{ source('raw', 'salesforce__lead') }}
    {{ deduplicate('id', salesforce_newest_version_first()) }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as id,
        {{ salesforce_text('master_record_id') }} as master_record_id,
        {{ salesforce_text('owner_id') }} as owner_id,
        {{ salesforce_text('converted_account_id') }} as converted_account_id,
        {{ salesforce_text('converted_contact_id') }} as converted_contact_id,
        {{ salesforce_text('converted_opportunity_id') }} as converted_opportunity_id,

        ---------- strings
        {{ salesforce_text('first_name') }} as first_name,
        {{ salesforce_text('last_name') }} as last_name,
        {{ salesforce_text('email') }} as email,
        {{ salesforce_text('title') }} as title,
        {{ salesforce_text('company') }} as company,
        {{ salesforce_text('industry') }} as industry,
        {{ salesforce_text('country') }} as country,
        {{ salesforce_text('status') }} as status,
        {{ salesforce_text('lead_source') }} as lead_source,
        {{ salesforce_text('lifecycle_stage_c') }} as lifecycle_stage_c,
        {{ salesforce_text('seniority_c') }} as seniority_c,
        {{ salesforce_text('persona_c') }} as persona_c,
        {{ salesforce_text('visitor_id_c') }} as visitor_id_c,
        {{ salesforce_text('nurture_program_c') }} as nurture_program_c,
        -- Disqualification_Reason__c joined the contract in issue 15: a raw table loaded
        -- before has no such column (the row as JSON then lacks it) and keeps the field in
        -- `_extra`, the fields outside the contract.
        coalesce(
            {{ salesforce_text("to_json(source) ->> '$.disqualification_reason_c'") }},
            {{ salesforce_text("_extra ->> '$.Disqualification_Reason__c'") }}
        ) as disqualification_reason_c,

        ---------- numerics
        {{ try_cast(salesforce_text('number_of_employees'), 'bigint') }} as number_of_employees,

        ---------- booleans
        {{ try_cast('is_deleted', 'boolean') }} as is_deleted,
        {{ try_cast('is_converted', 'boolean') }} as is_converted,
        {{ try_cast('decision_maker_c', 'boolean') }} as decision_maker_c,
        {{ try_cast('bant_budget_c', 'boolean') }} as bant_budget_c,
        {{ try_cast('bant_authority_c', 'boolean') }} as bant_authority_c,
        {{ try_cast('bant_need_c', 'boolean') }} as bant_need_c,
        {{ try_cast('bant_timeline_c', 'boolean') }} as bant_timeline_c,

        ---------- dates
        {{ salesforce_date('converted_date') }} as converted_date,

        ---------- timestamps
        {{ salesforce_timestamp('created_date') }} as created_date,
        {{ salesforce_timestamp('last_modified_date') }} as last_modified_date,
        {{ salesforce_timestamp('system_modstamp') }} as system_modstamp,
        {{ salesforce_timestamp('lead_date_c') }} as lead_date_c,
        {{ salesforce_timestamp('mql_date_c') }} as mql_date_c,
        {{ salesforce_timestamp('sql_date_c') }} as sql_date_c,
        {{ salesforce_timestamp('opportunity_date_c') }} as opportunity_date_c,
        {{ salesforce_timestamp('customer_date_c') }} as customer_date_c,
        {{ salesforce_timestamp('evangelist_date_c') }} as evangelist_date_c,

        ---------- lineage
        _extra,
        _source,
        _batch_id,
        {{ tz_to_utc_timestamp('_loaded_at') }} as _loaded_at,
        _file
    from source

)

select * from renamed
