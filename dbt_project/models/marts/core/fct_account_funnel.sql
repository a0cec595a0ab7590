{#- One row per account: an account enters a stage when its first contact does
    (fct_contact_funnel rolled up). `<stage>_is_inferred` is true when no contact of the
    account really entered the stage by then (every contact skipped it). The account's
    own CRM customer and churn dates sit beside the rolled-up ones. visitor_at only when
    the account's first visit came no later than its first lead. -#}
{%- set stages = canonical_stage_names(ref('canonical_stages')) %}
with

accounts as (

    select
        account_key,
        owner_key,
        customer_at as crm_customer_at,
        churned_at as crm_churned_at
    from {{ ref('dim_account') }}

),

contact_funnel as (

    select * from {{ ref('fct_contact_funnel') }}
    where account_key is not null

),

rolled_up as (

    select
        account_key,
        {%- for stage in stages %}
            min({{ stage }}_at) as {{ stage }}_at,
            min({{ stage }}_at) filter (where not {{ stage }}_is_inferred) as {{ stage }}_first_real_at,
        {%- endfor %}
        min(disqualified_at) as first_disqualified_at,
        min(churned_at) as churned_at,
        cast(sum(recycle_count) as bigint) as recycle_count,
        count(*) as contact_count
    from contact_funnel
    group by account_key

),

final as (

    select
        accounts.account_key,
        accounts.owner_key,
        -- A visit after the account was already a lead (a colleague's later visit) is not the
        -- account's anonymous-visitor stage, as for a contact.
        case
            when rolled_up.visitor_at <= rolled_up.lead_at then rolled_up.visitor_at
        end as visitor_at,
        {%- for stage in stages[1:] %}
            rolled_up.{{ stage }}_at,
        {%- endfor %}
        {%- for stage in stages %}
            coalesce(
                rolled_up.{{ stage }}_at is not null
                and (
                    rolled_up.{{ stage }}_first_real_at is null
                    or rolled_up.{{ stage }}_first_real_at > rolled_up.{{ stage }}_at
                ),
                false
            ) as {{ stage }}_is_inferred,
        {%- endfor %}
        rolled_up.first_disqualified_at,
        rolled_up.churned_at,
        accounts.crm_customer_at,
        accounts.crm_churned_at,
        coalesce(rolled_up.recycle_count, 0) as recycle_count,
        coalesce(rolled_up.contact_count, 0) as contact_count
    from accounts
    left join rolled_up
        on accounts.account_key = rolled_up.account_key

)

select * from final
