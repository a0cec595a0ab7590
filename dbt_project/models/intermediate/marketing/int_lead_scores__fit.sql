{#- The fit part of the lead score (seed lead_score_weights, component `fit`) of each
    contact, from the survivor's attributes, the account's employees and industry where the
    contact's own are missing. company_size rows are (minimum employees, points): the
    largest minimum reached wins. -#}
with

weights as (

    select * from {{ ref('lead_score_weights') }}

),

survivors as (

    select * from {{ ref('int_contacts__survivors') }}

),

contact_accounts as (

    select * from {{ ref('int_contacts__accounts') }}

),

accounts as (

    select * from {{ ref('int_accounts__unioned') }}

),

fit_weights as (

    select
        cast(points as integer) as points,
        value,
        match_on
    from weights
    where component = 'fit'

),

contacts as (

    select
        survivors.contact_key,
        survivors.created_at as lead_created_at,
        survivors.seniority,
        survivors.is_decision_maker,
        coalesce(survivors.number_of_employees, accounts.number_of_employees)
            as number_of_employees,
        coalesce(survivors.industry, accounts.industry) as industry
    from survivors
    left join contact_accounts
        on survivors.contact_key = contact_accounts.contact_key
    left join accounts
        on contact_accounts.account_key = accounts.account_key

),

fit_parts as (

    select
        contacts.contact_key,
        contacts.lead_created_at,
        coalesce(max(fit_weights.points) filter (
            where fit_weights.match_on = 'contact_seniority' and fit_weights.value = contacts.seniority
        ), 0) as seniority_points,
        coalesce(arg_max(
            fit_weights.points, ({{ try_cast('fit_weights.value', 'bigint') }}, fit_weights.points)
        ) filter (
            where fit_weights.match_on = 'minimum_employees'
            and contacts.number_of_employees >= {{ try_cast('fit_weights.value', 'bigint') }}
        ), 0) as company_size_points,
        coalesce(max(fit_weights.points) filter (
            where fit_weights.match_on = 'company_industry' and fit_weights.value = contacts.industry
        ), 0) as industry_points,
        coalesce(max(fit_weights.points) filter (
            where fit_weights.match_on = 'contact_decision_maker'
            and fit_weights.value = cast(coalesce(contacts.is_decision_maker, false) as varchar)
        ), 0) as decision_maker_points
    from contacts
    cross join fit_weights
    group by contacts.contact_key, contacts.lead_created_at

),

final as (

    select
        contact_key,
        lead_created_at,
        seniority_points + company_size_points + industry_points + decision_maker_points
            as fit_score,
        seniority_points,
        company_size_points,
        industry_points,
        decision_maker_points
    from fit_parts

)

select * from final
