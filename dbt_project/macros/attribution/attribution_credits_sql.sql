{#- sqlfluff renders the untaken branches of these macros as whitespace-only variants and
    misreads their indentation: LT02 is off for this file. -#}
-- noqa: disable=LT02
{#- fct_attribution_credits of one attribution scope (macro attribution_scopes): every
    credit, conversion x eligible touch x model -> weight. A view over the wide
    int_attribution__touch_weights (one column per model of the seed attribution_models),
    restricted to the scope: nine models would make this nine times the eligible-touch table,
    and every mart aggregates the wide form instead. -#}
{% macro attribution_credits_sql(
    scope,
    conversions,
    touch_weights,
    attribution_models
) -%}
{%- set model_names = attribution_model_names(attribution_models) %}

with

conversions as (

    select * from {{ conversions }}

),

touch_weights as (

    select * from {{ touch_weights }}
    where attribution_scope = '{{ scope }}'

),

conversion_weights as (

    select
        touch_weights.conversion_id,
        touch_weights.conversion_stage,
        cast(conversions.conversion_stage_order as bigint) as conversion_stage_order,
        conversions.contact_key,
        conversions.opportunity_key,
        conversions.account_key,
        touch_weights.converted_at,
        cast(date_trunc('month', touch_weights.converted_at) as date) as conversion_month,
        conversions.is_inferred_conversion_time,
        cast(touch_weights.conversion_amount_usd as double) as conversion_amount_usd,
        touch_weights.touchpoint_id,
        touch_weights.touch_contact_key,
        touch_weights.touched_at,
        touch_weights.touch_type,
        touch_weights.channel,
        touch_weights.campaign_key,
        cast(touch_weights.touch_position as bigint) as touch_position,
        cast(touch_weights.touch_count as bigint) as touch_count,
        touch_weights.touch_role,
        touch_weights.is_first_touch,
        touch_weights.is_lead_creation_touch,
        touch_weights.is_opportunity_creation_touch,
        touch_weights.is_closed_won_touch,
        touch_weights.is_last_touch,
        {%- for model_name in model_names %}
            touch_weights.{{ model_name }}_weight{% if not loop.last %},{% endif %}
        {%- endfor %}
    from touch_weights
    inner join conversions on touch_weights.conversion_number = conversions.conversion_number

),

credits as (

    select *
    from conversion_weights
    unpivot include nulls (
        attribution_weight for attribution_model in (
            {%- for model_name in model_names %}
                {{ model_name }}_weight as {{ model_name }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
    )

),

final as (

    select
        conversion_id || '|' || touchpoint_id || '|' || attribution_model as credit_id,
        *,
        attribution_weight as credited_conversions,
        attribution_weight * conversion_amount_usd as credited_amount_usd
    from credits

)

select * from final
{%- endmacro %}
