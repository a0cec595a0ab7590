{#- Salesforce Accounts in the columns of stg_hubspot__companies: the domain is the host of
    Website (no scheme, `www.` or path), the stage dates are the Account's date stamps. -#}
with

accounts as (

    select * from {{ ref('base_salesforce__account') }}

),

renamed as (

    select
        'salesforce' as source_system,

        ---------- ids
        id as company_id,
        owner_id,

        ---------- strings
        name as company_name,
        {{ salesforce_website_domain('website') }} as domain,
        {{ normalize_email(salesforce_website_domain('website')) }} as domain_normalized,
        industry,
        billing_country as country,
        lifecycle_stage_c as lifecycle_stage,

        ---------- numerics
        number_of_employees,

        ---------- booleans
        -- Deleted or merged away: kept here, left out of core unless var include_archived.
        coalesce(is_deleted, false) as is_archived,

        ---------- timestamps
        lead_date_c as became_lead_at,
        opportunity_date_c as became_opportunity_at,
        customer_date_c as became_customer_at,
        churn_date_c as churned_at,
        created_date as created_at,
        last_modified_date as updated_at,
        -- Salesforce keeps no deletion time: the last system change of a deleted record.
        case when is_deleted then system_modstamp end as archived_at,

        ---------- custom fields (seed custom_fields): typed columns named by their alias
        {{ salesforce_custom_field_columns(ref('custom_fields'), 'companies') }}

        ---------- lineage
        _source,
        _batch_id,
        _loaded_at,
        _file
    from accounts

)

select * from renamed
