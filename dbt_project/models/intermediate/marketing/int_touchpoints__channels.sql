{#- The channel of each distinct combination of the attributes channel rules read: the
    first rule of seed `channel_grouping` (by priority) that matches. Computed once per
    combination, not per touch, so it stays small at any scale. -#}
with

combinations as (

    select distinct
        touch_type,
        coalesce(click_id_type, '(none)') as click_id_type,
        coalesce(utm_medium, '(none)') as utm_medium,
        coalesce(utm_source, '(none)') as utm_source,
        coalesce(referrer_domain, '(none)') as referrer_domain
    from {{ ref('int_touchpoints__unioned') }}

),

rules as (

    select
        priority,
        lower(touch_type) as touch_type,
        lower(click_id_type) as click_id_type,
        lower(utm_medium) as utm_medium,
        lower(utm_source) as utm_source,
        lower(referrer_domain) as referrer_domain,
        channel
    from {{ ref('channel_grouping') }}

),

matched as (

    select
        combinations.*,
        rules.channel,
        rules.priority as channel_rule_priority
    from combinations
    inner join rules
        on
            rules.touch_type in ('*', lower(combinations.touch_type))
            and rules.click_id_type in ('*', lower(combinations.click_id_type))
            and rules.utm_medium in ('*', lower(combinations.utm_medium))
            and rules.utm_source in ('*', lower(combinations.utm_source))
            and (
                rules.referrer_domain in ('*', lower(combinations.referrer_domain))
                or (
                    combinations.referrer_domain != '(none)'
                    and lower(combinations.referrer_domain) like '%.' || rules.referrer_domain
                )
            )
    qualify row_number() over (
        partition by
            combinations.touch_type, combinations.click_id_type, combinations.utm_medium,
            combinations.utm_source, combinations.referrer_domain
        order by rules.priority
    ) = 1

)

select
    {{ surrogate_key(['touch_type', 'click_id_type', 'utm_medium', 'utm_source', 'referrer_domain']) }}
        as channel_combination_id,
    *
from matched
