{#- Company churn (churn_date) as a stage change of each contact of the account that had
    become a customer by then (the CRM's contact stage history, mapped through the seed
    stage_mapping, reached var `churn_applies_from_stage`, default customer). A date only:
    the change is at midnight UTC and flagged inferred. -#}
with

companies as (

    select * from {{ ref('stg_crm__companies') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

contact_stage_changes as (

    select * from {{ ref('int_lifecycle__contact_stage_changes') }}

),

stage_mapping as (

    select * from {{ ref('stage_mapping') }}

),

canonical_stages as (

    select * from {{ ref('canonical_stages') }}

),

company_churn as (

    select
        {{ crm_key('company_id') }} as account_key,
        source_system,
        company_id,
        churned_at
    from companies
    where churned_at is not null

),

mapped_stages as (

    select
        source_system,
        source_field,
        source_value,
        canonical_stage
    from stage_mapping
    where nullif(trim(canonical_stage), '') is not null

),

-- Churn only concerns the contacts that had become customers by then.
customer_changes as (

    select
        contact_stage_changes.contact_key,
        min(contact_stage_changes.changed_at) as first_customer_at
    from contact_stage_changes
    inner join mapped_stages
        on
            contact_stage_changes.source_system = mapped_stages.source_system
            and contact_stage_changes.source_field = mapped_stages.source_field
            and contact_stage_changes.source_value = mapped_stages.source_value
    inner join canonical_stages
        on mapped_stages.canonical_stage = canonical_stages.stage
    inner join canonical_stages as churn_applies_from
        on churn_applies_from.stage = '{{ var("churn_applies_from_stage", "customer") }}'
    where canonical_stages.stage_order >= churn_applies_from.stage_order
    group by contact_stage_changes.contact_key

),

final as (

    select
        {{ surrogate_key(['company_churn.source_system', 'company_churn.company_id', "'churn_date'",
                          'contact_accounts.contact_key']) }} as stage_change_id,
        contact_accounts.contact_key,
        company_churn.churned_at as changed_at,
        company_churn.source_system,
        'churn_date' as source_field,
        '*' as source_value,
        company_churn.company_id as source_record_id,
        cast(null as varchar) as nurture_program,
        true as is_inferred
    from company_churn
    inner join contact_accounts
        on company_churn.account_key = contact_accounts.account_key
    inner join customer_changes
        on
            contact_accounts.contact_key = customer_changes.contact_key
            and company_churn.churned_at >= customer_changes.first_customer_at

)

select * from final
