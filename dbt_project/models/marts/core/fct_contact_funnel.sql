{#- One row per contact: the first time each canonical stage was entered, from
    fct_lifecycle_transitions. `<stage>_entered_at` is what really happened; `<stage>_at`
    fills a skipped stage with the first time the contact was at any later stage
    (flagged `<stage>_is_inferred`), so that the funnel is monotonic. Backward moves are
    transitions too, but a first-entered time never changes.
    visitor_at is the first web visit of the contact's visitor ids when it came at or
    before the lead was created: a person imported as a lead who visits later never was
    an anonymous visitor, so visitor is neither filled nor inferred. -#}
{#- Every canonical stage after the first (visitor, which comes from the web visits). -#}
{%- set stages = canonical_stage_names(ref('canonical_stages'))[1:] %}
{%- set side_states = {'disqualified': 'disqualified', 'recycled': 'recycled',
                       'nurture': 'nurture', 'churned': 'churned',
                       'closed_lost': 'closed_lost'} %}
with

contacts as (

    select
        contact_key,
        account_key,
        owner_key,
        nurture_program as crm_nurture_program
    from {{ ref('dim_contact') }}

),

transitions as (

    select * from {{ ref('fct_lifecycle_transitions') }}

),

visitors as (

    select
        contact_key,
        min(first_seen_at) as first_seen_at
    from {{ ref('int_visitors__stitched') }}
    group by contact_key

),

first_entered as (

    select
        contact_key,
        {%- for stage in stages %}
            min(transitioned_at) filter (where to_stage = '{{ stage }}') as {{ stage }}_entered_at,
        {%- endfor %}
        min(transitioned_at) filter (where to_stage = '{{ side_states.disqualified }}')
            as disqualified_at,
        min(transitioned_at) filter (where to_stage = '{{ side_states.churned }}') as churned_at,
        min(transitioned_at) filter (where to_stage = '{{ side_states.nurture }}')
            as first_nurture_at,
        count(*) filter (where to_stage = '{{ side_states.recycled }}') as recycle_count,
        count(*) filter (where to_stage = '{{ side_states.closed_lost }}') as closed_lost_count,
        arg_min(nurture_program, (transitioned_at, transition_number)) filter (
            where to_stage = '{{ side_states.nurture }}'
        ) as first_nurture_program,
        arg_max(to_stage, transition_number) as current_stage,
        arg_max(to_stage, to_stage_order) filter (where to_stage_order is not null)
            as highest_stage,
        count(*) as transition_count
    from transitions
    group by contact_key

),

filled as (

    select
        first_entered.*,
        {%- for stage in stages %}
            least(
                {%- for later in stages[loop.index0:] %}
                    first_entered.{{ later }}_entered_at{% if not loop.last %},{% endif %}
                {%- endfor %}
            ) as {{ stage }}_at{% if not loop.last %},{% endif %}
        {%- endfor %}
    from first_entered

),

final as (

    select
        contacts.contact_key,
        contacts.account_key,
        contacts.owner_key,
        -- The visit that creates a lead and the CRM's creation time are one moment on two
        -- clocks (the CRM's to the second): a visit within that second counts as before.
        case
            when date_trunc('second', visitors.first_seen_at) <= filled.lead_at
                then least(visitors.first_seen_at, filled.lead_at)
        end as visitor_at,
        {%- for stage in stages %}
            filled.{{ stage }}_at,
        {%- endfor %}
        false as visitor_is_inferred,
        {%- for stage in stages %}
            coalesce(
                filled.{{ stage }}_at is not null
                and (
                    filled.{{ stage }}_entered_at is null
                    or filled.{{ stage }}_entered_at > filled.{{ stage }}_at
                ),
                false
            ) as {{ stage }}_is_inferred,
        {%- endfor %}
        {%- for stage in stages %}
            filled.{{ stage }}_entered_at,
        {%- endfor %}
        filled.current_stage,
        filled.highest_stage,
        filled.disqualified_at,
        filled.churned_at,
        coalesce(filled.recycle_count, 0) as recycle_count,
        coalesce(filled.closed_lost_count, 0) as closed_lost_count,
        coalesce(filled.first_nurture_program, contacts.crm_nurture_program) as nurture_program,
        filled.first_nurture_at,
        case
            when filled.mql_at is not null and filled.first_nurture_at < filled.mql_at
                then 'through_nurture'
            when filled.mql_at is not null then 'fast_track'
            when
                filled.first_nurture_at is not null
                or contacts.crm_nurture_program is not null then 'in_nurture'
            else 'lead_only'
        end as path_type,
        {%- for stage in stages[:-1] %}
            {%- set next_stage = stages[loop.index] %}
            date_diff('second', filled.{{ stage }}_at, filled.{{ next_stage }}_at) / 86400.0
                as days_{{ stage }}_to_{{ next_stage }},
        {%- endfor %}
        coalesce(filled.transition_count, 0) as transition_count
    from contacts
    left join filled
        on contacts.contact_key = filled.contact_key
    left join visitors
        on contacts.contact_key = visitors.contact_key

)

select * from final
